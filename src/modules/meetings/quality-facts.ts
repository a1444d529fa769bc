// What the data says about a meeting's quality: the facts the automatic criteria read
// (attendance, absences without reason, the longest run of excused absences this year,
// the committee's pre-meeting with its content and draft resolution, the duration from
// the times written in the minutes, whether the minutes are complete, whether the
// previous resolution was carried out) and the names and times behind them, for the
// HD 12 checklist.
import { sql } from 'kysely';
import type { AttendanceStatus, Db } from '../../db/types.ts';
import { effectiveAttendance, longestExcusedStreak } from '../../domain/meeting-attendance.ts';
import { type ChecklistDetails, HD12 } from '../../domain/meeting-checklist.ts';
import { missingFromMinutes } from '../../domain/meeting-minutes.ts';
import type { QualityFacts } from '../../domain/meeting-quality.ts';
import { CELL_MEETING_KINDS, COMMITTEE_MEETING_KINDS } from '../../domain/meeting-rules.ts';
import { durationMinutes } from '../../domain/meeting-time.ts';
import type { MeetingRow } from './get-meeting.ts';
import { minutesState } from './get-minutes.ts';

/** Each expected member's longest run of "absent with reason", over the unit's meetings this year up to this one. */
async function excusedStreaks(db: Db, m: MeetingRow, memberIds: number[]): Promise<Map<number, number>> {
  const streaks = new Map<number, number>();
  if (memberIds.length === 0) return streaks;
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
  if (ids.length === 0) return streaks;
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
  for (const memberId of memberIds) {
    const sequence: (AttendanceStatus | null)[] = ids.map((meetingId) => {
      const call = callOf.get(key(meetingId, memberId));
      return effectiveAttendance(call ? { status: call.status, at: call.recorded_at } : null, checkInOf.get(key(meetingId, memberId)) ?? null);
    });
    streaks.set(memberId, longestExcusedStreak(sequence));
  }
  return streaks;
}

export async function qualityFacts(db: Db, m: MeetingRow): Promise<{ facts: QualityFacts; details: ChecklistDetails }> {
  const { row, content, attendance } = await minutesState(db, m);
  // The committee's pre-meeting: a committee meeting that prepares this one, held on or
  // before its day, with its record (the content agreed, the draft resolution).
  const preparation = await db
    .selectFrom('meetings as p')
    .innerJoin('meeting_preparations as mp', 'mp.meeting_id', 'p.id')
    .select([
      sql<string>`min(p.held_on)::text`.as('held_on'),
      sql<boolean>`bool_or(mp.agreed_content is not null)`.as('agreed'),
      sql<boolean>`bool_or(mp.draft_resolution is not null)`.as('draft'),
    ])
    .where('p.prepares_meeting_id', '=', m.id)
    .where('p.kind', 'in', [...COMMITTEE_MEETING_KINDS])
    .where('p.status', '=', 'planned')
    .where('p.held_on', '<=', m.held_on)
    .executeTakeFirst();
  const s = attendance.summary;
  const names = new Map(attendance.members.map((e) => [e.memberId, e.fullName]));
  const streaks = await excusedStreaks(db, m, [...names.keys()]);
  const opened = content.openedAt ?? null;
  const closed = content.closedAt ?? null;
  const agreed = preparation?.agreed === true;
  const draft = preparation?.draft === true;
  const missing = row ? missingFromMinutes(m.kind, content, s) : null;
  const facts: QualityFacts = {
    attendanceRate: s.rate,
    unmarked: s.unmarked,
    unexcusedAbsences: s.absentUnexcused,
    longestExcusedStreak: Math.max(0, ...streaks.values()),
    committeeMetBefore: Boolean(preparation?.held_on),
    draftResolutionPrepared: agreed && draft,
    // HD 12's 90 minutes are those of the minutes: the planned times are not evidence.
    durationMinutes: opened && closed ? durationMinutes(opened, closed) : null,
    minutesComplete: missing !== null && missing.length === 0,
    previousResolutionDone: m.previous_resolution_done,
  };
  const details: ChecklistDetails = {
    expected: s.expected,
    present: s.present,
    exempted: s.exempted + s.suspended,
    onDuty: s.onDuty,
    unmarked: s.unmarked,
    unexcusedNames: attendance.members.filter((e) => e.attendance === 'absent_unexcused').map((e) => e.fullName),
    excusedStreaks: [...streaks].filter(([, n]) => n > HD12.maxExcusedStreak).map(([id, n]) => ({ fullName: names.get(id) ?? '', streak: n })),
    committeeMetOn: preparation?.held_on ?? null,
    agreedContent: agreed,
    draftResolution: draft,
    openedAt: opened,
    closedAt: closed,
    minutesMissing: missing,
  };
  return { facts, details };
}
