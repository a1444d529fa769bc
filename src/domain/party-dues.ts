// Party dues (đảng phí, RULES §4): the monthly amount a member owes, exemptions and
// reductions, arrears, dues unpaid "3 months within a year", and the shares kept and
// remitted up the tree. The text in force is a rule set (src/domain/rules/dues/): QĐ
// 342-QĐ/TW until 2/2/2026, QĐ 01-QĐ/TW from 3/2/2026. A month's dues follow the text in
// force on the 1st of that month (February 2026 is the last month under QĐ 342).
//
// Money is whole đồng in safe integers, never floating point: a percentage is held in basis
// points (1% = 100) and the product is divided with integer rounding, half up, to the
// rule set's `roundTo` (1 đồng by default). Shares kept are rounded down and the đồng left
// over goes up, so kept + remitted always equals what a level received.
import { z } from 'zod';
import { type PartyAgeInput, partyAgeMonths } from './admission.ts';
import { addMonths, lastDayOfMonth } from './calendar.ts';
import { type RuleSet, ruleSetInForce } from './rules/load-rule-set.ts';
import { repeatedMonths } from './strike-off.ts';

export const DUES_BASES = ['insured_salary', 'pension', 'student', 'other'] as const;
export type DuesBasis = (typeof DUES_BASES)[number];
export const DUES_EXEMPTIONS = ['fifty_years', 'social_pension', 'poor_household', 'near_poor_household', 'listed_illness', 'hardship'] as const;
export type DuesExemption = (typeof DUES_EXEMPTIONS)[number];
export const DUES_LEVELS = ['cell_under_committee', 'grassroots_commune', 'grassroots_other', 'above_grassroots'] as const;
export type DuesLevel = (typeof DUES_LEVELS)[number];

const fixedAmount = z.object({ amount: z.number().int().nonnegative(), min: z.number().int().nonnegative(), max: z.number().int().nonnegative() });

export const duesRulesSchema = z.object({
  /** Basis points of the amount the member earns: 100 = 1%. */
  percentOf: z.object({ insured_salary: z.number().int().nonnegative(), pension: z.number().int().nonnegative() }),
  /** Whose month's insured salary a month's dues are taken from: the same month, or the month before (QĐ 01). */
  salaryMonth: z.enum(['same', 'previous']),
  fixed: z.object({ student: fixedAmount, other: fixedAmount }),
  /** The share of the fixed amount paid by an 'other' member past working age; null: no such rule. */
  pastWorkingAgePercent: z.number().int().min(0).max(100).nullable(),
  exemptions: z.array(z.enum(DUES_EXEMPTIONS)),
  /** Party age in years from which a member pays nothing, without asking; null: no such rule. */
  automaticExemptionPartyAgeYears: z.number().int().positive().nullable(),
  reductions: z.object({ percents: z.array(z.number().int().min(1).max(99)), maxMonths: z.number().int().positive() }).nullable(),
  roundTo: z.number().int().positive(),
  retentionPercent: z.record(z.enum(DUES_LEVELS), z.number().int().min(0).max(100)),
  strikeOff: z.object({ months: z.number().int().positive(), windowMonths: z.number().int().positive() }),
  unconfirmed: z.array(z.string()),
  notes: z.object({ vi: z.string(), en: z.string() }),
});
export type DuesRules = z.infer<typeof duesRulesSchema>;

/** The dues rules for month 'YYYY-MM': the set in force on its first day. */
export function duesRulesFor(month: string, candidates: readonly RuleSet[] = []): RuleSet<DuesRules> {
  return ruleSetInForce('dues', `${month}-01`, duesRulesSchema, candidates);
}

/** `numerator / denominator` rounded half up to a multiple of `step`, all whole numbers ≥ 0. */
export function roundedShare(numerator: number, denominator: number, step = 1): number {
  for (const n of [numerator, denominator, step]) if (!Number.isSafeInteger(n) || n < 0) throw new RangeError(`not a whole amount: ${n}`);
  const unit = denominator * step;
  return Math.floor((2 * numerator + unit) / (2 * unit)) * step;
}

