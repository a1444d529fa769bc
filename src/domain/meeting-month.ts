// A cell's month as its secretary lives it: when the monthly meeting (sinh hoạt thường kỳ)
// should be planned, the day it is usually held, and the steps left before it is done —
// plan by the deadline day of the month before, notice, roll call, minutes, grade (HD 12
// grades before adoption), adoption. Pure: the home page and the plan form read it.
import { addDays, addMonths, lastDayOfMonth } from './calendar.ts';

const pad2 = (n: number) => String(n).padStart(2, '0');

/** The day a month's regular meeting must be planned by: the deadline day of the month before. */
export function planDeadline(month: string, deadlineDay: number): string {
  const before = addMonths(`${month}-01`, -1).slice(0, 7);
  return `${before}-${pad2(Math.min(deadlineDay, Number(lastDayOfMonth(before).slice(8))))}`;
}

/**
 * The day of the month the cell usually meets: the most frequent day among its last six
 * regular meetings (the latest wins a tie), or null when it has none yet.
 */
export function usualMeetingDay(heldOn: readonly string[]): number | null {
  const recent = [...heldOn].sort().slice(-6);
  if (recent.length === 0) return null;
  const count = new Map<number, number>();
  for (const d of recent) {
    const day = Number(d.slice(8, 10));
    count.set(day, (count.get(day) ?? 0) + 1);
  }
  let best: number | null = null;
  let bestCount = 0;
  // Latest first, so among equal counts the most recent habit wins.
  for (const d of [...recent].reverse()) {
    const day = Number(d.slice(8, 10));
    const n = count.get(day)!;
    if (n > bestCount) {
      best = day;
      bestCount = n;
    }
  }
  return best;
}

/** That day in the given month, moved back to the month's last day when the month is shorter. */
export function dayInMonth(month: string, day: number): string {
  const last = Number(lastDayOfMonth(month).slice(8));
  return `${month}-${pad2(Math.min(day, last))}`;
}

export type StepKey = 'plan' | 'notice' | 'rollCall' | 'minutes' | 'grade' | 'adopt';
/** done; todo (can be done now); late (past its due date, not done); waiting (not possible yet). */
export type StepState = 'done' | 'todo' | 'late' | 'waiting';
export const STEP_KEYS: readonly StepKey[] = ['plan', 'notice', 'rollCall', 'minutes', 'grade', 'adopt'];

export interface MonthMeetingFacts {
  /** The month 'YYYY-MM' the regular meeting is for. */
  month: string;
  /** Its regular meeting, if planned (not cancelled). */
  meeting: {
    heldOn: string;
    noticeSent: boolean;
    attendanceTaken: boolean;
    minutes: 'none' | 'draft' | 'adopted';
    graded: boolean;
  } | null;
  today: string;
  deadlineDay: number;
}

export interface Step {
  key: StepKey;
  state: StepState;
  /** The date it is due by, when the rules give one. */
  dueOn: string | null;
}

/** The steps of a month's regular meeting, each with its state. */
export function monthSteps(f: MonthMeetingFacts): Step[] {
  const m = f.meeting;
  const deadline = planDeadline(f.month, f.deadlineDay);
  const planState: StepState = m ? 'done' : f.today > deadline ? 'late' : 'todo';
  if (!m) {
    return STEP_KEYS.map((key) => (key === 'plan' ? { key, state: planState, dueOn: deadline } : { key, state: 'waiting' as const, dueOn: null }));
  }
  const held = f.today >= m.heldOn;
  // Before the meeting only the notice can be done; after it, what is left is late once a
  // week has passed (the minutes are written and adopted at the meeting itself).
  const after = (done: boolean, ready: boolean): StepState => (done ? 'done' : !ready ? 'waiting' : f.today > addDays(m.heldOn, 7) ? 'late' : 'todo');
  return [
    { key: 'plan', state: 'done', dueOn: deadline },
    // Members can still be told on the day itself; after it, a notice never sent is late.
    { key: 'notice', state: m.noticeSent ? 'done' : f.today > m.heldOn ? 'late' : 'todo', dueOn: m.heldOn },
    { key: 'rollCall', state: after(m.attendanceTaken, held), dueOn: m.heldOn },
    { key: 'minutes', state: after(m.minutes !== 'none', held), dueOn: m.heldOn },
    { key: 'grade', state: after(m.graded, held), dueOn: m.heldOn },
    { key: 'adopt', state: after(m.minutes === 'adopted', held && m.graded), dueOn: m.heldOn },
  ];
}

/**
 * The month the secretary works on now: this month while its regular meeting is not
 * adopted (planned or not), else the next month (to plan it by the deadline).
 */
export function focusMonth(today: string, thisMonthAdopted: boolean): string {
  return thisMonthAdopted ? addMonths(`${today.slice(0, 7)}-01`, 1).slice(0, 7) : today.slice(0, 7);
}
