// The dates of a membership and what they imply (Điều lệ Đảng, Điều 1, 4, 5; HD 12-HD/BTCTW
// 2022): a person is admitted at 18 or older, serves 12 months of probation, and is a full
// member only from the date of recognition. Pure rules, no I/O.
import type { MemberStatus } from '../db/types.ts';
import { addMonths, daysInMonth } from './calendar.ts';

export const ADMISSION_MIN_AGE_YEARS = 18;
export const PROBATION_MONTHS = 12;

/**
 * Whole calendar months from `from` to `on` (0 when `on` is before `from`): the largest n with
 * addMonths(from, n) <= on, so ages "counted in months" and probation follow the same months.
 */
export function completedMonths(from: string, on: string): number {
  if (on < from) return 0;
  const [fy, fm, fd] = [Number(from.slice(0, 4)), Number(from.slice(5, 7)), Number(from.slice(8, 10))];
  const [oy, om, od] = [Number(on.slice(0, 4)), Number(on.slice(5, 7)), Number(on.slice(8, 10))];
  const n = (oy - fy) * 12 + (om - fm);
  // addMonths(from, n) falls in on's month, on from's day or that month's last day.
  return Math.min(fd, daysInMonth(oy, om)) <= od ? n : n - 1;
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
