// Writing the draft minutes. Vote counts may not exceed the members present; the
// members given tasks must be on the roll. Adopted minutes are locked: a change is an
// amendment (amend-minutes.ts).
import type { Kysely } from 'kysely';
import type { DB, Db } from '../../db/types.ts';
import { votesExceedPresent } from '../../domain/meeting-minutes.ts';
import { AppError, badRequest, conflict, type FieldError } from '../../http/app-error.ts';
import type { Access } from '../access/access.ts';
import { writeAudit } from '../audit/write-audit.ts';
import type { AttendanceOut } from './attendance-schemas.ts';
import { minutesState } from './get-minutes.ts';
import { findManageableMeeting } from './meeting-access.ts';
import type { MinutesContent, SaveMinutesInput } from './minutes-schemas.ts';

/** Checks the minutes against the attendance they record. */
export function checkMinutesContent(content: MinutesContent, attendance: Omit<AttendanceOut, 'late'>, pathPrefix: string) {
  if (content.votes) {
    const over = votesExceedPresent(content.votes, attendance.summary.present);
    if (over) {
      throw new AppError('meetings.votes_exceed_present', 400, over, [{ path: `${pathPrefix}.votes`, message: 'meetings.votes_exceed_present', params: over }]);
    }
  }
  const onRoll = new Set([...attendance.members, ...attendance.apart].map((e) => e.memberId));
  const errors: FieldError[] = [];
  (content.tasks ?? []).forEach((task, i) => {
    if (task.memberId && !onRoll.has(task.memberId)) errors.push({ path: `${pathPrefix}.tasks.${i}.memberId`, message: 'meetings.not_on_roll' });
  });
  if (errors.length) throw badRequest('validation', {}, errors);
}

export async function lockedMeetingForMinutes(db: Db, access: Access, id: number) {
  const m = await findManageableMeeting(db, access, id, { forUpdate: true });
  if (m.status === 'cancelled') throw conflict('meetings.cancelled');
  return m;
}

export async function saveMinutes(db: Kysely<DB>, access: Access, id: number, input: SaveMinutesInput) {
  await db.transaction().execute(async (trx) => {
    const m = await lockedMeetingForMinutes(trx, access, id);
    const { row, attendance, adopted } = await minutesState(trx, m);
    if (adopted) throw conflict('meetings.minutes_adopted_locked');
    checkMinutesContent(input.content, attendance, 'body.content');
    const values = {
      content: JSON.stringify(input.content),
      number: input.number === undefined ? (row?.number ?? null) : input.number,
      updated_by: access.userId,
      updated_at: new Date(),
    };
    await trx
      .insertInto('meeting_minutes')
      .values({ meeting_id: id, ...values })
      .onConflict((oc) => oc.column('meeting_id').doUpdateSet(values))
      .execute();
    await writeAudit(trx, access.userId, {
      action: 'minutes.save',
      entityType: 'meeting',
      entityId: id,
      unitId: m.unit_id,
      before: row ? { number: row.number, content: row.content } : undefined,
      after: { number: values.number, content: input.content },
    });
  });
}