/** 'YYYY-MM' of the month before. */
const previousMonth = (month: string) => addMonths(`${month}-01`, -1).slice(0, 7);

export interface DuesMember {
  basis: DuesBasis;
  /** Insured salary (insured_salary) or pension (pension) per month 'YYYY-MM', whole đồng. */
  earnings?: Readonly<Record<string, number>>;
  /** The amount set for an 'other' member within the rule set's range; the rule set's default when absent. */
  fixedAmount?: number;
  /** An 'other' member past working age (QĐ 342: half). */
  pastWorkingAge?: boolean;
  /** An exemption decided for the member, with the months it covers (to: last month, null: open). */
  exemption?: { reason: DuesExemption; from: string; to: string | null } | null;
  /** A reduction decided on the member's request: percent off, from month 'YYYY-MM', for `months` months. */
  reduction?: { percent: number; from: string; months: number } | null;
  /** For the exemption by party age. */
  membership?: PartyAgeInput;
}

export interface MonthlyDues {
  month: string;
  ruleSet: string;
  /** What the basis gives before any exemption or reduction, whole đồng. */
  base: number;
  exemption: DuesExemption | null;
  reductionPercent: number;
  /** What the member owes for the month, whole đồng. */
  due: number;
}

const inMonths = (month: string, from: string, to: string | null) => month >= from && (to === null || month <= to);

/** What a member owes for month 'YYYY-MM' under the rule set in force that month. */
export function monthlyDues(member: DuesMember, month: string, set: RuleSet<DuesRules> = duesRulesFor(month)): MonthlyDues {
  const rules = set.body;
  const base = baseAmount(member, month, rules);
  const result = { month, ruleSet: set.code, base, exemption: null, reductionPercent: 0, due: base };
  const exemption = exemptionFor(member, month, rules);
  if (exemption) return { ...result, exemption, due: 0 };
  const r = member.reduction;
  if (r && rules.reductions && month >= r.from && month < addMonths(`${r.from}-01`, r.months).slice(0, 7)) {
    return { ...result, reductionPercent: r.percent, due: roundedShare(base * (100 - r.percent), 100, rules.roundTo) };
  }
  return result;
}

function baseAmount(member: DuesMember, month: string, rules: DuesRules): number {
  switch (member.basis) {
    case 'insured_salary':
    case 'pension': {
      const from = member.basis === 'insured_salary' && rules.salaryMonth === 'previous' ? previousMonth(month) : month;
      const earned = member.earnings?.[from];
      if (earned === undefined) throw new RangeError(`no ${member.basis} for ${from}`);
      return roundedShare(earned * rules.percentOf[member.basis], 10_000, rules.roundTo);
    }
    case 'student':
      return rules.fixed.student.amount;
    case 'other': {
      const amount = member.fixedAmount ?? rules.fixed.other.amount;
      const share = member.pastWorkingAge && rules.pastWorkingAgePercent !== null ? rules.pastWorkingAgePercent : 100;
      return roundedShare(amount * share, 100, rules.roundTo);
    }
  }
}

function exemptionFor(member: DuesMember, month: string, rules: DuesRules): DuesExemption | null {
  const years = rules.automaticExemptionPartyAgeYears;
  // Exempt from the month in which the member completes the party age.
  if (years !== null && member.membership && (partyAgeMonths(member.membership, lastDayOfMonth(month)) ?? 0) >= years * 12) return 'fifty_years';
  const e = member.exemption;
  return e && rules.exemptions.includes(e.reason) && inMonths(month, e.from, e.to) ? e.reason : null;
}

