// What was adopted stays as adopted (issue 8 item 2): adopting the minutes freezes the
// meeting's roll (table meeting_roll_at_adoption, one row per member with their status on
// the meeting's date and their attendance). The register, the minutes, the .docx and the
// per-meeting facts read these rows from then on; the roll call and check-in refuse to
// write, and only an amendment of the minutes (amend-minutes.ts) rewrites them.
import { sql } from 'kysely';
import type { Db } from '../../db/types.ts';
import { conflict } from '../../http/app-error.ts';
import type { AttendanceEntryOut } from './attendance-schemas.ts';

/** True when the meeting's minutes are adopted (its roll is then frozen). */
export async function isAdopted(db: Db, meetingId: number): Promise<boolean> {
  const row = await db.selectFrom('meeting_minutes').select('adopted_at').where('meeting_id', '=', meetingId).executeTakeFirst();
  return Boolean(row?.adopted_at);
}

/**
 * Attendance writes after adoption are refused: the change is an amendment of the minutes
 * (the secretary is told so; a member checking in is told to ask the secretary).
 */
export async function refuseIfAdopted(
  db: Db,
  meetingId: number,
  code: 'meetings.attendance_adopted' | 'meetings.check_in_adopted' = 'meetings.attendance_adopted',
) {
  if (await isAdopted(db, meetingId)) throw conflict(code);
}

/** Writes the roll as it stands at adoption (the register lines, exempted members included). */
export async function freezeRoll(db: Db, meetingId: number, entries: readonly AttendanceEntryOut[]) {
  if (entries.length === 0) return;
  await db
    .insertInto('meeting_roll_at_adoption')
    .values(
      entries.map((e) => ({
        meeting_id: meetingId,
        member_id: e.memberId,
        member_status: e.memberStatus,
        attendance: e.attendance,
        entry: JSON.stringify(e),
      })),
    )
    .execute();
}

/** The frozen register lines, in the roll's Vietnamese name order. */
export async function frozenEntries(db: Db, meetingId: number): Promise<AttendanceEntryOut[]> {
  const rows = await db
    .selectFrom('meeting_roll_at_adoption as r')
    .innerJoin('members as m', 'm.id', 'r.member_id')
    .select(['r.member_id', 'r.member_status', 'r.attendance', 'r.entry'])
    .where('r.meeting_id', '=', meetingId)
    .orderBy(sql`m.sort_key collate "C"`)
    .orderBy('m.id')
    .execute();
  return rows.map((r) => ({ ...(r.entry as AttendanceEntryOut), memberId: r.member_id, memberStatus: r.member_status, attendance: r.attendance }));
}
