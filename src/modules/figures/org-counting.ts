// Counting rules for grassroots organisations and cells. The shared contract gives them to
// the kinds lane (`countingRulesOn(date)` and `countOrganisations(units, date, rules)` in
// src/domain/org-counting.ts, a rule set with its source); until that lands on this
// branch the engine calls these stand-ins with the same names and the same two rule sets
// (Điều lệ Đảng Art. 21 before 1/7/2025; QĐ 294 after: a đảng bộ xã is a grassroots
// committee when it holds a chi bộ directly), so the switch is this one file.
import type { UnitKind } from '../../db/types.ts';

export interface CountingRules {
  grassrootsCommittees: UnitKind[];
  committeesHoldingCells: UnitKind[];
  grassrootsCells: UnitKind[];
  cellsUnderCommittees: UnitKind[];
}
export interface OrgUnit { id: number; kind: UnitKind; parentId: number | null }
export interface OrganisationCounts {
  grassroots: { n: number; committees: number; cells: number };
  cells: { n: number; underCommittees: number; grassrootsCells: number };
}

export function countingRulesOn(date: string): { code: string; source: string; body: CountingRules } {
  return date < '2025-07-01'
    ? { code: 'dieu-le-21', source: 'Điều lệ Đảng Cộng sản Việt Nam (Đại hội XI, 2011), Điều 21; Quy định 24-QĐ/TW ngày 30/7/2021 thi hành Điều lệ Đảng',
        body: { grassrootsCommittees: ['dang_bo_co_so', 'dang_bo_xa'], committeesHoldingCells: [], grassrootsCells: ['chi_bo_co_so'], cellsUnderCommittees: ['chi_bo'] } }
    : { code: 'qd294-xa-2025', source: 'Điều lệ Đảng, Điều 21; Quy định 294-QĐ/TW (2025) thi hành Điều lệ Đảng; Hướng dẫn 31-HD/BTCTW ngày 23/4/2025',
        body: { grassrootsCommittees: ['dang_bo_co_so'], committeesHoldingCells: ['dang_bo_xa'], grassrootsCells: ['chi_bo_co_so'], cellsUnderCommittees: ['chi_bo'] } };
}

/** Counts over the units of one subtree on `date`, each with its parent then. */
export function countOrganisations(units: readonly OrgUnit[], date: string, rules: CountingRules = countingRulesOn(date).body): OrganisationCounts {
  const holdsCell = new Set<number>();
  for (const u of units) if (u.parentId !== null && rules.cellsUnderCommittees.includes(u.kind)) holdsCell.add(u.parentId);
  let committees = 0;
  let grassrootsCells = 0;
  let underCommittees = 0;
  for (const u of units) {
    if (rules.grassrootsCommittees.includes(u.kind) || (rules.committeesHoldingCells.includes(u.kind) && holdsCell.has(u.id))) committees++;
    if (rules.grassrootsCells.includes(u.kind)) grassrootsCells++;
    if (rules.cellsUnderCommittees.includes(u.kind)) underCommittees++;
  }
  return {
    grassroots: { n: committees + grassrootsCells, committees, cells: grassrootsCells },
    cells: { n: underCommittees + grassrootsCells, underCommittees, grassrootsCells },
  };
}
