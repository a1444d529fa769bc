// Admission rules (RULES §3; Điều lệ Đảng Điều 4, 5): the stages a candidate goes through,
// the deadlines that run between them in working days, the checks made when the cell
// considers the case, and party age. The numbers are a rule set
// (src/domain/rules/admission/); the Charter's 18 years and 12 months of probation stay in
// member-dates.ts, the one home of the membership dates, and are used from there.
import { z } from 'zod';
import { addMonths, formatDateVi } from './calendar.ts';
import { ADMISSION_MIN_AGE_YEARS, completedMonths, earliestRecognition } from './member-dates.ts';
import { type RuleSet, ruleSetInForce } from './rules/load-rule-set.ts';
import { addWorkingDays, type CalendarAdjustments, NO_ADJUSTMENTS } from './working-days.ts';

export const admissionRulesSchema = z.object({
  /** The oldest a candidate may be when the cell considers the case, in full years (counted in months). */
  maxAgeYears: z.number().int().positive(),
  ceremonyWithinWorkingDays: z.number().int().positive(),
  considerationWithinWorkingDays: z.number().int().positive(),
  certificateValidityMonths: z.number().int().positive(),
  sponsorKnownMonths: z.number().int().positive(),
  /** Fields whose value is chibo's reading, to be shown as such. */
  unconfirmed: z.array(z.string()),
  notes: z.object({ vi: z.string(), en: z.string() }),
});
export type AdmissionRules = z.infer<typeof admissionRulesSchema>;

/** The admission rules in force on `date` (the date of the step being judged). */
export function admissionRulesOn(date: string, candidates: readonly RuleSet[] = []): RuleSet<AdmissionRules> {
  return ruleSetInForce('admission', date, admissionRulesSchema, candidates);
}

/** The stages of a candidate, in order (issue 10 §1). The last two are the two outcomes of the consideration. */
export const ADMISSION_STAGES = [
  'source',
  'helper_assigned',
  'awareness_course',
  'application',
  'dossier',
  'cell_resolution',
  'committee_resolution',
  'decision',
  'ceremony',
  'probation',
  'recognised',
  'strike_off_proposed',
] as const;
export type AdmissionStage = (typeof ADMISSION_STAGES)[number];

export interface AdmissionDates {
  /** The admission decision (quyết định kết nạp). */
  decisionOn?: string | null;
  /** The admission ceremony (lễ kết nạp): probation starts here. */
  ceremonyOn?: string | null;
  /** The awareness-course certificate (giấy chứng nhận học lớp bồi dưỡng nhận thức về Đảng). */
  certificateOn?: string | null;
}

export interface AdmissionDeadlines {
  /** The last day for the ceremony. */
  ceremonyBy: string | null;
  /** The day probation ends (12 months after the ceremony): recognition from this day. */
  probationEndsOn: string | null;
  /** The last day for the cell to consider recognition. */
  considerationBy: string | null;
  /** The first day the certificate no longer counts. */
  certificateExpiresOn: string | null;
}

/** Every deadline that follows from the dates known so far; null where the date it runs from is not known yet. */
export function admissionDeadlines(d: AdmissionDates, rules: AdmissionRules, adjustments: CalendarAdjustments = NO_ADJUSTMENTS): AdmissionDeadlines {
  const probationEndsOn = d.ceremonyOn ? earliestRecognition(d.ceremonyOn) : null;
  return {
    ceremonyBy: d.decisionOn ? addWorkingDays(d.decisionOn, rules.ceremonyWithinWorkingDays, adjustments) : null,
    probationEndsOn,
    considerationBy: probationEndsOn ? addWorkingDays(probationEndsOn, rules.considerationWithinWorkingDays, adjustments) : null,
    certificateExpiresOn: d.certificateOn ? addMonths(d.certificateOn, rules.certificateValidityMonths) : null,
  };
}

export interface AdmissionCase {
  dateOfBirth: string;
  /** The day the cell considers the case (chi bộ xét kết nạp): age and certificate are judged on it. */
  consideredOn: string;
  certificateOn: string | null;
  sponsor: {
    /** The sponsor's recognition as a full member; null for a probationary member. */
    fullMemberOn: string | null;
    /** Since when the sponsor has worked, studied or lived with the candidate. */
    knownSince: string;
  } | null;
}

/** A failed check: a message key under admissions.check and its values (dates already dd/mm/yyyy). */
export interface AdmissionProblem {
  key: string;
  params: Record<string, string | number>;
}

const problem = (name: string, params: Record<string, string | number> = {}): AdmissionProblem => ({ key: `admissions.check.${name}`, params });

/** What stops the cell from considering the case now; empty when nothing does. */
export function admissionProblems(c: AdmissionCase, rules: AdmissionRules): AdmissionProblem[] {
  const problems: AdmissionProblem[] = [];
  const on = c.consideredOn;
  const date = formatDateVi(on);
  const age = completedMonths(c.dateOfBirth, on);
  const ageParams = { date, years: Math.floor(age / 12), months: age % 12 };
  if (age < ADMISSION_MIN_AGE_YEARS * 12) problems.push(problem('too_young', { ...ageParams, min: ADMISSION_MIN_AGE_YEARS }));
  // "Đến đủ 60 tuổi": 60 years and some days still qualify, 60 years and 1 month do not.
  if (age > rules.maxAgeYears * 12) problems.push(problem('too_old', { ...ageParams, max: rules.maxAgeYears }));
  if (!c.certificateOn) problems.push(problem('no_certificate'));
  else {
    const expires = addMonths(c.certificateOn, rules.certificateValidityMonths);
    if (c.certificateOn > on) problems.push(problem('certificate_after_consideration', { issued: formatDateVi(c.certificateOn), date }));
    else if (expires <= on)
      problems.push(
        problem('certificate_expired', { issued: formatDateVi(c.certificateOn), expired: formatDateVi(expires), months: rules.certificateValidityMonths }),
      );
  }
  if (!c.sponsor) problems.push(problem('no_sponsor'));
  else {
    if (c.sponsor.fullMemberOn === null || c.sponsor.fullMemberOn > on) problems.push(problem('sponsor_not_full_member', { date }));
    const known = completedMonths(c.sponsor.knownSince, on);
    if (known < rules.sponsorKnownMonths) problems.push(problem('sponsor_known_too_short', { date, known, months: rules.sponsorKnownMonths }));
  }
  return problems;
}

export interface PartyAgeInput {
  /** The date in the admission decision (ngày ký quyết định kết nạp). */
  decisionOn: string;
  /** Recognition as a full member; a probationary member has no party age yet. */
  fullMemberOn: string | null;
  /** Periods out of party activity (struck off, expelled, lost contact, transfer gaps), each [from, to). */
  gaps?: readonly { from: string; to: string }[];
}

/**
 * Party age in whole months on `on` (Điều lệ Đảng Điều 5 khoản 4; HD 01-HD/TW 2021): for a
 * member recognised by then, from the admission decision, less the months out of party
 * activity; null for a member not recognised (yet).
 */
export function partyAgeMonths(m: PartyAgeInput, on: string): number | null {
  if (m.fullMemberOn === null || m.fullMemberOn > on) return null;
  const out = (m.gaps ?? []).reduce((sum, g) => sum + completedMonths(g.from, g.to < on ? g.to : on), 0);
  return Math.max(0, completedMonths(m.decisionOn, on) - out);
}
