// Who may see and who may manage a task, folded into SQL like every other access check
// (src/modules/access/access.ts): readers by the read scope over the task's unit, managers
// (the secretary) by the manage_meetings scope, and a plain member sees the tasks assigned
// to them. Out of sight → 404; seen but not theirs to change → 403.
import { type Expression, type SqlBool, sql } from 'kysely';
import type { Db } from '../../db/types.ts';
import { AppError, notFound } from '../../http/app-error.ts';
import { type Access, unitInScope } from '../access/access.ts';

/** SQL: task `t` is assigned to this member. */
export function assignedTo(memberId: number): Expression<SqlBool> {
  return sql<SqlBool>`exists (select 1 from task_assignees ta where ta.task_id = t.id and ta.member_id = ${memberId})`;
}

/** SQL: the caller may read task `t` (the alias must be `t`). */
export function taskVisible(access: Access): Expression<SqlBool> {
  const byScope = unitInScope(access.scope('read'), sql.ref<number>('t.unit_id'));
  if (access.memberId === null) return byScope;
  return sql<SqlBool>`(${byScope} or ${assignedTo(access.memberId)})`;
}

/** SQL: the caller may manage task `t` (assign, change, assess). */
export function taskManageable(access: Access): Expression<SqlBool> {
  return unitInScope(access.scope('manage_meetings'), sql.ref<number>('t.unit_id'));
}

async function taskFor(db: Db, access: Access, id: number, allowed: Expression<SqlBool>, forUpdate: boolean) {
  let query = db.selectFrom('tasks as t').selectAll('t').where('t.id', '=', id).where(allowed);
  if (forUpdate) query = query.forUpdate();
  const row = await query.executeTakeFirst();
  if (row) return row;
  const visible = await db.selectFrom('tasks as t').select('t.id').where('t.id', '=', id).where(taskVisible(access)).executeTakeFirst();
  if (visible) throw new AppError('forbidden', 403);
  throw notFound('entities.task');
}

export async function findVisibleTask(db: Db, access: Access, id: number) {
  const row = await db.selectFrom('tasks as t').selectAll('t').where('t.id', '=', id).where(taskVisible(access)).executeTakeFirst();
  if (!row) throw notFound('entities.task');
  return row;
}

/** The task for a write by its manager (locked for the transaction). */
export function findManageableTask(db: Db, access: Access, id: number) {
  return taskFor(db, access, id, taskManageable(access), true);
}

/** The task for a progress report: its manager or one of its assignees. */
export function findReportableTask(db: Db, access: Access, id: number) {
  const allowed = access.memberId === null ? taskManageable(access) : sql<SqlBool>`(${taskManageable(access)} or ${assignedTo(access.memberId)})`;
  return taskFor(db, access, id, allowed, true);
}
