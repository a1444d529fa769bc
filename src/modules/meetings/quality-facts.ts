// What the data already says about a meeting's quality, for the automatic criteria:
// attendance, absences without reason, the longest run of excused absences this year,
// whether the committee met before and prepared a draft resolution, the duration, and
// whether the minutes are complete.
import { sql } from 'kysely';
import type { AttendanceStatus, Db } from '../../db/types.ts';
import { effectiveAttendance, longestExcusedStreak } from '../../domain/meeting-attendance.ts';
import { missingFromMinutes } from '../../domain/meeting-minutes.ts';
import type { QualityFacts } from '../../domain/meeting-quality.ts';
import { CELL_MEETING_KINDS } from '../../domain/meeting-rules.ts';
import { durationMinutes, vnTime } from '../../domain/meeting-time.ts';
import type { MeetingRow } from './get-meeting.ts';
import { minutesState } from './get-minutes.ts';

/** The longest run of "absent with reason" of any expected member, over the unit's meetings this year up to this one. */
async function excusedStreak(db: Db, m: MeetingRow, memberIds: number[]): Promise<number> {
  if (memberIds.length === 0) return 0;
  const meetings = await db
    .selectFrom('meetings')
    .select(['id'])
    .where('unit_id', '=', m.unit_id)
    .where('status', '=', 'planned')
    .where('kind', 'in', [...CELL_MEETING_KINDS])
    .where('held_on', '<=', m.held_on)
    .where('held_on', '>=', `${m.held_on.slice(0, 4)}-01-01`)
    .orderBy('held_on')
    .orderBy('starts_at')
    .execute();
  const ids = meetings.map((x) => x.id);
  if (ids.length === 0) return 0;
  const [calls, checkIns] = await Promise.all([
    db
      .selectFrom('meeting_attendance')
      .select(['meeting_id', 'member_id', 'status', 'recorded_at'])
      .where('meeting_id', 'in', ids)
      .where('member_id', 'in', memberIds)
      .execute(),
    db
      .selectFrom('meeting_check_ins')
      .select(['meeting_id', 'member_id', 'checked_in_at'])
      .where('meeting_id', 'in', ids)
      .where('member_id', 'in', memberIds)
      .execute(),
  ]);
  const key = (meetingId: number, memberId: number) => `${meetingId}:${memberId}`;
  const callOf = new Map(calls.map((c) => [key(c.meeting_id, c.member_id), c]));
  const checkInOf = new Map(checkIns.map((c) => [key(c.meeting_id, c.member_id), c.checked_in_at]));
  let worst = 0;
  for (const memberId of memberIds) {
    const sequence: (AttendanceStatus | null)[] = ids.map((meetingId) => {
      const call = callOf.get(key(meetingId, memberId));
      return effectiveAttendance(call ? { status: call.status, at: call.recorded_at } : null, checkInOf.get(key(meetingId, memberId)) ?? null);
    });
    worst = Math.max(worst, longestExcusedStreak(sequence));
  }
  return worst;
}

export async function qualityFacts(db: Db, m: MeetingRow): Promise<QualityFacts> {
  const { row, content, attendance } = await minutesState(db, m);
  const preparation = await db
    .selectFrom('meetings as p')
    .innerJoin('meeting_preparations as mp', 'mp.meeting_id', 'p.id')
    .select([sql<boolean>`bool_or(mp.agreed_content is not null)`.as('agreed'), sql<boolean>`bool_or(mp.draft_resolution is not null)`.as('draft')])
    .where('p.prepares_meeting_id', '=', m.id)
    .where('p.status', '=', 'planned')
    .where('p.held_on', '<=', m.held_on)
    .executeTakeFirst();
  const opened = content.openedAt ?? vnTime(m.starts_at);
  const closed = content.closedAt ?? vnTime(m.ends_at);
  return {
    attendanceRate: attendance.summary.rate,
    unexcusedAbsences: attendance.summary.absentUnexcused,
    longestExcusedStreak: await excusedStreak(
      db,
      m,
      attendance.members.map((e) => e.memberId),
    ),
    committeeMetBefore: preparation?.agreed === true,
    draftResolutionPrepared: preparation?.draft === true,
    durationMinutes: durationMinutes(opened, closed),
    minutesComplete: row !== undefined && missingFromMinutes(m.kind, content, attendance.summary).length === 0,
  };
}
