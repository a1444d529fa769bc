// The grading rule set (RULES §1): the four grades, the point bands, the conditions that cap
// a grade, who is not graded, the HTXSNV quota and the reward for HTXSNV years running. Built-in
// sets are src/domain/rules/grading/*.json (QĐ 124-QĐ/TW for the 2023 and 2024 reviews, QĐ
// 366-QĐ/TW with HD 43 from 30/8/2025), read through load-rule-set.ts like every rule; a province
// loads its own as a unit rule set. A period is graded under the set in force on its END date,
// so a year decided under one text keeps it when a new one is loaded.
import { z } from 'zod';
import { type RuleSet, ruleSetInForce } from './rules/load-rule-set.ts';

/** Best first: the same four words for members and organisations. */
export const GRADES = ['htxsnv', 'httnv', 'htnv', 'khtnv'] as const;
export type Grade = (typeof GRADES)[number];

/** A criterion's rating under QĐ 124 (Xuất sắc / Tốt / Trung bình / Kém), best first. */
export const RATINGS = ['xuat_sac', 'tot', 'trung_binh', 'kem'] as const;
export type Rating = (typeof RATINGS)[number];

export const SUBJECTS = ['member', 'organisation'] as const;
export type Subject = (typeof SUBJECTS)[number];

/** 0 for the best grade; a higher rank is a lower grade. */
export const gradeRank = (g: Grade) => GRADES.indexOf(g);
export const ratingRank = (r: Rating) => RATINGS.indexOf(r);
/** The lower of two grades. */
export const lowerGrade = (a: Grade, b: Grade): Grade => (gradeRank(a) >= gradeRank(b) ? a : b);

/** The facts a condition may test; the engine derives them from GradingFacts (grading.ts). */
export const BOOLEAN_FACTS = [
  'disciplined_in_period',
  'degradation',
  'corruption_in_managed_unit',
  'shortcomings_remedied',
  'leadership_disciplined',
  'leadership_member_disciplined',
] as const;
/** Shares, tested in whole percent against n/of (exact: 100·n vs value·of). */
export const SHARE_FACTS = ['tasks_on_time', 'tasks_exceeded', 'tasks_completed', 'tasks_behind_schedule', 'subordinate_units_disciplined'] as const;
export const RATING_FACTS = ['lowest_criterion_rating', 'task_result_rating'] as const;
export const FACTS = [...BOOLEAN_FACTS, ...SHARE_FACTS, ...RATING_FACTS] as const;
export type FactKey = (typeof FACTS)[number];

const label = z.object({ vi: z.string().min(1).max(1000), en: z.string().min(1).max(1000) });
const key = z.string().regex(/^[a-z0-9_]{1,50}$/);

const conditionSchema = z.object({
  fact: z.enum(FACTS),
  op: z.enum(['lt', 'lte', 'gt', 'gte', 'eq']),
  value: z.union([z.boolean(), z.number().min(0).max(100), z.enum(RATINGS)]),
});
export type Condition = z.infer<typeof conditionSchema>;

const capSchema = z.object({
  key,
  subjects: z.array(z.enum(SUBJECTS)).min(1),
  /** When this holds, the grade is at most `cap`. */
  when: conditionSchema,
  cap: z.enum(GRADES),
  /** A fact not known (no tasks recorded, a rating not given): 'cap' keeps the grade down (a condition to reach a grade), 'ignore' does not (a condition that blocks). */
  whenUnknown: z.enum(['cap', 'ignore']),
  source: z.string().min(1).max(500),
  /** Set where the text leaves it open and chibo chose. */
  ourReading: label.optional(),
});
export type CapRule = z.infer<typeof capSchema>;

const exclusionSchema = z.discriminatedUnion('by', [
  z.object({
    key,
    by: z.literal('status'),
    statuses: z.array(z.enum(['mien_sinh_hoat', 'dinh_chi'])).min(1),
    source: z.string(),
    ourReading: label.optional(),
  }),
  z.object({ key, by: z.literal('admitted_within_months'), months: z.number().int().min(1).max(60), source: z.string(), ourReading: label.optional() }),
]);
export type ExclusionRule = z.infer<typeof exclusionSchema>;

