// The attendance of one meeting: the roll (as of the meeting's date) joined with the
// secretary's roll call and the members' own check-ins, and the HD 12 summary. Once the
// minutes are adopted, the roll as frozen then (frozen-roll.ts), whatever changed since.
import type { Db } from '../../db/types.ts';
import { effectiveAttendance, isApart, summariseAttendance } from '../../domain/meeting-attendance.ts';
import { meetingGuests } from './assign-guest.ts';
import type { AttendanceEntryOut, AttendanceOut } from './attendance-schemas.ts';
import { frozenEntries, isAdopted } from './frozen-roll.ts';
import { loadRoll, type RollMeeting } from './meeting-roll.ts';

/** The summary and the register from register lines (live or frozen). */
export function attendanceFrom(meetingId: number, entries: AttendanceEntryOut[], guests: AttendanceOut['guests']): Omit<AttendanceOut, 'late'> {
  return {
    meetingId,
    summary: summariseAttendance(entries.map((e) => ({ memberStatus: e.memberStatus, attendance: e.attendance }))),
    members: entries.filter((e) => !isApart(e.memberStatus)),
    apart: entries.filter((e) => isApart(e.memberStatus)),
    guests,
  };
}

export async function meetingAttendance(db: Db, meeting: RollMeeting & { id: number }): Promise<Omit<AttendanceOut, 'late'>> {
  if (await isAdopted(db, meeting.id)) {
    const [entries, guests] = await Promise.all([frozenEntries(db, meeting.id), meetingGuests(db, meeting.id)]);
    return attendanceFrom(meeting.id, entries, guests);
  }
  const [roll, calls, checkIns, guests] = await Promise.all([
    loadRoll(db, meeting),
    db.selectFrom('meeting_attendance').select(['member_id', 'status', 'reason', 'recorded_at']).where('meeting_id', '=', meeting.id).execute(),
    db.selectFrom('meeting_check_ins').select(['member_id', 'checked_in_at']).where('meeting_id', '=', meeting.id).execute(),
    meetingGuests(db, meeting.id),
  ]);
  const callOf = new Map(calls.map((c) => [c.member_id, c]));
  const checkInOf = new Map(checkIns.map((c) => [c.member_id, c.checked_in_at]));
  const entries: AttendanceEntryOut[] = roll.map((r) => {
    const call = callOf.get(r.memberId);
    const checkedInAt = checkInOf.get(r.memberId) ?? null;
    const attendance = effectiveAttendance(call ? { status: call.status, at: call.recorded_at } : null, checkedInAt);
    const fromRollCall = call !== undefined && (!checkedInAt || call.recorded_at >= checkedInAt);
    return {
      memberId: r.memberId,
      fullName: r.fullName,
      memberStatus: r.memberStatus,
      attendance,
      reason: fromRollCall ? call.reason : null,
      checkedInAt: checkedInAt?.toISOString() ?? null,
      source: fromRollCall ? 'roll_call' : checkedInAt ? 'check_in' : null,
    };
  });
  return attendanceFrom(meeting.id, entries, guests);
}
