// Assigning a task directly (not from the minutes): the secretary of the unit, to members
// of the unit on the day.
import type { Kysely } from 'kysely';
import type { DB } from '../../db/types.ts';
import { todayInVietnam } from '../../domain/calendar.ts';
import { type Access, unitInScope } from '../access/access.ts';
import { writeAudit } from '../audit/write-audit.ts';
import { unitRefusal } from '../meetings/meeting-access.ts';
import { checkAssignees, checkProgramme, setAssignees } from './assignees.ts';
import type { CreateTaskInput } from './schemas.ts';

export async function createTask(db: Kysely<DB>, access: Access, input: CreateTaskInput, now: Date): Promise<number> {
  return db.transaction().execute(async (trx) => {
    const unit = await trx
      .selectFrom('units')
      .select(['id'])
      .where('id', '=', input.unitId)
      .where((eb) => unitInScope(access.scope('manage_meetings'), eb.ref('units.id')))
      .executeTakeFirst();
    if (!unit) throw await unitRefusal(trx, access, input.unitId);
    checkProgramme(input.programme);
    const assignees = await checkAssignees(trx, input.unitId, input.assigneeIds, todayInVietnam(now));
    const row = await trx
      .insertInto('tasks')
      .values({
        unit_id: input.unitId,
        source: 'direct',
        title: input.title,
        programme: input.programme ?? null,
        due_on: input.dueOn,
        expected_result: input.expectedResult ?? null,
        target_value: input.targetValue ?? null,
        target_unit: input.targetUnit ?? null,
        created_by: access.userId,
        created_at: now,
        updated_at: now,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await setAssignees(trx, row.id, assignees);
    await writeAudit(trx, access.userId, {
      action: 'task.create',
      entityType: 'task',
      entityId: row.id,
      unitId: input.unitId,
      after: { ...input, assigneeIds: assignees },
    });
    return row.id;
  });
}
