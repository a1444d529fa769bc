// The meeting figures of a unit over a period (GET /figures/units/{id}/meetings): meetings
// held, monthly and thematic compliance, attendance, quality grades, striking-off warnings,
// the monthly trend and the same per sub-unit — each cell counted under the unit it sat
// under when it met (a cell moved in 2026 stays in its old commune's 2024 figures).

import { sql } from 'kysely';
import type { Db, UnitKind } from '../../db/types.ts';
import { share } from '../../domain/figure-bands.ts';
import { groupBy } from '../../domain/group-by.ts';
import {
  type CellCompliance,
  type ComplianceRules,
  cellCompliance,
  coveredThroughout,
  mergePeriods,
  requiredMonthsAndQuarters,
  strikeOffWarnings,
} from '../../domain/meeting-compliance.ts';
import { QUALITY_GRADES } from '../../domain/meeting-quality.ts';
import { lastDayOfMonth, monthsBetween } from '../../domain/meeting-time.ts';
import { compareUnitNames } from '../../domain/vietnamese.ts';
import type { Access } from '../access/access.ts';
import { meetingRulesFor } from '../meetings/unit-rule-sets.ts';
import { type CellFacts, periodFacts, unexcusedRows } from './cell-facts.ts';
import { unitForFigures, unitsUnderOn } from './history.ts';
import type { MeetingFiguresOut } from './schemas.ts';

const clamp = (d: string, lo: string, hi: string) => (d < lo ? lo : d > hi ? hi : d);

function complianceShares(cells: readonly CellCompliance[]) {
  const monthly = cells.filter((c) => c.everyMonth !== null);
  const thematic = cells.filter((c) => c.thematicEveryQuarter !== null);
  return {
    monthly: share(monthly.filter((c) => c.everyMonth).length, monthly.length),
    thematic: share(thematic.filter((c) => c.thematicEveryQuarter).length, thematic.length),
  };
}

export async function meetingFigures(db: Db, access: Access, unitId: number, from: string, to: string, today: string): Promise<MeetingFiguresOut> {
  const scope = access.scope('read');
  const date = clamp(today, from, to);
  const end = to < today ? to : today;
  const rulesRead = meetingRulesFor(db, unitId, today).then((r): ComplianceRules => r.body.compliance);
  // Every read at once (on PostgreSQL each on its own pooled connection); the absences are
  // read under the built-in rules and again only if the unit's own differ. The unit answers 404 when out of scope or not
  // existing on the date, and then nothing else read is returned.
  const [{ unit, whole }, rules, facts, absences, children] = await Promise.all([
    unitForFigures(db, unitId, date, scope),
    rulesRead,
    end >= from ? periodFacts(db, unitId, from, end, 'figures') : Promise.resolve({ cells: [], cellsByTop: [], months: [] }),
    end >= from ? unexcusedRows(db, unitId, from, end, today, rulesRead) : Promise.resolve([]),
    sql<{ unit_id: number; code: string; name: string; kind: UnitKind }>`
      select unit_id, code, name, kind from (${unitsUnderOn([unitId], date)}) uu where depth = 1`.execute(db),
  ]);
  const { months, quarters } = requiredMonthsAndQuarters(from, to, today);
  const judged = (cells: readonly CellFacts[]) => cells.map((c) => cellCompliance(c, months, quarters, rules));
  const cells = judged(facts.cells);
  const shares = complianceShares(cells);
  const held = cells.reduce((s, c) => s + c.meetingsHeld, 0);
  const expected = cells.reduce((s, c) => s + c.expected, 0);
  const present = cells.reduce((s, c) => s + c.present, 0);
  const quality = QUALITY_GRADES.map((grade) => ({ grade, n: cells.reduce((s, c) => s + c.grades[grade], 0) }));
  const graded = quality.reduce((s, q) => s + q.n, 0);

  const monthFacts = new Map(facts.months.map((m) => [m.month, m]));
  const merged = facts.cells.map((c) => ({ periods: mergePeriods(c.periods), held: new Set(c.regularMonths) }));
  const trend = (end >= from ? monthsBetween(from, end) : []).map((month) => {
    const last = lastDayOfMonth(month);
    const required = months.includes(month) ? merged.filter((c) => coveredThroughout(c.periods, `${month}-01`, last)) : [];
    const m = monthFacts.get(month);
    return {
      month,
      compliance: share(required.filter((c) => c.held.has(month)).length, required.length),
      attendance: share(m?.present ?? 0, m?.expected ?? 0),
    };
  });

  const subUnits: MeetingFiguresOut['subUnits'] = [];
  if (whole) {
    const byTop = groupBy(
      facts.cellsByTop.filter((c) => c.topId !== null),
      (c) => c.topId!,
    );
    // The sub-units on the date, and any other the cells sat under during the period (named as they last were by then).
    const known = new Set(children.rows.map((r) => r.unit_id));
    const others = [...byTop.keys()].filter((id) => !known.has(id));
    const tops =
      others.length === 0
        ? children.rows
        : [
            ...children.rows,
            ...(
              await sql<{ unit_id: number; code: string; name: string; kind: UnitKind }>`
      select distinct on (v.unit_id) v.unit_id, u.code, v.name, v.kind from unit_versions v join units u on u.id = v.unit_id
      where v.unit_id = any(${sql.val(others)}::int[]) and v.valid_from <= ${date}::date order by v.unit_id, v.valid_from desc`.execute(db)
            ).rows,
          ];
    // A cell that sat under one sub-unit all period is judged there as it was as a whole.
    const asWhole = new Map(facts.cells.map((c, i) => [c.unitId, cells[i]!]));
    const partsOf = groupBy(facts.cellsByTop, (c) => c.unitId);
    const judgedUnder = (parts: readonly CellFacts[]) =>
      parts.map((c) => (partsOf.get(c.unitId)!.length === 1 ? asWhole.get(c.unitId)! : cellCompliance(c, months, quarters, rules)));
    for (const t of tops) {
      const own = judgedUnder(byTop.get(t.unit_id) ?? []);
      subUnits.push({
        id: t.unit_id,
        code: t.code,
        name: t.name,
        kind: t.kind,
        meetingsHeld: own.reduce((s, c) => s + c.meetingsHeld, 0),
        compliance: complianceShares(own).monthly,
        attendance: share(
          own.reduce((s, c) => s + c.present, 0),
          own.reduce((s, c) => s + c.expected, 0),
        ),
      });
    }
    subUnits.sort((a, b) => compareUnitNames(a.name, b.name) || a.id - b.id);
  }

  return {
    unit,
    from,
    to,
    meetingsHeld: held,
    monthlyCompliance: shares.monthly,
    thematic: shares.thematic,
    attendanceRate: share(present, expected),
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
