// The members a task is assigned to: members of the task's unit (or a unit under it) on
// the day of the assignment, read through the temporal model, never today's tree.
import { sql } from 'kysely';
import type { Db } from '../../db/types.ts';
import { AppError } from '../../http/app-error.ts';
import { membersUnderOn } from '../org-history/units-under.ts';
import { isProgramme } from './programmes.ts';

export async function checkAssignees(db: Db, unitId: number, memberIds: readonly number[], on: string, path = 'body.assigneeIds'): Promise<number[]> {
  const unique = [...new Set(memberIds)];
  const { rows } = await sql<{ member_id: number }>`
    select mu.member_id from (${membersUnderOn([unitId], on)}) mu where mu.member_id = any(${sql.val(unique)}::int[])`.execute(db);
  const found = new Set(rows.map((r) => r.member_id));
  const missing = unique.map((id, i) => ({ id, i })).filter((x) => !found.has(x.id));
  if (missing.length) {
    throw new AppError(
      'tasks.assignee_not_in_unit',
      400,
      {},
      missing.map((m) => ({ path: `${path}.${memberIds.indexOf(m.id)}`, message: 'tasks.assignee_not_in_unit' })),
    );
  }
  return unique;
}

export async function setAssignees(db: Db, taskId: number, memberIds: readonly number[]) {
  await db.deleteFrom('task_assignees').where('task_id', '=', taskId).execute();
  if (memberIds.length)
    await db
      .insertInto('task_assignees')
      .values(memberIds.map((member_id) => ({ task_id: taskId, member_id })))
      .execute();
}

export function checkProgramme(code: string | null | undefined) {
  if (!code) return;
  if (!isProgramme(code)) throw new AppError('tasks.unknown_programme', 400, {}, [{ path: 'body.programme', message: 'tasks.unknown_programme' }]);
}
