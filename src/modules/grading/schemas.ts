// The grading workflow (issue 9): schemas in and out. Grades, criteria and facts are the
// rule engine's own words (src/domain/grading-rules.ts); the rule set fixed on the period
// says which criteria a self-assessment scores.

import { z } from 'zod';
import { addMonths } from '../../domain/calendar.ts';
import { fourGoodScaleSchema } from '../../domain/four-good.ts';
import { UNIT_COMMITMENTS } from '../../domain/grading-commitments.ts';
import { GRADES, gradingRulesSchema, PERIOD_KINDS, RATINGS } from '../../domain/grading-rules.ts';
import { recordId, recordIdText } from '../../http/record-id.ts';
import { decisionNumber, isoDate } from '../units/schemas.ts';

const key = z.string().regex(/^[a-z0-9_]{1,50}$/);
const grade = z.enum(GRADES);
const text = (max: number) => z.string().trim().min(1).max(max);
/** Points per criterion key; the rule set of the period checks keys and maxima. */
const scores = z.record(key, z.number().min(0).max(1000)).refine((s) => Object.keys(s).length <= 50, { message: 'grading.too_many_criteria' });

export const unitIdParams = z.strictObject({ unitId: recordIdText });

export const openPeriodBody = z
  .strictObject({
    unitId: recordId,
    kind: z.enum(PERIOD_KINDS),
    /** Shown in lists: "Năm 2025", "Quý 1/2026"; made from the dates when left out. */
    name: text(200).optional(),
    startsOn: isoDate,
    endsOn: isoDate,
  })
  .refine((b) => b.endsOn >= b.startsOn, { message: 'grading.ends_before_start', path: ['endsOn'] })
  // A quarter spans at most 3 months and a year 12: a longer one is a term or an ad hoc period.
  .refine((b) => b.kind !== 'quarter' || b.endsOn < addMonths(b.startsOn, 3), { message: 'grading.quarter_too_long', path: ['endsOn'] })
  .refine((b) => b.kind !== 'year' || b.endsOn < addMonths(b.startsOn, 12), { message: 'grading.year_too_long', path: ['endsOn'] });
export type OpenPeriodInput = z.infer<typeof openPeriodBody>;

export const periodsQuery = z.strictObject({ unitId: recordIdText });

/** The rule set a period for the unit ending on `endsOn` would use, shown before it is opened. */
export const ruleSetQuery = z.strictObject({ unitId: recordIdText, endsOn: isoDate });
const bandsOut = z.array(z.object({ grade, minPoints: z.number() }));
const criteriaOut = z.array(z.object({ key: z.string(), subjects: z.array(z.string()), label: z.string(), maxPoints: z.number() }));
export const ruleSetOut = z.object({
  code: z.string(),
  version: z.string(),
  title: z.string(),
  source: z.string(),
  effectiveFrom: z.string(),
  /** A set the unit or a unit above it loaded, not a built-in one. */
  ownSet: z.boolean(),
  maxPoints: z.number(),
  bands: bandsOut,
  criteria: criteriaOut,
});

/** Forms 2A (members), 2B (members holding a leading post), 2C (collectives): their text fields as free text. */
const forms = z.strictObject({
  form: z.enum(['2A', '2B', '2C']),
  fields: z.record(key, z.string().max(10_000)).refine((f) => Object.keys(f).length <= 30, { message: 'grading.too_many_fields' }),
});

export type FormsInput = z.infer<typeof forms>;

export const selfAssessmentBody = z.strictObject({ scores, selfGrade: grade, forms: forms.optional() });
export type SelfAssessmentInput = z.infer<typeof selfAssessmentBody>;

