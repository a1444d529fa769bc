// Who is graded in a period (RULES §1b): members exempted from work and activities, members
// suspended and members admitted less than N months before the period's end are left out,
// each with the reason; the rule set lists them. Then the counts by grade with both
// denominators the articles quote: of those graded and of all members (Quảng Lâm: 126
// members, 2 exempted, 124 graded).
import type { MemberStatus } from '../db/types.ts';
import { addMonths, formatDateVi } from './calendar.ts';
import { type Share, share } from './figure-bands.ts';
import type { Reason } from './grading.ts';
import { GRADES, type Grade, type GradingPeriod, type GradingRules } from './grading-rules.ts';

export interface RollMember {
  id: number;
  /** The member's status on the period's end date. */
  status: MemberStatus;
  admittedOn: string | null;
}

/** Why a member is not graded in `period`, or null when they are. The first exclusion of the rule set that applies wins. */
export function exclusionOf(rules: Pick<GradingRules, 'exclusions'>, member: RollMember, period: Pick<GradingPeriod, 'end'>): Reason | null {
  for (const ex of rules.exclusions) {
    if (ex.by === 'status' && (ex.statuses as readonly MemberStatus[]).includes(member.status)) {
      return { key: `grading.excluded.${ex.key}`, params: { status: `grading.status.${member.status}` } };
    }
    // Admitted on or before end − N months has served N months by the end: graded.
    if (ex.by === 'admitted_within_months' && member.admittedOn !== null && member.admittedOn > addMonths(period.end, -ex.months)) {
      return {
        key: `grading.excluded.${ex.key}`,
        params: { months: ex.months, admittedOn: formatDateVi(member.admittedOn), periodEnd: formatDateVi(period.end) },
      };
    }
  }
  return null;
}

export interface GradingRoll {
  graded: number[];
  excluded: { id: number; reason: Reason }[];
  /** Graded of all members on the roll. */
  share: Share;
}

export function gradingRoll(rules: Pick<GradingRules, 'exclusions'>, members: readonly RollMember[], period: Pick<GradingPeriod, 'end'>): GradingRoll {
  const graded: number[] = [];
  const excluded: GradingRoll['excluded'] = [];
  for (const m of members) {
    const reason = exclusionOf(rules, m, period);
    if (reason) excluded.push({ id: m.id, reason });
    else graded.push(m.id);
  }
  return { graded, excluded, share: share(graded.length, members.length) };
}

export interface GradeShares {
  /** Graded of all. */
  graded: Share;
  /** Each grade, best first, every grade present: of those graded and of all. */
  byGrade: { grade: Grade; ofGraded: Share; ofAll: Share }[];
}

/** Counts by grade; `all` is everyone on the roll, graded or not. */
export function gradeShares(grades: readonly Grade[], all: number): GradeShares {
  if (all < grades.length) throw new RangeError(`${grades.length} grades for ${all} members`);
  return {
    graded: share(grades.length, all),
    byGrade: GRADES.map((grade) => {
      const n = grades.filter((g) => g === grade).length;
      return { grade, ofGraded: share(n, grades.length), ofAll: share(n, all) };
    }),
  };
}
