// The first screen after login, per role (GET /api/v1/home):
// - a cell's secretary (meeting rights granted on a cell): the month's regular meeting and
//   the steps left for it, last month's resolution and its tasks, overdue tasks;
// - a committee above cells (a grant with its subtree on a commune or higher): one line per
//   cell under it today — planned, held, adopted, graded this month — and the meetings the
//   committee is assigned to attend, with "Tôi sẽ dự";
// - the admission deadlines running in the units granted, most urgent first (admissions/);
// - a member's own meetings and notices come from /me/meetings and /me/notices (one source
//   for those lists); here only whether the account is linked to a member, and the
//   member's open tasks ("Nhiệm vụ của tôi"), overdue first.
// Every unit read goes through the caller's scope in SQL (unitInScope).
import { sql } from 'kysely';
import type { Db } from '../../db/types.ts';
import { addDays, addMonths, lastDayOfMonth, todayInVietnam } from '../../domain/calendar.ts';
import { focusMonth, monthSteps, planDeadline } from '../../domain/meeting-month.ts';
import { vnTime } from '../../domain/meeting-time.ts';
import { CELL_KINDS } from '../../domain/unit-tree.ts';
import type { Lang } from '../../i18n/messages.ts';
import { type Access, unitInScope } from '../access/access.ts';
import { homeAdmissionDeadlines } from '../admissions/home-deadlines.ts';
import { cellMeetings, type MonthMeeting, overdueActionItems, previousResolution } from '../meetings/cell-month.ts';
import { sqlLiterals } from '../meetings/meeting-roll.ts';
import { meetingRulesFor } from '../meetings/unit-rule-sets.ts';
import { unitsUnderOn } from '../org-history/units-under.ts';
import { openTasksAssigned } from '../tasks/read-tasks.ts';

/** A commune's table stays one screen long; a province's is read on the compliance report. */
const MAX_CELL_LINES = 100;
const AHEAD_DAYS = 60;

const brief = (m: MonthMeeting) => ({
  id: m.id,
  heldOn: m.heldOn,
  startTime: vnTime(m.startsAt),
  endTime: vnTime(m.endsAt),
  place: m.place,
  topic: m.topic,
  minutes: m.minutes,
  graded: m.graded,
});

async function secretaryCells(db: Db, access: Access, today: string) {
  const granted = access.grants.map((g) => g.unitId);
  if (granted.length === 0) return [];
  const cells = await db
    .selectFrom('units')
    .select(['id', 'name'])
    .where('id', 'in', granted)
    .where('kind', 'in', [...CELL_KINDS])
    .where('dissolved_on', 'is', null)
    .where((eb) => unitInScope(access.scope('manage_meetings'), eb.ref('units.id')))
    .orderBy('name')
    .execute();
  const thisMonth = today.slice(0, 7);
  return Promise.all(
    cells.map(async (cell) => {
      const meetings = await cellMeetings(db, [cell.id], `${thisMonth}-01`, lastDayOfMonth(addMonths(today, 1).slice(0, 7)), ['regular']);
      const current = meetings.find((m) => m.heldOn.startsWith(thisMonth));
      const month = focusMonth(today, current?.minutes === 'adopted');
      const meeting = meetings.find((m) => m.heldOn.startsWith(month));
      const rules = await meetingRulesFor(db, cell.id, `${month}-01`);
      const [previous, overdue] = await Promise.all([
        previousResolution(db, cell.id, meeting?.heldOn ?? `${month}-01`, today),
        overdueActionItems(db, cell.id, today),
      ]);
      return {
        unitId: cell.id,
        unitName: cell.name,
        month,
        planDeadline: planDeadline(month, rules.body.compliance.planDeadlineDay),
        meeting: meeting ? brief(meeting) : null,
        steps: monthSteps({ month, today, deadlineDay: rules.body.compliance.planDeadlineDay, meeting: meeting ?? null }),
        previous,
        overdue,
      };
    }),
  );
}

