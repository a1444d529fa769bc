// The meeting figures of a unit over a period (GET /figures/units/{id}/meetings): meetings
// held, monthly and thematic compliance, attendance, quality grades, striking-off warnings,
// the monthly trend and the same per sub-unit — each cell counted under the unit it sat
// under when it met (a cell moved in 2026 stays in its old commune's 2024 figures).

import { isDeepStrictEqual } from 'node:util';
import { sql } from 'kysely';
import { noRows, readTogether } from '../../db/read-together.ts';
import type { Db, UnitKind } from '../../db/types.ts';
import { monthsBetween } from '../../domain/calendar.ts';
import { share } from '../../domain/figure-bands.ts';
import { requiredMonthsAndQuarters, strikeOffWarnings } from '../../domain/meeting-compliance.ts';
import { QUALITY_GRADES } from '../../domain/meeting-quality.ts';
import { type MeetingRules, meetingRulesOn } from '../../domain/meeting-rules.ts';
import { compareUnitNames } from '../../domain/vietnamese.ts';
import type { Access } from '../access/access.ts';
import type { CallerCheck } from '../auth/caller-check.ts';
import { type UnexcusedRow, unexcusedSql } from './cell-facts.ts';
import { onLastDayInPeriod, unitForFiguresWith, unitsUnderOn } from './history.ts';
import { type KeptMeetingSumsRow, keptMeetingSumsSql } from './kept-meeting-sums.ts';
import { type MeetingSumsInput, type MeetingSumsRow, periodMeetingSumsSql } from './period-meeting-sums.ts';
import type { MeetingFiguresOut } from './schemas.ts';

const clamp = (d: string, lo: string, hi: string) => (d < lo ? lo : d > hi ? hi : d);
type Row<S extends MeetingSumsRow['set']> = Extract<MeetingSumsRow, { set: S }>;

/** The compliance rules of the built-in meeting rule set in force on the day, if one is. */
function builtinComplianceOn(day: string): MeetingRules['compliance'] | null {
  try {
    return meetingRulesOn(day).body.compliance;
  } catch {
    return null;
  }
}

