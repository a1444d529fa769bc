// Reading the minutes: the stored content, the attendance they speak of (live while a
// draft, the roll frozen at adoption afterwards), what is still missing, the amendments made
// after adoption, the tasks they created and the cell's other tasks still open.
import type { Db } from '../../db/types.ts';
import { missingFromMinutes } from '../../domain/meeting-minutes.ts';
import { type Lang, t } from '../../i18n/messages.ts';
import type { Access } from '../access/access.ts';
import { actionItemsOf, openTasksOn } from '../tasks/minutes-tasks.ts';
import type { AttendanceOut } from './attendance-schemas.ts';
import type { MeetingRow } from './get-meeting.ts';
import { findVisibleMeeting, viewerOf } from './meeting-access.ts';
import { meetingAttendance } from './meeting-attendance.ts';
import type { MinutesContent, MinutesOut } from './minutes-schemas.ts';

export const documentNumber = (number: string | null) => `${number ?? '…'}-BB/CB`;

export async function minutesState(db: Db, m: MeetingRow) {
  const row = await db.selectFrom('meeting_minutes').selectAll().where('meeting_id', '=', m.id).executeTakeFirst();
  // Adopted: the roll frozen at adoption (as amended since), which meetingAttendance reads.
  const attendance: Omit<AttendanceOut, 'late'> = await meetingAttendance(db, m);
  const content = (row?.content ?? {}) as MinutesContent;
  return { row, content, attendance, adopted: Boolean(row?.adopted_at) };
}

export async function getMinutes(db: Db, access: Access, id: number, lang: Lang): Promise<MinutesOut> {
  const m = await findVisibleMeeting(db, await viewerOf(db, access), id);
  const { row, content, attendance } = await minutesState(db, m);
  const missing = missingFromMinutes(m.kind, content, attendance.summary);
  const [adopter, amendments, actionItems] = await Promise.all([
    row?.adopted_by ? db.selectFrom('users').select('display_name').where('id', '=', row.adopted_by).executeTakeFirst() : undefined,
    db
      .selectFrom('meeting_minutes_amendments as a')
      .leftJoin('users as u', 'u.id', 'a.amended_by')
      .select(['a.id', 'a.reason', 'a.amended_at', 'u.display_name', 'a.before', 'a.after'])
      .where('a.meeting_id', '=', id)
      .orderBy('a.id')
      .execute(),
    actionItemsOf(db, [id]),
  ]);
  // The cell's other tasks still open on the meeting's day: the minutes carry them.
  const openTasks = await openTasksOn(db, m.unit_id, m.held_on, { exceptMeetingId: id });
  return {
    meetingId: id,
    status: !row ? 'none' : row.adopted_at ? 'adopted' : 'draft',
    number: row?.number ?? null,
    documentNumber: documentNumber(row?.number ?? null),
    content,
    attendance,
    complete: missing.length === 0,
    missing: missing.map((field) => ({ field, label: t(lang, `meetings.minutes_fields.${field}`) })),
    adoptedAt: row?.adopted_at?.toISOString() ?? null,
    adoptedBy: adopter?.display_name ?? null,
    amendments: amendments.map((a) => ({
      id: a.id,
      reason: a.reason,
      at: a.amended_at.toISOString(),
      actor: a.display_name,
      before: a.before,
      after: a.after,
    })),
    actionItems: actionItems.map(({ meetingId: _, ...item }) => item),
    openTasks,
  };
}
