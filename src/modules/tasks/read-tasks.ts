// Reading tasks: one row shape for every list (a cell's tasks, a member's own, the
// overdue ones on a secretary's home) and the task page with its reports and history.
import { type Expression, type SqlBool, sql } from 'kysely';
import type { Db } from '../../db/types.ts';
import { todayInVietnam } from '../../domain/calendar.ts';
import { compareTasks, daysOverdue, type TaskOutcome, taskState } from '../../domain/tasks.ts';
import { compareVietnameseNames } from '../../domain/vietnamese.ts';
import { notFound } from '../../http/app-error.ts';
import type { Lang } from '../../i18n/messages.ts';
import type { Access } from '../access/access.ts';
import { listUnitOr404 } from '../access/unit-in-scope-or-404.ts';
import { programmeName } from './programmes.ts';
import type { TaskDetailOut, TaskOut } from './schemas.ts';
import { assignedTo, findVisibleTask, taskManageable, taskVisible } from './task-access.ts';

const LIST_LIMIT = 500;

/** Tasks matching `where` (over alias `t`), in the cell list's order: overdue first. */
export async function taskRows(db: Db, lang: Lang, today: string, where: Expression<SqlBool>, limit = LIST_LIMIT): Promise<TaskOut[]> {
  const rows = await db
    .selectFrom('tasks as t')
    .innerJoin('units as u', 'u.id', 't.unit_id')
    .leftJoin('meetings as m', 'm.id', 't.meeting_id')
    .select([
      't.id',
      't.unit_id',
      'u.name as unit_name',
      't.source',
      't.meeting_id',
      'm.held_on',
      't.title',
      't.programme',
      't.assignee_label',
      't.due_on',
      't.expected_result',
      't.target_value',
      't.target_unit',
      't.outcome',
      't.outcome_on',
      't.outcome_note',
      't.achieved_value',
      sql<number>`(select count(*)::int from task_reports r where r.task_id = t.id)`.as('report_count'),
      sql<Date | null>`(select max(r.reported_at) from task_reports r where r.task_id = t.id)`.as('last_report_at'),
    ])
    .where(where)
    // Open ones first (overdue among them), then the latest assessed: the database keeps the list short.
    .orderBy(sql`t.outcome is null`, 'desc')
    .orderBy(sql`case when t.outcome is null then t.due_on end`, 'asc')
    .orderBy('t.due_on', 'desc')
    .orderBy('t.id')
    .limit(limit)
    .execute();
  const ids = rows.map((r) => r.id);
  const assignees = ids.length
    ? await db
        .selectFrom('task_assignees as ta')
        .innerJoin('members as mb', 'mb.id', 'ta.member_id')
        .select(['ta.task_id', 'ta.member_id', 'mb.full_name'])
        .where('ta.task_id', 'in', ids)
        .execute()
    : [];
  const items = rows.map((r): TaskOut => {
    const timing = { dueOn: r.due_on, outcome: r.outcome as TaskOutcome | null };
    return {
      id: r.id,
      unitId: r.unit_id,
      unitName: r.unit_name,
      source: r.source,
      meetingId: r.meeting_id,
      meetingHeldOn: r.held_on,
      title: r.title,
      programme: r.programme,
      programmeName: programmeName(r.programme, lang),
      assigneeLabel: r.assignee_label,
      assignees: assignees
        .filter((a) => a.task_id === r.id)
        .map((a) => ({ memberId: a.member_id, fullName: a.full_name }))
        .sort((a, b) => compareVietnameseNames(a.fullName, b.fullName)),
      dueOn: r.due_on,
      expectedResult: r.expected_result,
      targetValue: r.target_value === null ? null : Number(r.target_value),
      targetUnit: r.target_unit,
      outcome: timing.outcome,
      outcomeOn: r.outcome_on,
      outcomeNote: r.outcome_note,
      achievedValue: r.achieved_value === null ? null : Number(r.achieved_value),
      state: taskState(timing, today),
      daysOverdue: daysOverdue(timing, today),
      reportCount: r.report_count,
      lastReportAt: r.last_report_at ? new Date(r.last_report_at).toISOString() : null,
    };
  });
  return items.sort((a, b) => compareTasks(a, b, today));
}

/** SQL: task `t` is in the list state asked for on `today`. */
export function stateFilter(state: 'open' | 'overdue' | 'closed' | 'all', today: string): Expression<SqlBool> {
  if (state === 'open') return sql<SqlBool>`t.outcome is null`;
  if (state === 'overdue') return sql<SqlBool>`(t.outcome is null and t.due_on < ${today}::date)`;
  if (state === 'closed') return sql<SqlBool>`t.outcome is not null`;
  return sql<SqlBool>`true`;
}