/** The facts the engine's caps test, as the cell appraised them (what chibo holds fills in what the cell leaves out). */
const facts = z.strictObject({
  tasks: z
    .strictObject({
      total: z.number().int().min(0).max(10_000),
      onTime: z.number().int().min(0).max(10_000),
      exceeded: z.number().int().min(0).max(10_000),
      completed: z.number().int().min(0).max(10_000),
      behindSchedule: z.number().int().min(0).max(10_000),
    })
    .optional(),
  criterionRatings: z.record(key, z.enum(RATINGS)).optional(),
  taskResultRating: z.enum(RATINGS).optional(),
  disciplinedInPeriod: z.boolean().optional(),
  degradation: z.boolean().optional(),
  corruptionInManagedUnit: z.boolean().optional(),
  shortcomingsRemedied: z.boolean().optional(),
  leadershipDisciplined: z.boolean().optional(),
  leadershipMemberDisciplined: z.boolean().optional(),
  subordinateUnits: z.strictObject({ total: z.number().int().min(0).max(10_000), disciplined: z.number().int().min(0).max(10_000) }).optional(),
});
export type FactsInput = z.infer<typeof facts>;

export const proposalBody = z.strictObject({
  scores,
  facts: facts.optional(),
  /** The grade the cell proposes; at most what the rules allow on these points and facts. Left out: the rules' grade. */
  grade: grade.optional(),
  /** The group of similar roles the quota counts the member in (a key of the rule set's roleGroups). */
  roleGroup: key.optional(),
  note: text(5000).optional(),
});
export type ProposalInput = z.infer<typeof proposalBody>;

export const decisionsBody = z.strictObject({
  decisions: z
    .array(
      z.strictObject({
        entryId: recordId,
        /** Left out: the proposed grade. */
        grade: grade.optional(),
        /** Organisations: recognised "Chi bộ 4 tốt" by the deciding level. */
        fourGood: z.boolean().optional(),
      }),
    )
    .min(1)
    .max(5000),
  decidedOn: isoDate,
  decisionNumber: decisionNumber.optional(),
});
export type DecisionsInput = z.infer<typeof decisionsBody>;

export const amendmentBody = z.strictObject({ grade, reason: text(2000), decisionNumber: decisionNumber.optional() });
export type AmendmentInput = z.infer<typeof amendmentBody>;

export const decisionDocxQuery = z.strictObject({ subject: z.enum(['member', 'organisation']), decisionNumber: decisionNumber.optional() });

export const GRADING_RULE_SET_KINDS = ['grading', 'four-good'] as const;
export type GradingRuleSetKind = (typeof GRADING_RULE_SET_KINDS)[number];
const ruleSetCode = z
  .string()
  .trim()
  .regex(/^[a-z0-9-]{2,60}$/, { message: 'grading.bad_rule_set_code' });
const ownSet = {
  unitId: recordId,
  code: ruleSetCode,
  title: text(300),
  source: text(500).optional(),
  effectiveFrom: isoDate,
  effectiveTo: isoDate.nullable().optional(),
};
export const loadGradingRuleSetBody = z.union([
  /** Adopt a built-in set as it is (e.g. the example "Chi bộ 4 tốt" scale). */
  z.strictObject({
    unitId: recordId,
    kind: z.enum(GRADING_RULE_SET_KINDS),
    templateCode: z.string().min(1).max(100),
    effectiveFrom: isoDate,
    effectiveTo: isoDate.nullable().optional(),
  }),
  /** The unit's own criteria, point bands, caps, quota… (the engine's schema, src/domain/grading-rules.ts). */
  z.strictObject({ ...ownSet, kind: z.literal('grading'), rules: gradingRulesSchema }),
  /** The unit's own "Chi bộ 4 tốt" scale (src/domain/four-good.ts). */
  z.strictObject({ ...ownSet, kind: z.literal('four-good'), rules: fourGoodScaleSchema }),
]);
export type LoadGradingRuleSetInput = z.infer<typeof loadGradingRuleSetBody>;
/** `ruleKind`, not `kind`: a query's `kind` is a meeting's kind everywhere else in the API. */
export const gradingRuleSetsQuery = z.strictObject({ unitId: recordIdText, ruleKind: z.enum(GRADING_RULE_SET_KINDS), on: isoDate.optional() });
const ruleSetRef = z.object({
  code: z.string(),
  version: z.string(),
  title: z.string(),
  source: z.string(),
  origin: z.enum(['builtin', 'unit']),
  unitId: z.number().nullable(),
  use: z.enum(['default', 'template']),
  effectiveFrom: z.string(),
  effectiveTo: z.string().nullable(),
});
export const gradingRuleSetsOut = z.object({
  kind: z.enum(GRADING_RULE_SET_KINDS),
  date: z.string(),
  /** The set in force for the unit on the date, with its body; null when none is ("4 tốt" before a committee loads one). */
  inForce: ruleSetRef.extend({ body: z.unknown() }).nullable(),
  available: z.array(ruleSetRef),
});

