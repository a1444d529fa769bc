// The dates of a membership and what they imply (Điều lệ Đảng, Điều 1, 4, 5; HD 12-HD/BTCTW
// 2022): a person is admitted at 18 or older, serves 12 months of probation, and is a full
// member only from the date of recognition. Pure rules, no I/O.
import type { MemberStatus } from '../db/types.ts';

export const ADMISSION_MIN_AGE_YEARS = 18;
export const PROBATION_MONTHS = 12;

/** `iso` plus `months` calendar months; a day past the month's end falls on its last day (29/02 + 12 months → 28/02). */
export function addMonths(iso: string, months: number): string {
  const [y, m, d] = iso.split('-').map(Number) as [number, number, number];
  const total = y * 12 + (m - 1) + months;
  const year = Math.floor(total / 12);
  const month = (total % 12) + 1;
  const last = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(Math.min(d, last)).padStart(2, '0')}`;
}

/**
 * Whole calendar months from `from` to `on` (0 when `on` is before `from`): the largest n with
 * addMonths(from, n) <= on, so ages "counted in months" and probation follow the same months.
 */
export function completedMonths(from: string, on: string): number {
  if (on < from) return 0;
  const [fy, fm] = from.split('-').map(Number) as [number, number];
  const [oy, om] = on.split('-').map(Number) as [number, number];
  const n = (oy - fy) * 12 + (om - fm);
  return addMonths(from, n) <= on ? n : n - 1;
}

/** The earliest admission date for someone born on `dateOfBirth`: their 18th birthday. */
export function earliestAdmission(dateOfBirth: string): string {
  return addMonths(dateOfBirth, ADMISSION_MIN_AGE_YEARS * 12);
}

/** The earliest recognition as a full member after admission on `admittedOn`: 12 months of probation. */
export function earliestRecognition(admittedOn: string): string {
  return addMonths(admittedOn, PROBATION_MONTHS);
}

export interface MembershipDates {
  dateOfBirth: string;
  admittedOn: string | null;
  fullMemberOn: string | null;
}

export type DateProblem =
  | { field: 'admittedOn'; kind: 'under_age'; earliest: string }
  | { field: 'fullMemberOn'; kind: 'probation_too_short'; earliest: string };

/** What is wrong with a member's admission and recognition dates against the Charter; empty when nothing. */
export function membershipDateProblems(d: MembershipDates): DateProblem[] {
  const problems: DateProblem[] = [];
  if (d.admittedOn && d.admittedOn < earliestAdmission(d.dateOfBirth)) {
    problems.push({ field: 'admittedOn', kind: 'under_age', earliest: earliestAdmission(d.dateOfBirth) });
  }
  if (d.admittedOn && d.fullMemberOn && d.fullMemberOn < earliestRecognition(d.admittedOn)) {
    problems.push({ field: 'fullMemberOn', kind: 'probation_too_short', earliest: earliestRecognition(d.admittedOn) });
  }
  return problems;
}

/** A new member's status follows the dates: full from a recognition date on or before today, probationary until then. */
export function statusFromDates(fullMemberOn: string | null, today: string): Extract<MemberStatus, 'du_bi' | 'chinh_thuc'> {
  return fullMemberOn !== null && fullMemberOn <= today ? 'chinh_thuc' : 'du_bi';
}