async function committeeHomes(db: Db, access: Access, today: string, now: Date) {
  const readScope = access.scope('read');
  const grants = access.grants.filter((g) => g.includeSubtree && readScope.subtreePaths.includes(g.unitPath));
  if (grants.length === 0) return [];
  const units = await db
    .selectFrom('units')
    .select(['id', 'name', 'kind'])
    .where(
      'id',
      'in',
      grants.map((g) => g.unitId),
    )
    .where('kind', 'not in', [...CELL_KINDS, 'to_dang'])
    .where('dissolved_on', 'is', null)
    .where((eb) => unitInScope(readScope, eb.ref('units.id')))
    .orderBy('id')
    .limit(3)
    .execute();
  const month = today.slice(0, 7);
  return Promise.all(
    units.map(async (unit) => {
      const { rows: cells } = await sql<{ unit_id: number; name: string }>`
        select uu.unit_id, uu.name from (${unitsUnderOn([unit.id], today)}) uu
        where uu.kind in (${sqlLiterals(CELL_KINDS)}) order by uu.name limit ${MAX_CELL_LINES + 1}`.execute(db);
      // A subtree grant on the unit (the filter above): its cells are all within scope.
      const shown = cells.slice(0, MAX_CELL_LINES);
      const meetings = await cellMeetings(
        db,
        shown.map((c) => c.unit_id),
        `${month}-01`,
        lastDayOfMonth(month),
        ['regular'],
      );
      const lines = shown
        .map((c) => {
          const m = meetings.find((x) => x.unitId === c.unit_id);
          return {
            unitId: c.unit_id,
            unitName: c.name,
            meetingId: m?.id ?? null,
            heldOn: m?.heldOn ?? null,
            planned: m !== undefined,
            held: m ? m.attendanceTaken && m.heldOn <= today : false,
            adopted: m?.minutes === 'adopted',
            graded: m?.graded ?? false,
            // Over already (it may be today's, finished this morning): no "Tôi sẽ dự" for it.
            ended: m ? m.endsAt.getTime() <= now.getTime() : false,
          };
        })
        .sort((a, b) => a.unitName.localeCompare(b.unitName, 'vi') || a.unitId - b.unitId);
      return {
        unitId: unit.id,
        unitName: unit.name,
        month,
        cells: lines,
        truncated: cells.length > MAX_CELL_LINES,
        assigned: await assignedMeetings(db, access, unit.id, today),
      };
    }),
  );
}

/** Upcoming meetings the committee assigned its members to attend, or the caller personally. */
async function assignedMeetings(db: Db, access: Access, committeeId: number, today: string) {
  const rows = await db
    .selectFrom('meeting_guests as g')
    .innerJoin('meetings as m', 'm.id', 'g.meeting_id')
    .innerJoin('units as u', 'u.id', 'm.unit_id')
    .select(['m.id', 'm.unit_id', 'u.name', 'm.held_on', 'm.starts_at', 'm.ends_at', 'm.place', 'm.topic', 'g.full_name', 'g.member_id', 'g.confirmed_at'])
    .where('m.status', '=', 'planned')
    .where('m.held_on', '>=', today)
    .where('m.held_on', '<=', addDays(today, AHEAD_DAYS))
    .where((eb) =>
      eb.and([
        unitInScope(access.scope('read'), eb.ref('m.unit_id')),
        eb.or([eb('g.assigned_by_unit_id', '=', committeeId), ...(access.memberId === null ? [] : [eb('g.member_id', '=', access.memberId)])]),
      ]),
    )
    .orderBy('m.starts_at')
    .orderBy('g.id')
    .limit(50)
    .execute();
  return rows.map((r) => ({
    meetingId: r.id,
    unitId: r.unit_id,
    unitName: r.name,
    heldOn: r.held_on,
    startTime: vnTime(r.starts_at),
    endTime: vnTime(r.ends_at),
    place: r.place,
    topic: r.topic,
    guestName: r.full_name,
    mine: access.memberId !== null && r.member_id === access.memberId,
    confirmed: r.confirmed_at !== null,
  }));
}

export async function homeOf(db: Db, access: Access, lang: Lang, now: Date) {
  const today = todayInVietnam(now);
  const [cells, committees, admissions, tasks] = await Promise.all([
    secretaryCells(db, access, today),
    committeeHomes(db, access, today, now),
    homeAdmissionDeadlines(db, access, today),
    openTasksAssigned(db, access, lang, today),
  ]);
  return { today, cells, committees, admissions, member: access.memberId !== null, myTasks: tasks };
}
