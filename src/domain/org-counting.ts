// Counting party organisations (RULES §1c): which units are grassroots organisations (tổ
// chức cơ sở đảng) on a date, and cells = cells under grassroots committees + grassroots
// cells (chi bộ cơ sở), each reported apart. Which kinds count is a rule set
// (src/domain/rules/org-counting/, read through load-rule-set.ts), because the answer
// changed on 1/7/2025, when đảng bộ xã moved from under the districts to under the provinces.
import { z } from 'zod';
import type { UnitKind } from '../db/types.ts';
import { type RuleSet, ruleSetInForce } from './rules/load-rule-set.ts';
import { UNIT_KINDS } from './unit-tree.ts';

const kinds = z.array(z.enum(UNIT_KINDS as [UnitKind, ...UnitKind[]]));

export const countingRulesSchema = z.object({
  /** Always a grassroots committee (đảng bộ cơ sở). */
  grassrootsCommittees: kinds,
  /** A grassroots committee only on a date it holds at least one cell directly (đảng bộ xã from 1/7/2025). */
  committeesHoldingCells: kinds,
  /** Grassroots cells (chi bộ cơ sở): a grassroots organisation and a cell. */
  grassrootsCells: kinds,
  /** Cells under a grassroots committee (chi bộ). */
  cellsUnderCommittees: kinds,
  notes: z.object({ vi: z.string(), en: z.string() }),
});
export type CountingRules = z.infer<typeof countingRulesSchema>;

/** The counting rules in force on `date`; `candidates` are sets units loaded, nearest first. */
export function countingRulesOn(date: string, candidates: readonly RuleSet[] = []): RuleSet<CountingRules> {
  return ruleSetInForce('org-counting', date, countingRulesSchema, candidates);
}

export interface OrgUnit {
  id: number;
  kind: UnitKind;
  parentId: number | null;
}

export interface OrganisationCounts {
  /** Grassroots organisations: n = committees + cells (chi bộ cơ sở). */
  grassroots: { n: number; committees: number; cells: number };
  /** Cells: n = under grassroots committees + grassroots cells. */
  cells: { n: number; underCommittees: number; grassrootsCells: number };
}

/**
 * Counts the grassroots organisations and cells among `units` (the tree as it was on `date`,
 * each with its parent then). A unit "holds a cell directly" when a chi bộ of the list names it
 * as parent, so pass the whole subtree being counted.
 */
export function countOrganisations(units: readonly OrgUnit[], date: string, rules: CountingRules = countingRulesOn(date).body): OrganisationCounts {
  // A commune committee holding only grassroots cells is their superior level, not their committee.
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
