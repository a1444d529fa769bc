// Counting rules for grassroots organisations and cells. The shared contract gives them to
// the kinds lane (`countingRulesOn(date)` and `countOrganisations` in
// src/domain/org-counting.ts, a rule set with its source); until that lands on this branch
// the engine calls these stand-ins with the same names, so the switch is this one file.
// Interim rule (RULES.md §1c): a grassroots organisation is a đảng bộ cơ sở or a chi bộ
// cơ sở; a đảng bộ xã with no grassroots organisation under it is itself the grassroots
// committee of its cells (Bắc Bình: "Đảng bộ xã Bắc Bình: 11 chi bộ"). Cells = chi bộ
// under grassroots committees + chi bộ cơ sở, each reported apart.
import type { UnitKind } from '../../db/types.ts';

export interface CountingRules { code: string; source: string }
export interface CountedUnit { unitId: number; parentId: number | null; kind: UnitKind }
export interface OrganisationCounts {
  grassroots: { n: number; committees: number; cells: number };
  cells: { n: number; underCommittees: number; grassrootsCells: number };
}

export function countingRulesOn(_date: string): CountingRules {
  return { code: 'interim-rules-1c', source: 'RULES.md §1c; Điều lệ Đảng, Điều 21–24' };
}

/** Counts over a set of units that is closed under "parent in the set" (a subtree on one date). */
export function countOrganisations(units: readonly CountedUnit[], _rules: CountingRules): OrganisationCounts {
  const children = new Map<number, CountedUnit[]>();
  for (const u of units) if (u.parentId !== null) children.set(u.parentId, [...(children.get(u.parentId) ?? []), u]);
  const hasGrassrootsBelow = (id: number): boolean =>
    (children.get(id) ?? []).some((c) => c.kind === 'dang_bo_co_so' || c.kind === 'chi_bo_co_so' || hasGrassrootsBelow(c.unitId));
  let committees = 0;
  let grassrootsCells = 0;
  let underCommittees = 0;
  for (const u of units) {
    if (u.kind === 'dang_bo_co_so' || (u.kind === 'dang_bo_xa' && !hasGrassrootsBelow(u.unitId))) committees += 1;
    else if (u.kind === 'chi_bo_co_so') grassrootsCells += 1;
    else if (u.kind === 'chi_bo') underCommittees += 1;
  }
  return {
    grassroots: { n: committees + grassrootsCells, committees, cells: grassrootsCells },
    cells: { n: underCommittees + grassrootsCells, underCommittees, grassrootsCells },
  };
}