export async function meetingFigures(
  db: Db,
  access: Access,
  unitId: number,
  from: string,
  to: string,
  today: string,
  check?: CallerCheck,
): Promise<MeetingFiguresOut> {
  const scope = access.scope('read');
  const end = to < today ? to : today;
  const { months, quarters } = requiredMonthsAndQuarters(from, to, today);
  const period = end >= from;
  const sumsInput = (rules: MeetingRules['compliance']): MeetingSumsInput => ({
    rootId: unitId,
    from,
    end,
    requiredMonths: months,
    requiredQuarters: quarters,
    thematicPerQuarter: rules.thematicPerQuarter,
  });
  // From the models kept per ancestor where they answer; else (and when SQL says a sub-unit
  // joined or left the unit in the period) from the stretches.
  const reads = (rules: MeetingRules['compliance'], date: string) => ({
    sums: period ? (keptMeetingSumsSql(sumsInput(rules)) ?? periodMeetingSumsSql(sumsInput(rules))) : noRows<KeptMeetingSumsRow>(),
    absences: period ? unexcusedSql(unitId, from, end, rules) : noRows<UnexcusedRow>(),
    children: sql<{ unit_id: number; code: string; name: string; kind: UnitKind }>`
      select unit_id, code, name, kind from (${unitsUnderOn([unitId], date)}) uu where depth = 1`,
  });
  // First the unit (404 when out of scope or not existing on the date, and then nothing is
  // read) with the meeting rule sets it or a unit above it loaded, in force today; for a
  // small unit, in the same statement, the figures under the built-in rules, which almost
  // every unit follows (read again below under its own when they differ).
  // A unit dissolved within the period is judged under the sets in force on its last day
  // (today it has no units above it to inherit from).
  const shownOn = clamp(today, from, to);
  const {
    head,
    reads: guessed,
    date,
    rulesOn,
  } = await onLastDayInPeriod(db, unitId, from, shownOn, async (date) => {
    const rulesOn = date === shownOn ? today : date;
    const builtin = builtinComplianceOn(rulesOn);
    return { ...(await unitForFiguresWith(db, unitId, date, scope, 'meeting-rules', rulesOn, builtin && (() => reads(builtin, date)), check)), date, rulesOn };
  });
  const builtin = builtinComplianceOn(rulesOn);
  const { unit, whole, reusesPlans, ruleSets } = head;
  const rules = meetingRulesOn(rulesOn, ruleSets).body.compliance;
  const read = guessed && builtin && isDeepStrictEqual(rules, builtin) ? guessed : await readTogether(db, reads(rules, date), reusesPlans);
  const { absences, children } = read;
  const sums = read.sums.some((r) => r.set === 'fallback') ? (await periodMeetingSumsSql(sumsInput(rules)).execute(db)).rows : read.sums;
  const tops = sums.filter((r): r is Row<'top'> => r.set === 'top');
  const cells = sums.find((r): r is Row<'cells'> => r.set === 'cells');
  const total = (k: 'held' | 'expected' | 'present' | (typeof QUALITY_GRADES)[number]) => tops.reduce((s, t) => s + t[k], 0);
  const held = total('held');
  const quality = QUALITY_GRADES.map((grade) => ({ grade, n: total(grade) }));
  const graded = quality.reduce((s, q) => s + q.n, 0);

  const byMonth = new Map(sums.filter((r): r is Row<'month'> => r.set === 'month').map((m) => [m.month, m]));
  const trend = (end >= from ? monthsBetween(from, end) : []).map((month) => {
    const m = byMonth.get(month);
    return {
      month,
      compliance: months.includes(month) ? share(m?.held_cells ?? 0, m?.required ?? 0) : share(0, 0),
      attendance: share(m?.present ?? 0, m?.expected ?? 0),
    };
  });

  const subUnits: MeetingFiguresOut['subUnits'] = [];
  if (whole) {
    const byTop = new Map(tops.map((t) => [t.top_id, t]));
    // The sub-units on the date, and any other the cells sat under during the period (named as they last were by then).
    const known = new Set(children.map((r) => r.unit_id));
    const others = tops.map((t) => t.top_id).filter((id) => id !== 0 && !known.has(id));
    const named =
      others.length === 0
        ? children
        : [
            ...children,
            ...(
              await sql<{ unit_id: number; code: string; name: string; kind: UnitKind }>`
      select distinct on (v.unit_id) v.unit_id, u.code, v.name, v.kind from unit_versions v join units u on u.id = v.unit_id
      where v.unit_id = any(${sql.val(others)}::int[]) and v.valid_from <= ${date}::date order by v.unit_id, v.valid_from desc`.execute(db)
            ).rows,
          ];
    for (const t of named) {
      const own = byTop.get(t.unit_id);
      subUnits.push({
        id: t.unit_id,
        code: t.code,
        name: t.name,
        kind: t.kind,
        meetingsHeld: own?.held ?? 0,
        compliance: share(own?.monthly_every ?? 0, own?.monthly_applicable ?? 0),
        attendance: share(own?.present ?? 0, own?.expected ?? 0),
      });
    }
    subUnits.sort((a, b) => compareUnitNames(a.name, b.name) || a.id - b.id);
  }

  return {
    unit,
    from,
    to,
    meetingsHeld: held,
    monthlyCompliance: share(cells?.monthly_every ?? 0, cells?.monthly_applicable ?? 0),
    thematic: share(cells?.thematic_every ?? 0, cells?.thematic_applicable ?? 0),
    attendanceRate: share(total('present'), total('expected')),
    quality,
    graded: share(graded, held),
    strikingOffWarnings: strikeOffWarnings(
      absences.map((a) => ({ memberId: a.member_id, fullName: a.full_name, unitId: a.unit_id, heldOn: a.held_on })),
      rules,
      { from, to: end },
    ).length,
    trend,
    subUnits,
  };
}
