// What the plan form starts from for a cell's regular meeting (sinh hoạt thường kỳ): the
// month to plan (this month until its meeting is planned, else the next), the cell's usual
// day in it (learnt from its last regular meetings, else the rule set's), the times and
// place it used last, whether that month already has its regular meeting, and last
// month's resolution with its tasks, to carry into the plan and the minutes.
import type { Db } from '../../db/types.ts';
import { addMonths, lastDayOfMonth, todayInVietnam } from '../../domain/calendar.ts';
import { dayInMonth, usualMeetingDay } from '../../domain/meeting-month.ts';
import { vnTime } from '../../domain/meeting-time.ts';
import { CELL_KINDS } from '../../domain/unit-tree.ts';
import { badRequest } from '../../http/app-error.ts';
import { type Access, unitInScope } from '../access/access.ts';
import { type OpenTask, openTasksOn } from '../tasks/minutes-tasks.ts';
import { cellMeetings, type PreviousResolution, previousResolution } from './cell-month.ts';
import { unitRefusal } from './meeting-access.ts';
import { meetingRulesFor } from './unit-rule-sets.ts';

export interface PlanDefaults {
  unitId: number;
  month: string;
  date: string;
  startTime: string;
  endTime: string;
  place: string | null;
  usualDay: number;
  /** The month's regular meeting when it is already planned. */
  planned: { id: number; heldOn: string } | null;
  previous: PreviousResolution | null;
  /** The cell's tasks still open today (from any meeting, or assigned directly). */
  openTasks: OpenTask[];
}

export async function planDefaults(db: Db, access: Access, unitId: number, asked: string | undefined, now: Date): Promise<PlanDefaults> {
  const unit = await db
    .selectFrom('units')
    .select(['id', 'kind'])
    .where('id', '=', unitId)
    .where((eb) => unitInScope(access.scope('manage_meetings'), eb.ref('units.id')))
    .executeTakeFirst();
  if (!unit) throw await unitRefusal(db, access, unitId);
  if (!CELL_KINDS.includes(unit.kind)) throw badRequest('meetings.plan_needs_cell', {}, [{ path: 'querystring.unitId', message: 'meetings.plan_needs_cell' }]);
  const today = todayInVietnam(now);
  const thisMonth = today.slice(0, 7);
  const past = await cellMeetings(db, [unit.id], addMonths(today, -12), lastDayOfMonth(addMonths(today, 1).slice(0, 7)), ['regular']);
  const inMonth = (month: string) => past.find((m) => m.heldOn.startsWith(month));
  const month = asked ?? (inMonth(thisMonth) ? addMonths(`${thisMonth}-01`, 1).slice(0, 7) : thisMonth);
  const rules = await meetingRulesFor(db, unit.id, `${month}-01`);
  const usualDay = usualMeetingDay(past.filter((m) => m.heldOn < `${month}-01`).map((m) => m.heldOn)) ?? rules.body.plan.usualDay;
  let date = dayInMonth(month, usualDay);
  // The usual day of this month already passed: the earliest day still possible.
  if (date < today && month === thisMonth) date = today;
  const last = past.filter((m) => m.heldOn < date).at(-1);
  const planned = inMonth(month);
  return {
    unitId: unit.id,
    month,
    date,
    startTime: last ? vnTime(last.startsAt) : '08:00',
    endTime: last ? vnTime(last.endsAt) : '10:00',
    place: last?.place ?? null,
    usualDay,
    planned: planned ? { id: planned.id, heldOn: planned.heldOn } : null,
    previous: await previousResolution(db, unit.id, planned?.heldOn ?? date, today),
    openTasks: await openTasksOn(db, unit.id, today),
  };
}
