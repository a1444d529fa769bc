// Changing a task's terms (title, programme, due date, expected result, target, who does
// it): its manager only; the audit row keeps what it was.
import type { Kysely } from 'kysely';
import type { DB } from '../../db/types.ts';
import { todayInVietnam } from '../../domain/calendar.ts';
import type { Access } from '../access/access.ts';
import { writeAudit } from '../audit/write-audit.ts';
import { checkAssignees, checkProgramme, setAssignees } from './assignees.ts';
import type { UpdateTaskInput } from './schemas.ts';
import { findManageableTask } from './task-access.ts';

export async function updateTask(db: Kysely<DB>, access: Access, id: number, input: UpdateTaskInput, now: Date) {
  await db.transaction().execute(async (trx) => {
    const task = await findManageableTask(trx, access, id);
    checkProgramme(input.programme);
    const before = await trx.selectFrom('task_assignees').select('member_id').where('task_id', '=', id).orderBy('member_id').execute();
    const changes = {
      ...(input.title !== undefined ? { title: input.title } : {}),
      ...(input.programme !== undefined ? { programme: input.programme } : {}),
      ...(input.dueOn !== undefined ? { due_on: input.dueOn } : {}),
      ...(input.expectedResult !== undefined ? { expected_result: input.expectedResult } : {}),
      ...(input.targetValue !== undefined ? { target_value: input.targetValue } : {}),
      ...(input.targetUnit !== undefined ? { target_unit: input.targetUnit } : {}),
    };
    await trx
      .updateTable('tasks')
      .set({ ...changes, updated_at: now })
      .where('id', '=', id)
      .execute();
    if (input.assigneeIds) await setAssignees(trx, id, await checkAssignees(trx, task.unit_id, input.assigneeIds, todayInVietnam(now)));
    await writeAudit(trx, access.userId, {
      action: 'task.update',
      entityType: 'task',
      entityId: id,
      unitId: task.unit_id,
      before: {
        title: task.title,
        programme: task.programme,
        dueOn: task.due_on,
        expectedResult: task.expected_result,
        targetValue: task.target_value,
        targetUnit: task.target_unit,
        assigneeIds: before.map((b) => b.member_id),
      },
      after: input,
    });
  });
}
