// The daily overdue-task reminder (a pg-boss job, notifications/job-runner.ts): for each
// open task whose due date has passed, one in-app notice to each assignee and to the
// cell's secretary (accounts granted `secretary` on the task's unit, linked to a member),
// once per task: task_reminders claims the task, notices are unique per member and key, so
// two processes or a retry send nothing twice. Emails follow with the meeting notices'.
import type { Kysely } from 'kysely';
import type { DB } from '../../db/types.ts';
import { formatDateVi, todayInVietnam } from '../../domain/calendar.ts';
import { writeAudit } from '../audit/write-audit.ts';

export const TASK_OVERDUE_NOTICE = 'task_overdue';

export async function sendTaskReminders(db: Kysely<DB>, now: Date): Promise<{ tasks: number; notices: number }> {
  const today = todayInVietnam(now);
  const due = await db
    .selectFrom('tasks as t')
    .innerJoin('units as u', 'u.id', 't.unit_id')
    .select(['t.id', 't.unit_id', 't.title', 't.due_on', 'u.name as unit_name'])
    .where('t.outcome', 'is', null)
    .where('t.due_on', '<', today)
    .where(({ not, exists, selectFrom }) => not(exists(selectFrom('task_reminders as r').select('r.task_id').whereRef('r.task_id', '=', 't.id'))))
    .orderBy('t.due_on')
    .orderBy('t.id')
    .limit(1000)
    .execute();
  let notices = 0;
  let tasks = 0;
  for (const task of due) {
    const sent = await db.transaction().execute(async (trx) => {
      const claimed = await trx
        .insertInto('task_reminders')
        .values({ task_id: task.id, recipients: 0, sent_at: now })
        .onConflict((oc) => oc.column('task_id').doNothing())
        .returning('task_id')
        .executeTakeFirst();
      // Another process took this task first.
      if (!claimed) return null;
      const assignees = await trx.selectFrom('task_assignees').select('member_id').where('task_id', '=', task.id).execute();
      const secretaries = await trx
        .selectFrom('role_grants as g')
        .innerJoin('users as us', 'us.id', 'g.user_id')
        .select('us.member_id')
        .where('g.unit_id', '=', task.unit_id)
        .where('g.role', '=', 'secretary')
        .where('us.member_id', 'is not', null)
        .execute();
      const recipients = [...new Set([...assignees.map((a) => a.member_id), ...secretaries.map((s) => s.member_id!)])];
      const params = JSON.stringify({ taskId: task.id, title: task.title, unit: task.unit_name, due: formatDateVi(task.due_on) });
      const inserted = recipients.length
        ? await trx
            .insertInto('notices')
            .values(
              recipients.map((memberId) => ({
                member_id: memberId,
                kind: TASK_OVERDUE_NOTICE,
                params,
                dedupe_key: `task:${task.id}:overdue`,
                created_at: now,
              })),
            )
            .onConflict((oc) => oc.columns(['member_id', 'dedupe_key']).doNothing())
            .returning('id')
            .execute()
        : [];
      await trx.updateTable('task_reminders').set({ recipients: inserted.length }).where('task_id', '=', task.id).execute();
      await writeAudit(trx, null, {
        action: 'task.reminder',
        entityType: 'task',
        entityId: task.id,
        unitId: task.unit_id,
        after: { dueOn: task.due_on, recipients: inserted.length },
      });
      return inserted.length;
    });
    if (sent !== null) {
      tasks += 1;
      notices += sent;
    }
  }
  return { tasks, notices };
}