/** A member's settings the rule set in force does not allow: message keys under dues.check with their values. */
/** A setting the rules refuse: the member field it is about, its message key and parameters. */
export interface DuesSettingProblem {
  field: 'fixedAmount' | 'reason' | 'percent' | 'months';
  key: string;
  params: Record<string, string | number>;
}

export function duesSettingProblems(member: DuesMember, rules: DuesRules): DuesSettingProblem[] {
  const problems: DuesSettingProblem[] = [];
  const { min, max } = rules.fixed.other;
  if (member.basis === 'other' && member.fixedAmount !== undefined && (member.fixedAmount < min || member.fixedAmount > max)) {
    problems.push({ field: 'fixedAmount', key: 'dues.check.fixed_out_of_range', params: { amount: member.fixedAmount, min, max } });
  }
  if (member.exemption && !rules.exemptions.includes(member.exemption.reason)) {
    problems.push({ field: 'reason', key: 'dues.check.exemption_not_in_rules', params: { reason: `dues.exemption.${member.exemption.reason}` } });
  }
  const r = member.reduction;
  if (r) {
    if (!rules.reductions) problems.push({ field: 'percent', key: 'dues.check.no_reductions', params: {} });
    else {
      if (!rules.reductions.percents.includes(r.percent))
        problems.push({ field: 'percent', key: 'dues.check.reduction_percent', params: { percent: r.percent, allowed: rules.reductions.percents.join(', ') } });
      if (r.months > rules.reductions.maxMonths)
        problems.push({ field: 'months', key: 'dues.check.reduction_too_long', params: { months: r.months, max: rules.reductions.maxMonths } });
    }
  }
  return problems;
}

export interface MonthPayment {
  month: string;
  due: number;
  /** Whole đồng paid for the month; more than due is a voluntary extra. */
  paid: number;
  /** A deferral agreed for the month (chậm đóng có lý do): not counted as unpaid. */
  excused?: boolean;
}

export interface Arrears {
  /** Whole đồng still owed over the months given. */
  total: number;
  /** Months paid short, each with what is still owed. */
  months: { month: string; owed: number }[];
  /** Paid beyond what was due: voluntary, it does not settle another month. */
  extra: number;
}

/** What a member still owes over the months given. */
export function arrears(payments: readonly MonthPayment[]): Arrears {
  const months = payments.filter((p) => p.paid < p.due).map((p) => ({ month: p.month, owed: p.due - p.paid }));
  return {
    total: months.reduce((s, m) => s + m.owed, 0),
    months: months.sort((a, b) => a.month.localeCompare(b.month)),
    extra: payments.reduce((s, p) => s + Math.max(0, p.paid - p.due), 0),
  };
}

/**
 * The months of dues unpaid "3 months within a year" (grounds for a striking-off proposal)
 * whose window ends in the period, or null: a month counts when something was due, nothing
 * was paid and no deferral was agreed. The same window as absences (src/domain/strike-off.ts).
 */
export function unpaidDuesMonths(payments: readonly MonthPayment[], rules: DuesRules, period: { from: string; to: string }): string[] | null {
  const unpaid = payments.filter((p) => p.due > 0 && p.paid === 0 && !p.excused).map((p) => p.month);
  return repeatedMonths(unpaid, rules.strikeOff, period);
}

export interface LevelShare {
  level: DuesLevel;
  received: number;
  kept: number;
  remitted: number;
}

/**
 * How `amount` collected by a cell is shared up the tree: each level in `levels` (the cell's
 * first, then each level above) keeps its percentage of what it receives, rounded down, and
 * remits the rest; the last level given keeps all it receives.
 */
export function sharesUpTheTree(amount: number, levels: readonly DuesLevel[], rules: DuesRules): LevelShare[] {
  let received = amount;
  return levels.map((level, i) => {
    const percent = i === levels.length - 1 ? 100 : rules.retentionPercent[level];
    const kept = Math.floor((received * percent) / 100);
    const share = { level, received, kept, remitted: received - kept };
    received = share.remitted;
    return share;
  });
}