export const resultsQuery = z
  .strictObject({ unitId: recordIdText, startsOn: isoDate, endsOn: isoDate })
  .refine((q) => q.endsOn >= q.startsOn, { message: 'grading.ends_before_start', path: ['endsOn'] });

const reason = z.object({ key: z.string(), params: z.record(z.string(), z.union([z.string(), z.number()])), text: z.string() });
const step = z.object({ by: z.string().nullable(), at: z.string() }).nullable();

export const periodOut = z.object({
  id: z.number(),
  unitId: z.number(),
  unitName: z.string(),
  kind: z.enum(PERIOD_KINDS),
  name: z.string(),
  startsOn: z.string(),
  endsOn: z.string(),
  ruleSet: z.object({ code: z.string(), version: z.string(), unitRuleSetId: z.number().nullable(), title: z.string() }),
  openedAt: z.string(),
});
export const periodsOut = z.object({ items: z.array(periodOut) });

export const memberCommitmentBody = z.strictObject({
  year: z.number().int().min(2000).max(2100),
  /** What the member will study and do following Hồ Chí Minh's example. */
  content: text(10_000),
  /** Their pledge (cam kết). */
  pledge: text(10_000),
});
export type MemberCommitmentInput = z.infer<typeof memberCommitmentBody>;

export const unitCommitmentBody = z.strictObject({
  year: z.number().int().min(2000).max(2100),
  kind: z.enum(UNIT_COMMITMENTS),
  content: text(10_000),
});
export type UnitCommitmentInput = z.infer<typeof unitCommitmentBody>;
export const commitmentsQuery = z.strictObject({ unitId: recordIdText, year: z.coerce.number().int().min(2000).max(2100) });

export const commitmentOut = z.object({
  id: z.number(),
  year: z.number(),
  kind: z.enum(['hoc_tap_lam_theo_bac', ...UNIT_COMMITMENTS]),
  memberId: z.number().nullable(),
  unitId: z.number().nullable(),
  content: z.string(),
  pledge: z.string().nullable(),
  registeredBy: z.string().nullable(),
  registeredAt: z.string(),
});
export type CommitmentOut = z.infer<typeof commitmentOut>;
export const commitmentsOut = z.object({ items: z.array(commitmentOut) });

/** What the system holds about the entry's member in the period, filled in automatically (entry-facts.ts). */
export const autoFactsOut = z.object({
  attendance: z.object({ meetings: z.number(), present: z.number(), absentExcused: z.number(), absentUnexcused: z.number() }),
  disciplines: z.array(z.object({ form: z.string(), decidedOn: z.string(), decisionNumber: z.string().nullable() })),
  /** Null while the system holds no task facts for the member. */
  tasks: z.object({ assigned: z.number(), doneOnTime: z.number(), exceeded: z.number(), late: z.number(), notDone: z.number(), open: z.number() }).nullable(),
  /** The residence cells' comments of the period's year (QĐ 213-QĐ/TW). */
  residenceComments: z.array(
    z.object({
      residenceUnitId: z.number(),
      residenceUnitName: z.string(),
      state: z.enum(['answered', 'pending', 'not_requested', 'not_asked']),
      category: z.string().nullable(),
      keepsContact: z.boolean().nullable(),
      fulfilsCitizenDuties: z.boolean().nullable(),
      comment: z.string().nullable(),
      answeredOn: z.string().nullable(),
    }),
  ),
});

