// Adopting the minutes (thông qua biên bản): from then on they are locked. Adoption needs
// the chair, the minute-taker, a fully marked roll and (for a cell meeting) the vote; it
// numbers the minutes within the unit's year if no number was given, freezes the roll
// and its attendance as they stood (frozen-roll.ts), and turns the assigned tasks into tasks of the cell (tasks/minutes-tasks.ts).

import type { Kysely } from 'kysely';
import { sql, type Transaction } from 'kysely';
import { transactionRetryingDeadlocks } from '../../db/retry-on-deadlock.ts';
import type { DB } from '../../db/types.ts';
import { checklistApplies } from '../../domain/meeting-checklist.ts';
import { missingForAdoption } from '../../domain/meeting-minutes.ts';
import { gradeMeeting } from '../../domain/meeting-quality.ts';
import { AppError, conflict } from '../../http/app-error.ts';
import type { Access } from '../access/access.ts';
import { writeAudit } from '../audit/write-audit.ts';
import { tasksFromMinutes } from '../tasks/minutes-tasks.ts';
import { freezeRoll } from './frozen-roll.ts';
import type { MeetingRow } from './get-meeting.ts';
import { minutesState } from './get-minutes.ts';
import { qualityFacts } from './quality-facts.ts';
import { scaleFor } from './quality-scales.ts';
import { checkMinutesContent, lockedMeetingForMinutes } from './save-minutes.ts';

async function nextNumber(trx: Transaction<DB>, unitId: number, heldOn: string): Promise<string> {
  const row = await trx
    .selectFrom('meeting_minutes as mm')
    .innerJoin('meetings as m', 'm.id', 'mm.meeting_id')
    .select(sql<number | null>`max(mm.number::int)`.as('n'))
    .where('m.unit_id', '=', unitId)
    .where(sql<boolean>`extract(year from m.held_on) = ${Number(heldOn.slice(0, 4))}`)
    .where(sql<boolean>`mm.number ~ '^[0-9]{1,6}$'`)
    .where('mm.adopted_at', 'is not', null)
    .executeTakeFirst();
  return String((row?.n ?? 0) + 1);
}

/**
 * HD 12 grades the meeting before its minutes are adopted: adoption needs a saved grade,
 * which is recomputed with the final facts, then locked with the minutes.
 */
async function regradeOnAdoption(trx: Transaction<DB>, m: MeetingRow) {
  const stored = await trx.selectFrom('meeting_quality').select(['ticks']).where('meeting_id', '=', m.id).executeTakeFirst();
  if (!stored) throw new AppError('meetings.grade_before_adoption', 400);
  const scale = await scaleFor(trx, m.unit_id, m.held_on);
  const result = gradeMeeting(scale.body, (await qualityFacts(trx, m)).facts, stored.ticks as Record<string, boolean>, checklistApplies(m.kind));
  await trx
    .updateTable('meeting_quality')
    .set({
      rule_set_code: scale.code,
      rule_set_version: scale.version,
      result: JSON.stringify(result),
      points: result.points,
      max_points: result.maxPoints,
      grade: result.grade,
    })
    .where('meeting_id', '=', m.id)
    .execute();
}

export async function adoptMinutes(db: Kysely<DB>, access: Access, id: number, now: Date) {
  await transactionRetryingDeadlocks(db, async (trx) => {
    const m = await lockedMeetingForMinutes(trx, access, id);
    const { row, content, attendance, adopted } = await minutesState(trx, m);
    if (!row) throw new AppError('meetings.minutes_missing', 400);
    if (adopted) throw conflict('meetings.minutes_already_adopted');
    if (now < m.starts_at) throw conflict('meetings.minutes_before_meeting');
    const missing = missingForAdoption(m.kind, content, attendance.summary);
    if (missing.length) {
      throw new AppError(
        'meetings.minutes_incomplete',
        400,
        {},
        missing.map((field) => ({ path: `content.${field}`, message: `meetings.minutes_fields.${field}` })),
      );
    }
    checkMinutesContent(content, attendance, 'content');
    const number = row.number ?? (await nextNumber(trx, m.unit_id, m.held_on));
    await trx
      .updateTable('meeting_minutes')
      .set({
        number,
        adopted_at: now,
        adopted_by: access.userId,
        updated_by: access.userId,
        updated_at: now,
      })
      .where('meeting_id', '=', id)
      .execute();
    // The roll and its figures as they stand now are what was adopted (frozen-roll.ts).
    await freezeRoll(trx, id, [...attendance.members, ...attendance.apart]);
    await tasksFromMinutes(trx, m, content.tasks, access.userId);
    await regradeOnAdoption(trx, m);
    await writeAudit(trx, access.userId, {
      action: 'minutes.adopt',
      entityType: 'meeting',
      entityId: id,
      unitId: m.unit_id,
      after: { number, attendance: attendance.summary, votes: content.votes ?? null, tasks: (content.tasks ?? []).length },
    });
  });
}