/** A unit's tasks the caller may see; a unit holding nothing the caller sees is not found (listUnitOr404). */
export async function listUnitTasks(db: Db, access: Access, lang: Lang, unitId: number, state: 'open' | 'overdue' | 'closed' | 'all', now: Date) {
  await listUnitOr404(db, access.scope('read'), access.memberId, unitId);
  const today = todayInVietnam(now);
  const where = sql<SqlBool>`(t.unit_id = ${unitId} and ${taskVisible(access)} and ${stateFilter(state, today)})`;
  return { items: await taskRows(db, lang, today, where), today };
}

/** The caller's own tasks ("Nhiệm vụ của tôi"): open ones, and those assessed in the last 90 days. */
export async function myTasks(db: Db, access: Access, lang: Lang, now: Date) {
  const today = todayInVietnam(now);
  if (access.memberId === null) return { items: [], today };
  const where = sql<SqlBool>`(${assignedTo(access.memberId)} and (t.outcome is null or t.outcome_on >= ${today}::date - 90))`;
  return { items: await taskRows(db, lang, today, where, 100), today };
}

/** The caller's open tasks, for the home page. */
export function openTasksAssigned(db: Db, access: Access, lang: Lang, today: string) {
  if (access.memberId === null) return Promise.resolve([]);
  return taskRows(db, lang, today, sql<SqlBool>`(${assignedTo(access.memberId)} and t.outcome is null)`, 20);
}

export async function getTask(db: Db, access: Access, lang: Lang, id: number, now: Date): Promise<TaskDetailOut> {
  const today = todayInVietnam(now);
  const task = await findVisibleTask(db, access, id);
  const [row] = await taskRows(db, lang, today, sql<SqlBool>`t.id = ${id}`, 1);
  if (!row) throw notFound('entities.task');
  const [reports, files, history, manageable] = await Promise.all([
    db
      .selectFrom('task_reports as r')
      .leftJoin('members as mb', 'mb.id', 'r.member_id')
      .leftJoin('users as us', 'us.id', 'r.user_id')
      .select(['r.id', 'r.note', 'r.progress_value', 'r.reported_at', 'mb.full_name', 'us.display_name'])
      .where('r.task_id', '=', id)
      .orderBy('r.reported_at', 'desc')
      .orderBy('r.id', 'desc')
      .execute(),
    db
      .selectFrom('task_report_files as f')
      .innerJoin('task_reports as r', 'r.id', 'f.report_id')
      .select(['f.id', 'f.report_id', 'f.file_name', 'f.content_type', 'f.size_bytes', 'f.uploaded_at'])
      .where('r.task_id', '=', id)
      .orderBy('f.id')
      .execute(),
    db
      .selectFrom('audit_log as a')
      .leftJoin('users as us', 'us.id', 'a.actor_user_id')
      .select(['a.at', 'us.display_name', 'a.after'])
      .where('a.entity_type', '=', 'task')
      .where('a.entity_id', '=', String(id))
      .where('a.action', '=', 'task.outcome')
      .orderBy('a.id')
      .execute(),
    db.selectFrom('tasks as t').select('t.id').where('t.id', '=', id).where(taskManageable(access)).executeTakeFirst(),
  ]);
  const assignee = access.memberId !== null && row.assignees.some((a) => a.memberId === access.memberId);
  return {
    ...row,
    reports: reports.map((r) => ({
      id: r.id,
      note: r.note,
      progressValue: r.progress_value === null ? null : Number(r.progress_value),
      reporter: r.full_name ?? r.display_name,
      reportedAt: r.reported_at.toISOString(),
      files: files
        .filter((f) => f.report_id === r.id)
        .map((f) => ({ id: f.id, fileName: f.file_name, contentType: f.content_type, sizeBytes: f.size_bytes, uploadedAt: f.uploaded_at.toISOString() })),
    })),
    history: history.map((h) => {
      const after = (h.after ?? {}) as { outcome?: TaskOutcome | null; outcomeOn?: string | null; note?: string | null };
      return { at: h.at.toISOString(), actor: h.display_name, outcome: after.outcome ?? null, outcomeOn: after.outcomeOn ?? null, note: after.note ?? null };
    }),
    canManage: Boolean(manageable),
    canReport: Boolean(manageable) || assignee,
    unitId: task.unit_id,
  };
}
