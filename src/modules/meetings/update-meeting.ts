// Changing or cancelling a planned meeting. Once the minutes are adopted the meeting is
// history: its plan no longer changes.
import { type Kysely, sql } from 'kysely';
import { transactionRetryingDeadlocks } from '../../db/retry-on-deadlock.ts';
import type { DB, Db } from '../../db/types.ts';
import { formatDateVi } from '../../domain/calendar.ts';
import { vnDate, vnDateTime, vnTime } from '../../domain/meeting-time.ts';
import { conflict } from '../../http/app-error.ts';
import type { Access } from '../access/access.ts';
import { writeAudit } from '../audit/write-audit.ts';
import { clock } from './clock.ts';
import { findManageableMeeting } from './meeting-access.ts';
import { checkFocalIssues, checkOneRegularInMonth, checkPartyGroup, checkTimes } from './plan-meeting.ts';
import type { UpdateMeetingInput } from './schemas.ts';
import { findUsableTopic } from './topic-bank.ts';
import { meetingRulesFor } from './unit-rule-sets.ts';

export async function assertMinutesNotAdopted(db: Db, meetingId: number) {
  const minutes = await db.selectFrom('meeting_minutes').select('adopted_at').where('meeting_id', '=', meetingId).executeTakeFirst();
  if (minutes?.adopted_at) throw conflict('meetings.minutes_adopted_locked');
}

// Both retry a deadlock: moving a meeting to another month takes its cell's kept row of the
// old month, then the new one (cell_month_facts), so two meetings of a cell moved across
// the same months in opposite directions at once can wait on each other.
export async function updateMeeting(db: Kysely<DB>, access: Access, id: number, input: UpdateMeetingInput) {
  return transactionRetryingDeadlocks(db, async (trx) => {
    const m = await findManageableMeeting(trx, access, id, { forUpdate: true });
    await assertMinutesNotAdopted(trx, id);
    if (m.status === 'cancelled') throw conflict('meetings.cancelled');
    const date = input.date ?? m.held_on;
    const startTime = input.startTime ?? vnTime(m.starts_at);
    const endTime = input.endTime ?? vnTime(m.ends_at);
    checkTimes(startTime, endTime);
    // A roll that records people there (present, absent without reason, a guest attending, a
    // check-in) says the meeting took place: it cannot move to a day that has not come, where
    // such marks are refused. Correcting it to another past day, or today, stays open.
    if (date !== m.held_on && date > vnDate(clock.now()) && (await rollSaysHeld(trx, id)))
      throw conflict('meetings.move_held_to_future', { date: formatDateVi(date), heldOn: formatDateVi(m.held_on) });
    if (input.partyGroupId !== undefined) await checkPartyGroup(trx, m.unit_id, input.partyGroupId, input.date ?? m.held_on);
    if (m.kind === 'regular' && (date !== m.held_on || input.partyGroupId !== undefined)) {
      // The same lock as planning: the unit's row, then the month's regular meetings.
      await trx.selectFrom('units').select('id').where('id', '=', m.unit_id).forUpdate().execute();
      const partyGroupId = input.partyGroupId !== undefined ? input.partyGroupId : m.party_group_id;
      await checkOneRegularInMonth(trx, { unitId: m.unit_id, partyGroupId, kind: 'regular', date }, id);
    }
    // Rules must be in force on the (new) date: a meeting moved before any rule set could
    // no longer be shown or checked in to.
    const rules = await meetingRulesFor(trx, m.unit_id, date);
    if (input.focalIssues) checkFocalIssues(m.kind, input.focalIssues, rules.body);
    if (input.topicId) await findUsableTopic(trx, input.topicId, m.unit_id);
    const changes = {
      ...(input.partyGroupId !== undefined ? { party_group_id: input.partyGroupId } : {}),
      held_on: date,
      starts_at: vnDateTime(date, startTime),
      ends_at: vnDateTime(date, endTime),
      // A moved meeting gets the rule's window again: the secretary's times were for the old hour.
      ...(vnDateTime(date, startTime).getTime() !== m.starts_at.getTime() || vnDateTime(date, endTime).getTime() !== m.ends_at.getTime()
        ? { check_in_opens_at: null, check_in_closes_at: null }
        : {}),
      ...(input.place !== undefined ? { place: input.place } : {}),
      ...(input.topic !== undefined ? { topic: input.topic } : {}),
      ...(input.topicId !== undefined ? { topic_id: input.topicId } : {}),
      ...(input.focalIssues !== undefined ? { focal_issues: JSON.stringify(input.focalIssues) } : {}),
      ...(input.agenda !== undefined ? { agenda: JSON.stringify(input.agenda) } : {}),
      updated_at: new Date(),
    };
    await trx.updateTable('meetings').set(changes).where('id', '=', id).execute();
    await writeAudit(trx, access.userId, {
      action: 'meeting.update',
      entityType: 'meeting',
      entityId: id,
      unitId: m.unit_id,
      before: {
        date: m.held_on,
        startTime: vnTime(m.starts_at),
        endTime: vnTime(m.ends_at),
        place: m.place,
        topic: m.topic,
        focalIssues: m.focal_issues,
        agenda: m.agenda,
      },
      after: input,
    });
  });
}

export async function cancelMeeting(db: Kysely<DB>, access: Access, id: number, reason: string) {
  return transactionRetryingDeadlocks(db, async (trx) => {
    const m = await findManageableMeeting(trx, access, id, { forUpdate: true });
    await assertMinutesNotAdopted(trx, id);
    if (m.status === 'cancelled') throw conflict('meetings.cancelled');
    // A meeting that has ended with a roll call (marked or checked in) took place: cancelling
    // it would erase a held meeting from the record. One that ended with no roll call may
    // still be cancelled afterwards (a storm, say), with its reason.
    if (clock.now() > m.ends_at && (await rollTaken(trx, id))) throw conflict('meetings.cancel_held');
    await trx.updateTable('meetings').set({ status: 'cancelled', cancel_reason: reason, updated_at: new Date() }).where('id', '=', id).execute();
    await writeAudit(trx, access.userId, {
      action: 'meeting.cancel',
      entityType: 'meeting',
      entityId: id,
      unitId: m.unit_id,
      before: { status: m.status },
      after: { status: 'cancelled', reason },
    });
  });
}

async function rollTaken(db: Db, meetingId: number): Promise<boolean> {
  const marked = await db.selectFrom('meeting_attendance').select('meeting_id').where('meeting_id', '=', meetingId).limit(1).executeTakeFirst();
  if (marked) return true;
  const checkedIn = await db.selectFrom('meeting_check_ins').select('meeting_id').where('meeting_id', '=', meetingId).limit(1).executeTakeFirst();
  return Boolean(checkedIn);
}

/** Whether the roll records someone there: the marks refused before a meeting's day. */
async function rollSaysHeld(db: Db, meetingId: number): Promise<boolean> {
  const { rows } = await sql`
    select 1 from meeting_attendance where meeting_id = ${meetingId} and status in ('present', 'absent_unexcused')
    union all select 1 from meeting_guests where meeting_id = ${meetingId} and attended
    union all select 1 from meeting_check_ins where meeting_id = ${meetingId}
    limit 1`.execute(db);
  return rows.length > 0;
}
