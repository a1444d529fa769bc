// The task rules as tables: overdue, the outcomes the secretary may record, the list order
// and the counts grading reads.
import { describe, expect, it } from 'vitest';
import { compareTasks, countTask, daysOverdue, emptyCounts, isOverdue, outcomeRefusal, type TaskOutcome, taskState } from '../../src/domain/tasks.ts';

describe('overdue', () => {
  it.each([
    // dueOn, outcome, today, overdue, state, days
    ['2026-03-31', null, '2026-03-30', false, 'open', 0],
    ['2026-03-31', null, '2026-03-31', false, 'open', 0],
    ['2026-03-31', null, '2026-04-01', true, 'overdue', 1],
    ['2026-03-31', null, '2026-05-01', true, 'overdue', 31],
    ['2026-03-31', 'done', '2026-05-01', false, 'closed', 0],
    ['2026-03-31', 'not_done', '2026-05-01', false, 'closed', 0],
    [null, null, '2030-01-01', false, 'open', 0],
  ] as const)('due %s, %s, on %s: overdue %s (%s, %i days)', (dueOn, outcome, today, overdue, state, days) => {
    const task = { dueOn, outcome: outcome as TaskOutcome | null };
    expect(isOverdue(task, today)).toBe(overdue);
    expect(taskState(task, today)).toBe(state);
    expect(daysOverdue(task, today)).toBe(days);
  });
});

describe('the outcome the secretary may record', () => {
  it.each([
    // outcome, finished on, due, target, achieved, refusal
    ['done', '2026-03-31', '2026-03-31', null, null, null],
    ['done', '2026-04-01', '2026-03-31', null, null, 'tasks.done_after_due'],
    ['done', '2026-04-01', null, null, null, null],
    ['late', '2026-04-01', '2026-03-31', null, null, null],
    ['late', '2026-03-31', '2026-03-31', null, null, 'tasks.late_not_after_due'],
    ['late', '2026-04-01', null, null, null, 'tasks.late_not_after_due'],
    ['not_done', '2026-04-10', '2026-03-31', 50, 10, null],
    ['not_done', '2026-03-10', '2026-03-31', null, null, null],
    ['exceeded', '2026-03-30', '2026-03-31', 50, 51, null],
    ['exceeded', '2026-03-30', '2026-03-31', 50, 50, 'tasks.exceeded_not_above_target'],
    ['exceeded', '2026-03-30', '2026-03-31', null, null, null],
    ['exceeded', '2026-03-30', '2026-03-31', 50, null, null],
    ['done', '2026-03-30', '2026-03-31', 50, 50, null],
    ['done', '2026-03-30', '2026-03-31', 50, 49, 'tasks.below_target'],
    ['late', '2026-04-30', '2026-03-31', 50, 49.5, 'tasks.below_target'],
  ] as const)('%s finished %s, due %s, target %s, achieved %s → %s', (outcome, outcomeOn, dueOn, targetValue, achievedValue, refusal) => {
    expect(outcomeRefusal({ outcome, outcomeOn, dueOn, targetValue, achievedValue })).toBe(refusal);
  });
});

describe("the cell's list order", () => {
  it('puts overdue first (longest overdue first), then open by due date (none last), then assessed, latest first', () => {
    const today = '2026-04-15';
    const tasks = [
      { id: 1, dueOn: '2026-05-01', outcome: null },
      { id: 2, dueOn: '2026-04-01', outcome: 'done' as const },
      { id: 3, dueOn: '2026-04-10', outcome: null },
      { id: 4, dueOn: null, outcome: null },
      { id: 5, dueOn: '2026-03-01', outcome: null },
      { id: 6, dueOn: '2026-04-20', outcome: null },
      { id: 7, dueOn: '2026-04-12', outcome: 'late' as const },
    ];
    expect([...tasks].sort((a, b) => compareTasks(a, b, today)).map((t) => t.id)).toEqual([5, 3, 6, 1, 4, 7, 2]);
  });
});

describe('counting for grading', () => {
  it('counts each outcome under its name and every task as assigned', () => {
    const outcomes: (TaskOutcome | null)[] = ['done', 'done', 'late', 'not_done', 'exceeded', null, null];
    expect(outcomes.reduce(countTask, emptyCounts())).toEqual({ assigned: 7, doneOnTime: 2, exceeded: 1, late: 1, notDone: 1, open: 2 });
  });
});