export const entryOut = z.object({
  id: z.number(),
  periodId: z.number(),
  subject: z.enum(['member', 'organisation']),
  memberId: z.number().nullable(),
  unitId: z.number(),
  name: z.string(),
  roleGroup: z.string(),
  /** Left out of the roll, and why. */
  excluded: reason.nullable(),
  selfAssessment: z
    .object({ scores: z.record(z.string(), z.number()), points: z.number(), missing: z.array(z.string()), grade, forms: forms.nullable(), step })
    .nullable(),
  proposal: z
    .object({
      scores: z.record(z.string(), z.number()),
      points: z.number(),
      grade,
      rulesGrade: grade,
      cappedBy: z.array(reason),
      note: z.string().nullable(),
      step,
    })
    .nullable(),
  decision: z.object({ grade, decisionNumber: z.string().nullable(), decidedOn: z.string(), fourGood: z.boolean().nullable(), step }).nullable(),
  /** The grade in force: the decided one, or the last amendment's. */
  grade: grade.nullable(),
  amendments: z.array(
    z.object({ fromGrade: grade, toGrade: grade, reason: z.string(), decisionNumber: z.string().nullable(), by: z.string().nullable(), at: z.string() }),
  ),
  /** The registrations of the period's end year: the member's "học tập và làm theo Bác", or the organisation's movements. */
  commitments: z.array(commitmentOut),
  /** Members: the facts filled in automatically (null for organisations). */
  facts: autoFactsOut.nullable(),
});
export type EntryOut = z.infer<typeof entryOut>;

export const periodDetailOut = periodOut.extend({
  /** The criteria a self-assessment scores under the period's rule set. */
  criteria: criteriaOut,
  /** The point bands of the rule set, so a self-assessment shows the band as it is typed. */
  maxPoints: z.number(),
  bands: bandsOut,
  roleGroups: z.array(z.object({ key: z.string(), label: z.string() })),
  /** The entries the caller may see: a plain member sees only their own. */
  entries: z.array(entryOut),
});
export const myEntriesOut = z.object({ items: z.array(z.object({ period: periodOut, entry: entryOut })) });

const shareOut = z.object({ n: z.number(), of: z.number() });
const byGrade = z.array(z.object({ grade, ofGraded: shareOut, ofAll: shareOut }));
export const resultsOut = z.object({
  unitId: z.number(),
  startsOn: z.string(),
  endsOn: z.string(),
  members: z.object({
    /** On a roll (not left out) of all members under the unit on the end date. */
    graded: shareOut,
    decided: z.number(),
    excluded: z.array(z.object({ key: z.string(), text: z.string(), n: z.number() })),
    byGrade,
    /** Year periods: members graded the reward grade (HTXSNV) every one of the last N years; named to a caller who sees the subtree. */
    rewardEligible: z.object({
      n: z.number(),
      rule: z.object({ grade, consecutiveYears: z.number(), from: z.number(), to: z.number() }).nullable(),
      members: z.array(z.object({ memberId: z.number(), name: z.string() })),
    }),
  }),
  organisations: z.object({
    graded: shareOut,
    decided: z.number(),
    byGrade,
    /** The grade words of an older scale ("Trong sạch, vững mạnh"…) when the period used one; null for the four grades. */
    gradeLabels: z.array(z.object({ grade, label: z.string() })).nullable(),
  }),
  fourGood: z.object({
    reached: z.object({ n: z.number(), underCommittees: z.number(), grassrootsCells: z.number() }),
    cells: z.object({ n: z.number(), underCommittees: z.number(), grassrootsCells: z.number() }),
  }),
});
export type ResultsOut = z.infer<typeof resultsOut>;
