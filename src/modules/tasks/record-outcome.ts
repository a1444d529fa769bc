// The secretary's assessment of a task: hoàn thành, hoàn thành chậm, không hoàn thành,
// vượt yêu cầu — or reopening it. Every change is an audit row, which the task page reads
// back as the task's history.
import type { Kysely } from 'kysely';
import type { DB } from '../../db/types.ts';
import { todayInVietnam } from '../../domain/calendar.ts';
import { outcomeRefusal } from '../../domain/tasks.ts';
import { AppError } from '../../http/app-error.ts';
import type { Access } from '../access/access.ts';
import { writeAudit } from '../audit/write-audit.ts';
import type { OutcomeInput } from './schemas.ts';
import { findManageableTask } from './task-access.ts';

export async function recordOutcome(db: Kysely<DB>, access: Access, id: number, input: OutcomeInput, now: Date) {
  await db.transaction().execute(async (trx) => {
    const task = await findManageableTask(trx, access, id);
    const today = todayInVietnam(now);
    const outcomeOn = input.outcome === null ? null : (input.outcomeOn ?? today);
    if (outcomeOn !== null && outcomeOn > today) {
      throw new AppError('tasks.outcome_in_future', 400, {}, [{ path: 'body.outcomeOn', message: 'tasks.outcome_in_future' }]);
    }
    const achieved = input.achievedValue ?? null;
    if (input.outcome !== null && outcomeOn !== null) {
      const refusal = outcomeRefusal({
        outcome: input.outcome,
        outcomeOn,
        dueOn: task.due_on,
        targetValue: task.target_value === null ? null : Number(task.target_value),
        achievedValue: achieved,
      });
      if (refusal) throw new AppError(refusal, 400, {}, [{ path: 'body.outcome', message: refusal }]);
    }
    await trx
      .updateTable('tasks')
      .set({
        outcome: input.outcome,
        outcome_on: outcomeOn,
        outcome_note: input.outcome === null ? null : (input.note ?? null),
        achieved_value: input.outcome === null ? null : achieved,
        outcome_by: input.outcome === null ? null : access.userId,
        updated_at: now,
      })
      .where('id', '=', id)
      .execute();
    await writeAudit(trx, access.userId, {
      action: 'task.outcome',
      entityType: 'task',
      entityId: id,
      unitId: task.unit_id,
      before: { outcome: task.outcome, outcomeOn: task.outcome_on, note: task.outcome_note, achievedValue: task.achieved_value },
      after: { outcome: input.outcome, outcomeOn, note: input.note ?? null, achievedValue: achieved },
    });
  });
}
