// "Chi bộ 4 tốt" (RULES §6), a local emulation model: a cell is "4 tốt" when it is good at
// (1) its political task, (2) meeting quality, (3) unity and discipline, (4) cadres and
// members. Each party committee issues its own indicators and point scale, so the scale is a
// rule set of kind 'four-good' that a committee loads (src/domain/rules/four-good/ ships one
// example as a template). Counting the cells that reach it reuses the cell counting of
// org-counting.ts: a grassroots cell (chi bộ cơ sở) counts as a cell, a grassroots committee
// does not, and the split between cells under committees and grassroots cells is kept.
import { z } from 'zod';
import type { Reason } from './grading.ts';
import { GRADES, type Grade, gradeRank } from './grading-rules.ts';
import { type CountingRules, countingRulesOn, countOrganisations, type OrgUnit } from './org-counting.ts';
import { type RuleSet, ruleSetInForce } from './rules/load-rule-set.ts';

export const FOUR_GOOD_GROUPS = ['political_task', 'meeting_quality', 'unity_discipline', 'cadres_members'] as const;
export type FourGoodGroup = (typeof FOUR_GOOD_GROUPS)[number];

const label = z.object({ vi: z.string().min(1).max(1000), en: z.string().min(1).max(1000) });

export const fourGoodScaleSchema = z
  .object({
    notes: label,
    groups: z
      .array(
        z.object({
          key: z.enum(FOUR_GOOD_GROUPS),
          label,
          /** The group is "tốt" from this many points. */
          minPoints: z.number().min(0),
          criteria: z
            .array(z.object({ key: z.string().regex(/^[a-z0-9_]{1,50}$/), label, points: z.number().positive().max(1000) }))
            .min(1)
            .max(50),
        }),
      )
      .length(4),
    minTotal: z.number().min(0),
    /** The cell's own grade for the period must be at least this (null: not required). */
    minGrade: z.enum(GRADES).nullable(),
    /** No member of the cell disciplined in the period. */
    noDisciplinedMember: z.boolean(),
    ourReading: label.optional(),
  })
  .superRefine((scale, ctx) => {
    if (new Set(scale.groups.map((g) => g.key)).size !== 4) ctx.addIssue({ code: 'custom', message: 'grading.four_good.scale_groups', path: ['groups'] });
    const keys = scale.groups.flatMap((g) => g.criteria.map((c) => c.key));
    if (new Set(keys).size !== keys.length) ctx.addIssue({ code: 'custom', message: 'grading.four_good.scale_duplicate_key', path: ['groups'] });
    for (const [i, g] of scale.groups.entries()) {
      if (g.minPoints > g.criteria.reduce((s, c) => s + c.points, 0))
        ctx.addIssue({ code: 'custom', message: 'grading.four_good.scale_unreachable', path: ['groups', i] });
    }
    const total = scale.groups.reduce((s, g) => s + g.criteria.reduce((t, c) => t + c.points, 0), 0);
    if (scale.minTotal > total) ctx.addIssue({ code: 'custom', message: 'grading.four_good.scale_total_unreachable', path: ['minTotal'] });
  });
export type FourGoodScale = z.infer<typeof fourGoodScaleSchema>;

/** The scale a committee loaded, in force on `date` (nearest unit first). No built-in default: a committee issues its own. */
export function fourGoodScaleOn(date: string, candidates: readonly RuleSet[]): RuleSet<FourGoodScale> {
  return ruleSetInForce('four-good', date, fourGoodScaleSchema, candidates);
}

export interface FourGoodFacts {
  /** Points given per criterion key; a criterion not scored earns 0. */
  scores: Readonly<Record<string, number>>;
  /** The cell's grade for the period, once decided. */
  grade: Grade | null;
  disciplinedMembers: number;
}

export interface FourGoodResult {
  reached: boolean;
  points: number;
  maxPoints: number;
  groups: { key: FourGoodGroup; points: number; maxPoints: number; minPoints: number; reached: boolean }[];
  /** Why not, when not reached. */
  reasons: Reason[];
}

export function evaluateFourGood(scale: FourGoodScale, facts: FourGoodFacts): FourGoodResult {
  const reasons: Reason[] = [];
  const groups = FOUR_GOOD_GROUPS.map((key) => {
    const g = scale.groups.find((x) => x.key === key)!;
    let points = 0;
    for (const c of g.criteria) {
      const given = facts.scores[c.key] ?? 0;
      if (!(given >= 0 && given <= c.points)) throw new RangeError(`criterion ${c.key}: ${given} outside 0..${c.points}`);
      points += given;
    }
    const maxPoints = g.criteria.reduce((s, c) => s + c.points, 0);
    const reached = points >= g.minPoints;
    if (!reached)
      reasons.push({ key: 'grading.four_good.group_below', params: { group: `grading.four_good.group.${key}`, points, min: g.minPoints, max: maxPoints } });
    return { key, points, maxPoints, minPoints: g.minPoints, reached };
  });
  const points = groups.reduce((s, g) => s + g.points, 0);
  const maxPoints = groups.reduce((s, g) => s + g.maxPoints, 0);
  if (points < scale.minTotal) reasons.push({ key: 'grading.four_good.total_below', params: { points, min: scale.minTotal, max: maxPoints } });
  if (scale.minGrade !== null) {
    const min = `grading.grade_short.${scale.minGrade}`;
    if (facts.grade === null) reasons.push({ key: 'grading.four_good.grade_missing', params: { min } });
    else if (gradeRank(facts.grade) > gradeRank(scale.minGrade)) {
      reasons.push({ key: 'grading.four_good.grade_below', params: { grade: `grading.grade_short.${facts.grade}`, min } });
    }
  }
  if (scale.noDisciplinedMember && facts.disciplinedMembers > 0)
    reasons.push({ key: 'grading.four_good.member_disciplined', params: { n: facts.disciplinedMembers } });
  return { reached: reasons.length === 0, points, maxPoints, groups, reasons };
}

export interface FourGoodCounts {
  /** Cells that reached "4 tốt": n = under committees + grassroots cells. */
  reached: { n: number; underCommittees: number; grassrootsCells: number };
  /** Every cell of the tree on the date, the denominator. */
  cells: { n: number; underCommittees: number; grassrootsCells: number };
}

/**
 * Cells reaching "4 tốt" among `units` (the tree as it was on `date`), with the split. Units in
 * `reached` that are not cells (a grassroots committee) are not counted.
 */
export function countFourGood(
  units: readonly OrgUnit[],
  reached: ReadonlySet<number>,
  date: string,
  rules: CountingRules = countingRulesOn(date).body,
): FourGoodCounts {
  return {
    reached: countOrganisations(
      units.filter((u) => reached.has(u.id)),
      date,
      rules,
    ).cells,
    cells: countOrganisations(units, date, rules).cells,
  };
}
