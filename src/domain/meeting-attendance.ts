// Attendance arithmetic for one meeting (HD 12): everyone on the roll is counted in the
// total, split into full and probationary members (RULES §2); members exempted from
// activities (miễn sinh hoạt) and suspended members (đình chỉ sinh hoạt) are listed apart
// and left out of the ratio, and so are armed-forces members away on duty (marked
// "on_duty" at the roll call); the rest are expected.
import type { AttendanceStatus, MemberStatus } from '../db/types.ts';

/** Statuses listed apart from the roll and excluded from the attendance ratio. */
export const APART_STATUSES: readonly MemberStatus[] = ['mien_sinh_hoat', 'dinh_chi'];

export interface RollEntry {
  memberStatus: MemberStatus;
  attendance: AttendanceStatus | null;
}

export interface AttendanceSummary {
  /** Everyone on the roll, exempted included (the "tổng số đảng viên" of the minutes). */
  total: number;
  /** Full members (chính thức) in the total: exempted and suspended members are full members too. */
  full: number;
  /** Probationary members (dự bị) in the total. */
  probationary: number;
  exempted: number;
  suspended: number;
  /** Armed-forces members away on duty (đi làm nhiệm vụ): recorded apart, out of the ratio. */
  onDuty: number;
  /** Those expected to attend: total minus exempted, suspended and on duty. */
  expected: number;
  present: number;
  absentExcused: number;
  absentUnexcused: number;
  /** Expected members with nothing recorded yet. */
  unmarked: number;
  /** present / expected, or null when nobody is expected. */
  rate: number | null;
}

/**
 * A member's attendance from the secretary's roll call and their own check-in: the later
 * of the two wins, so the secretary can correct a check-in, and a member marked absent
 * in advance who turns up and checks in counts as present.
 */
export function effectiveAttendance(rollCall: { status: AttendanceStatus; at: Date } | null, checkedInAt: Date | null): AttendanceStatus | null {
  if (rollCall && (!checkedInAt || rollCall.at >= checkedInAt)) return rollCall.status;
  return checkedInAt ? 'present' : null;
}

export function isApart(status: MemberStatus): boolean {
  return APART_STATUSES.includes(status);
}

export function summariseAttendance(entries: readonly RollEntry[]): AttendanceSummary {
  const probationary = entries.filter((e) => e.memberStatus === 'du_bi').length;
  const s = {
    total: entries.length,
    full: entries.length - probationary,
    probationary,
    exempted: 0,
    suspended: 0,
    onDuty: 0,
    expected: 0,
    present: 0,
    absentExcused: 0,
    absentUnexcused: 0,
    unmarked: 0,
  };
  for (const e of entries) {
    if (e.memberStatus === 'mien_sinh_hoat') {
      s.exempted += 1;
      continue;
    }
    if (e.memberStatus === 'dinh_chi') {
      s.suspended += 1;
      continue;
    }
    if (e.attendance === 'on_duty') {
      s.onDuty += 1;
      continue;
    }
    s.expected += 1;
    if (e.attendance === 'present') s.present += 1;
    else if (e.attendance === 'absent_excused') s.absentExcused += 1;
    else if (e.attendance === 'absent_unexcused') s.absentUnexcused += 1;
    else s.unmarked += 1;
  }
  return { ...s, rate: s.expected > 0 ? s.present / s.expected : null };
}

/** The longest run of consecutive "absent with reason" in a member's meetings, in order. */
export function longestExcusedStreak(sequence: readonly (AttendanceStatus | null)[]): number {
  let best = 0;
  let run = 0;
  for (const a of sequence) {
    run = a === 'absent_excused' ? run + 1 : 0;
    best = Math.max(best, run);
  }
  return best;
}
