// Pure rules of tasks (phân công nhiệm vụ): when a task is overdue, which outcome the
// secretary may record on a given day, how a cell's list is ordered, and how outcomes are
// counted for grading and figures. No I/O; table-tested in tests/domain/tasks.test.ts.

/** hoàn thành / hoàn thành chậm / không hoàn thành / vượt yêu cầu. */
export const TASK_OUTCOMES = ['done', 'late', 'not_done', 'exceeded'] as const;
export type TaskOutcome = (typeof TASK_OUTCOMES)[number];

/** What a list filters on: open (not yet assessed), overdue (open, due date passed), or assessed. */
export const TASK_STATES = ['open', 'overdue', 'closed'] as const;
export type TaskState = (typeof TASK_STATES)[number];

export interface TaskTiming {
  dueOn: string | null;
  outcome: TaskOutcome | null;
}

/** Open and its due date is before today (due today is not yet late). */
export function isOverdue(task: TaskTiming, today: string): boolean {
  return task.outcome === null && task.dueOn !== null && task.dueOn < today;
}

export function taskState(task: TaskTiming, today: string): TaskState {
  if (task.outcome !== null) return 'closed';
  return isOverdue(task, today) ? 'overdue' : 'open';
}

/** Days past the due date while open (0 when not overdue). */
export function daysOverdue(task: TaskTiming, today: string): number {
  if (!isOverdue(task, today) || task.dueOn === null) return 0;
  return Math.round((Date.parse(`${today}T00:00:00Z`) - Date.parse(`${task.dueOn}T00:00:00Z`)) / 86_400_000);
}

export interface OutcomeInput {
  outcome: TaskOutcome;
  /** The day the work was finished (or judged not done). */
  outcomeOn: string;
  dueOn: string | null;
  targetValue: number | null;
  achievedValue: number | null;
}

/**
 * Why an outcome cannot be recorded as given (a message key under tasks.*), or null.
 * - "hoàn thành" (done) is on time: finished on or before the due date; after it, it is
 *   "hoàn thành chậm" (late), which needs a due date that has passed by the finishing day;
 * - "vượt yêu cầu" (exceeded) with a measurable target needs the achieved figure above it;
 * - an achieved figure below the target is not "hoàn thành" (done or late) either.
 */
export function outcomeRefusal(input: OutcomeInput): string | null {
  const { outcome, outcomeOn, dueOn, targetValue, achievedValue } = input;
  if (outcome === 'done' && dueOn !== null && outcomeOn > dueOn) return 'tasks.done_after_due';
  if (outcome === 'late' && (dueOn === null || outcomeOn <= dueOn)) return 'tasks.late_not_after_due';
  if (targetValue !== null && achievedValue !== null) {
    if (outcome === 'exceeded' && achievedValue <= targetValue) return 'tasks.exceeded_not_above_target';
    if ((outcome === 'done' || outcome === 'late') && achievedValue < targetValue) return 'tasks.below_target';
  }
  return null;
}

/** The cell's list: overdue first (longest overdue first), then open by due date (none last), then assessed, newest first. */
export function compareTasks(a: TaskTiming & { id: number }, b: TaskTiming & { id: number }, today: string): number {
  const rank = (t: TaskTiming) => ({ overdue: 0, open: 1, closed: 2 })[taskState(t, today)];
  const byRank = rank(a) - rank(b);
  if (byRank !== 0) return byRank;
  const da = a.dueOn ?? '9999-12-31';
  const db = b.dueOn ?? '9999-12-31';
  if (rank(a) === 2) return db.localeCompare(da) || b.id - a.id;
  return da.localeCompare(db) || a.id - b.id;
}

export interface TaskCounts {
  assigned: number;
  doneOnTime: number;
  exceeded: number;
  late: number;
  notDone: number;
  open: number;
}

export const emptyCounts = (): TaskCounts => ({ assigned: 0, doneOnTime: 0, exceeded: 0, late: 0, notDone: 0, open: 0 });

/** Adds one task to the counts by its outcome (null: still open). */
export function countTask(counts: TaskCounts, outcome: TaskOutcome | null): TaskCounts {
  const key = outcome === null ? 'open' : ({ done: 'doneOnTime', late: 'late', not_done: 'notDone', exceeded: 'exceeded' } as const)[outcome];
  return { ...counts, assigned: counts.assigned + 1, [key]: counts[key] + 1 };
}
