// The minutes' action items are tasks (one mechanism): adopting the minutes turns each
// assigned task into a task of the cell with source 'minutes' and its meeting; amending
// them after adoption replaces the open ones; the minutes, their .docx, the month's plan
// and the secretary's home read them back from here.
import { type SqlBool, sql } from 'kysely';
import type { Db } from '../../db/types.ts';
import { isOverdue, type TaskOutcome } from '../../domain/tasks.ts';
import { setAssignees } from './assignees.ts';

export interface MinutesTaskInput {
  memberId?: number | null;
  assignee: string;
  description: string;
  dueOn?: string | null;
}

export interface ActionItem {
  id: number;
  memberId: number | null;
  assignee: string;
  description: string;
  dueOn: string | null;
  /** open until the secretary assesses it; done once assessed (its outcome says how). */
  status: 'open' | 'done';
  outcome: TaskOutcome | null;
}

async function insertOne(db: Db, meeting: { id: number; unit_id: number }, task: MinutesTaskInput, userId: number | null) {
  const row = await db
    .insertInto('tasks')
    .values({
      unit_id: meeting.unit_id,
      source: 'minutes',
      meeting_id: meeting.id,
      title: task.description,
      assignee_label: task.assignee,
      due_on: task.dueOn ?? null,
      created_by: userId,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  if (task.memberId) await setAssignees(db, row.id, [task.memberId]);
}

/** At adoption: each task the minutes assign becomes a task of the meeting's unit. */
export async function tasksFromMinutes(
  db: Db,
  meeting: { id: number; unit_id: number },
  tasks: readonly MinutesTaskInput[] | undefined,
  userId: number | null,
) {
  for (const task of tasks ?? []) await insertOne(db, meeting, task, userId);
}

/**
 * After an amendment of adopted minutes: a task the amended list still names (same
 * assignee and wording) stays, with its due date and member as amended; an open one it no
 * longer names goes, unless members already reported on it (their work stays on record);
 * the new ones are added. Assessed tasks are never touched.
 */
export async function replaceMinutesTasks(
  db: Db,
  meeting: { id: number; unit_id: number },
  tasks: readonly MinutesTaskInput[] | undefined,
  userId: number | null,
) {
  const existing = await db
    .selectFrom('tasks as t')
    .select(['t.id', 't.assignee_label', 't.title', 't.outcome', sql<boolean>`exists (select 1 from task_reports r where r.task_id = t.id)`.as('reported')])
    .where('t.meeting_id', '=', meeting.id)
    .orderBy('t.id')
    .execute();
  const kept = new Set<number>();
  for (const task of tasks ?? []) {
    const same = existing.find((e) => !kept.has(e.id) && e.assignee_label === task.assignee && e.title === task.description);
    if (!same) {
      await insertOne(db, meeting, task, userId);
      continue;
    }
    kept.add(same.id);
    if (same.outcome !== null) continue;
    await db
      .updateTable('tasks')
      .set({ due_on: task.dueOn ?? null, updated_at: new Date() })
      .where('id', '=', same.id)
      .execute();
    await setAssignees(db, same.id, task.memberId ? [task.memberId] : []);
  }
  const dropped = existing.filter((e) => !kept.has(e.id) && e.outcome === null && !e.reported).map((e) => e.id);
  if (dropped.length) {
    await db.deleteFrom('task_reminders').where('task_id', 'in', dropped).execute();
    await db.deleteFrom('task_assignees').where('task_id', 'in', dropped).execute();
    await db.deleteFrom('tasks').where('id', 'in', dropped).execute();
  }
}

/** The tasks a meeting's minutes created, in the order they were given. */
export async function actionItemsOf(db: Db, meetingIds: readonly number[]): Promise<(ActionItem & { meetingId: number })[]> {
  if (meetingIds.length === 0) return [];
  const rows = await db
    .selectFrom('tasks as t')
    .select([
      't.id',
      't.meeting_id',
      't.assignee_label',
      't.title',
      't.due_on',
      't.outcome',
      sql<number | null>`(select min(ta.member_id) from task_assignees ta where ta.task_id = t.id)`.as('member_id'),
    ])
    .where('t.meeting_id', 'in', [...meetingIds])
    .orderBy('t.id')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    meetingId: r.meeting_id!,
    memberId: r.member_id,
    assignee: r.assignee_label ?? '',
    description: r.title,
    dueOn: r.due_on,
    status: r.outcome === null ? 'open' : 'done',
    outcome: r.outcome,
  }));
}

export interface OpenTask {
  id: number;
  meetingId: number | null;
  meetingHeldOn: string | null;
  assignee: string;
  description: string;
  dueOn: string | null;
  overdue: boolean;
}

/**
 * The unit's tasks still open on `date` (assigned by then, not finished by then), oldest
 * due first; `overdueOnly` keeps those whose due date is before `date`. Past dates read the
 * past: a task finished later was still open then.
 */
export async function openTasksOn(
  db: Db,
  unitId: number,
  date: string,
  options: { exceptMeetingId?: number; overdueOnly?: boolean } = {},
): Promise<OpenTask[]> {
  const rows = await db
    .selectFrom('tasks as t')
    .leftJoin('meetings as m', 'm.id', 't.meeting_id')
    .select([
      't.id',
      't.meeting_id',
      'm.held_on',
      't.assignee_label',
      't.title',
      't.due_on',
      sql<
        string | null
      >`(select string_agg(mb.full_name, ', ' order by mb.full_name) from task_assignees ta join members mb on mb.id = ta.member_id where ta.task_id = t.id)`.as(
        'names',
      ),
    ])
    .where('t.unit_id', '=', unitId)
    .where(sql<SqlBool>`(t.outcome is null or t.outcome_on > ${date}::date)`)
    .where(sql<SqlBool>`coalesce(m.held_on, (t.created_at at time zone 'Asia/Ho_Chi_Minh')::date) <= ${date}::date`)
    .$if(options.exceptMeetingId !== undefined, (q) => q.where(sql<SqlBool>`t.meeting_id is distinct from ${options.exceptMeetingId ?? null}`))
    .$if(Boolean(options.overdueOnly), (q) => q.where('t.due_on', '<', date))
    .orderBy(sql`t.due_on nulls last`)
    .orderBy('t.id')
    .limit(100)
    .execute();
  return rows.map((r) => ({
    id: r.id,
    meetingId: r.meeting_id,
    meetingHeldOn: r.held_on,
    assignee: r.assignee_label ?? r.names ?? '',
    description: r.title,
    dueOn: r.due_on,
    overdue: isOverdue({ dueOn: r.due_on, outcome: null }, date),
  }));
}