export const gradingRulesSchema = z
  .object({
    notes: label,
    maxPoints: z.number().positive(),
    /** The grade the points give: the best band whose minimum is reached. */
    bands: z.array(z.object({ grade: z.enum(GRADES), minPoints: z.number().min(0) })).length(4),
    bandsSource: z.string(),
    bandsOurReading: label.optional(),
    /** The criteria a self-assessment scores, per subject; a subject's maxPoints add up to the scale's. */
    criteria: z
      .array(z.object({ key, subjects: z.array(z.enum(SUBJECTS)).min(1), label, maxPoints: z.number().positive() }))
      .min(1)
      .max(50),
    criteriaSource: z.string(),
    criteriaOurReading: label.optional(),
    /** The groups of similar roles the quota is counted within (a member's group is chosen when the roll is made). */
    roleGroups: z.array(z.object({ key, label })).min(1).max(20),
    caps: z.array(capSchema).max(100),
    exclusions: z.array(exclusionSchema).max(20),
    quota: z.object({
      enabled: z.boolean(),
      grade: z.enum(GRADES),
      ofGrade: z.enum(GRADES),
      /** Whole percent, so the limit is exact integer arithmetic: floor(maxPercent × of / 100). */
      maxPercent: z.number().int().min(0).max(100),
      source: z.string(),
      ourReading: label.optional(),
    }),
    reward: z.object({ grade: z.enum(GRADES), consecutiveYears: z.number().int().min(1).max(20), source: z.string(), ourReading: label.optional() }),
    /**
     * Older texts name the organisations' grades otherwise ("Trong sạch, vững mạnh" for the top
     * one under QĐ 132 and before): a set of that scale gives its words for every grade; results and
     * decisions of a period graded under it show them.
     */
    organisationGradeLabels: z.record(z.enum(GRADES), label).optional(),
  })
  .superRefine((rules, ctx) => {
    if (new Set(rules.bands.map((b) => b.grade)).size !== 4) ctx.addIssue({ code: 'custom', message: 'grading.rules.bands_each_grade', path: ['bands'] });
    if (!rules.bands.some((b) => b.minPoints === 0)) ctx.addIssue({ code: 'custom', message: 'grading.rules.bands_need_floor', path: ['bands'] });
    for (const [i, b] of rules.bands.entries())
      if (b.minPoints > rules.maxPoints)
        ctx.addIssue({ code: 'custom', message: 'grading.rules.band_over_max', path: ['bands', i, 'minPoints'], params: { max: rules.maxPoints } });
    const ordered = [...rules.bands].sort((a, b) => gradeRank(a.grade) - gradeRank(b.grade));
    if (ordered.some((b, i) => i > 0 && b.minPoints >= ordered[i - 1]!.minPoints)) {
      ctx.addIssue({ code: 'custom', message: 'grading.rules.bands_order', path: ['bands'] });
    }
    if (new Set(rules.criteria.map((c) => c.key)).size !== rules.criteria.length)
      ctx.addIssue({ code: 'custom', message: 'grading.rules.duplicate_key', path: ['criteria'] });
    for (const subject of SUBJECTS) {
      const total = rules.criteria.filter((c) => c.subjects.includes(subject)).reduce((s, c) => s + c.maxPoints, 0);
      if (total !== rules.maxPoints) ctx.addIssue({ code: 'custom', message: 'grading.rules.criteria_total', path: ['criteria'], params: { subject, total } });
    }
    const keys = new Set<string>();
    for (const [i, c] of rules.caps.entries()) {
      if (keys.has(c.key)) ctx.addIssue({ code: 'custom', message: 'grading.rules.duplicate_key', path: ['caps', i, 'key'] });
      keys.add(c.key);
      if (!valueFits(c.when)) ctx.addIssue({ code: 'custom', message: 'grading.rules.bad_condition', path: ['caps', i, 'when'] });
    }
  });
export type GradingRules = z.infer<typeof gradingRulesSchema>;

/** A boolean fact takes eq true/false, a share a percent, a rating a rating word. */
function valueFits(c: Condition): boolean {
  if ((BOOLEAN_FACTS as readonly string[]).includes(c.fact)) return typeof c.value === 'boolean' && c.op === 'eq';
  if ((SHARE_FACTS as readonly string[]).includes(c.fact)) return typeof c.value === 'number';
  return typeof c.value === 'string';
}

/** The grading rules in force on `date`; `candidates` are sets units loaded, nearest first. */
export function gradingRulesOn(date: string, candidates: readonly RuleSet[] = []): RuleSet<GradingRules> {
  return ruleSetInForce('grading', date, gradingRulesSchema, candidates);
}

export const PERIOD_KINDS = ['year', 'quarter', 'term', 'ad_hoc'] as const;
export type PeriodKind = (typeof PERIOD_KINDS)[number];
/** A grading period, dates 'YYYY-MM-DD', both included. */
export interface GradingPeriod {
  kind: PeriodKind;
  start: string;
  end: string;
}

export const yearPeriod = (year: number): GradingPeriod => ({ kind: 'year', start: `${year}-01-01`, end: `${year}-12-31` });

/** "Quý 1/2026": 1/1–31/3/2026. */
export function quarterPeriod(year: number, quarter: 1 | 2 | 3 | 4): GradingPeriod {
  const first = String(quarter * 3 - 2).padStart(2, '0');
  const last = quarter * 3;
  const lastDay = new Date(Date.UTC(year, last, 0)).getUTCDate();
  return { kind: 'quarter', start: `${year}-${first}-01`, end: `${year}-${String(last).padStart(2, '0')}-${lastDay}` };
}

/** A period is graded under the rule set in force on its end date, whatever today's is. */
export function gradingRulesForPeriod(period: GradingPeriod, candidates: readonly RuleSet[] = []): RuleSet<GradingRules> {
  if (period.end < period.start) throw new RangeError(`period ends ${period.end} before it starts ${period.start}`);
  return gradingRulesOn(period.end, candidates);
}
