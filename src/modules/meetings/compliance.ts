// Compliance with the meeting rules for any unit and period (see
// src/domain/meeting-compliance.ts for the rules), read from the figures engine: the
// cells under the unit as they were in each month (a cell moved to another commune in
// 2026 stays in its old commune's 2024 report) and their per-meeting facts. A meeting
// counts as held when it was not cancelled, its date has come, and attendance was taken
// (a roll call or a check-in): a plan alone is not a meeting.

import { type Kysely, sql } from 'kysely';
import type { DB } from '../../db/types.ts';
import {
  type ComplianceResult,
  cellCompliance,
  complianceSummary,
  presentInPeriod,
  requiredMonthsAndQuarters,
  strikeOffWarnings,
  thisMonthCheck,
} from '../../domain/meeting-compliance.ts';
import { monthOf } from '../../domain/meeting-time.ts';
import { CELL_KINDS } from '../../domain/unit-tree.ts';
import { unitNameRanks } from '../../domain/vietnamese.ts';
import { notFound } from '../../http/app-error.ts';
import { type Access, unitInScope } from '../access/access.ts';
import { periodCellFacts, unexcusedRows } from '../figures/cell-facts.ts';
import { unitsUnderOn } from '../figures/history.ts';
import { subtreeVisible } from '../figures/subtree-visible.ts';
import { validDuring } from '../org-history/valid-on.ts';
import { sqlLiterals } from './meeting-roll.ts';
import { meetingRulesFor } from './unit-rule-sets.ts';

export interface ComplianceQuery {
  unitId: number;
  from: string;
  to: string;
  asOf: string;
}

export type ComplianceReport = Omit<ComplianceResult, 'strikeOffWarnings'> & {
  unit: { id: number; name: string };
  strikeOffWarnings: (ComplianceResult['strikeOffWarnings'][number] & { unitName: string })[];
};

/** SQL: the cells under the unit on the report date with whether a regular meeting is recorded in its month. */
export function cellsOnDateSql(unitId: number, asOf: string) {
  const month = monthOf(asOf);
  return sql<{ unit_id: number; name: string; planned: boolean }>`
    select uu.unit_id, uu.name, exists (select 1 from meeting_facts f where f.unit_id = uu.unit_id and f.recorded and f.kind = 'regular'
      and f.held_on >= ${`${month}-01`}::date and f.held_on < (${`${month}-01`}::date + interval '1 month')) as planned
    from (${unitsUnderOn([unitId], asOf)}) uu where uu.kind in (${sqlLiterals(CELL_KINDS)})`;
}

export async function meetingCompliance(db: Kysely<DB>, access: Access, q: ComplianceQuery): Promise<ComplianceReport> {
  // The cells counted are those under the unit that the caller may see: a grant on a
  // commune alone does not reach its cells' names, figures or absent members.
  const scope = access.scope('read');
  const end = q.to < q.asOf ? q.to : q.asOf; // ISO dates: the earlier of the two
  const { months, quarters } = requiredMonthsAndQuarters(q.from, q.to, q.asOf);
  const rulesRead = meetingRulesFor(db, q.unitId, q.asOf).then((r) => r.body.compliance);
  // Every read at once (on PostgreSQL each on its own pooled connection); the absences are
  // read under the built-in rules and again only if the unit's own differ. Nothing read is returned for a unit out of scope.
  const [unit, whole, rules, facts, absences, onDate] = await Promise.all([
    db
      .selectFrom('units')
      .select(['id', 'name'])
      .where('id', '=', q.unitId)
      .where((eb) => unitInScope(scope, eb.ref('units.id')))
      // A unit that did not exist on any day of the period (founded after it, dissolved before it) is not found.
      .where(sql<boolean>`exists (select 1 from unit_versions v where v.unit_id = units.id and ${validDuring('v', q.from, q.to)})`)
      .executeTakeFirst(),
    subtreeVisible(db, scope, q.unitId),
    rulesRead,
    end >= q.from ? periodCellFacts(db, q.unitId, q.from, end) : Promise.resolve([]),
    end >= q.from ? unexcusedRows(db, q.unitId, q.from, end, q.asOf, rulesRead) : Promise.resolve([]),
    cellsOnDateSql(q.unitId, q.asOf)
      .execute(db)
      .then((r) => r.rows),
  ]);
  if (!unit) throw notFound('entities.unit');
  const visible = (cellId: number) => whole || scope.unitIds.includes(cellId);
  // The period's cells and today's are mostly the same names: ranked once, sorted twice.
  const rank = unitNameRanks([...facts.map((c) => c.name), ...onDate.map((c) => c.name)]);
  const byName = (a: { unitName: string; unitId: number }, b: { unitName: string; unitId: number }) =>
    rank.get(a.unitName)! - rank.get(b.unitName)! || a.unitId - b.unitId;
  const cells = facts
    .filter((c) => visible(c.unitId) && presentInPeriod(c.periods, q.from, end))
    .map((c) => cellCompliance(c, months, quarters, rules))
    .sort(byName);
  const cellName = new Map(facts.map((c) => [c.unitId, c.name]));
  const warnings = strikeOffWarnings(
    absences.filter((a) => visible(a.unit_id)).map((a) => ({ memberId: a.member_id, fullName: a.full_name, unitId: a.unit_id, heldOn: a.held_on })),
    rules,
    { from: q.from, to: end },
  );
  const cellsToday = onDate
    .filter((c) => visible(c.unit_id))
    .map((c) => ({ unitId: c.unit_id, unitName: c.name }))
    .sort(byName);
  const planned = new Set(onDate.filter((c) => c.planned).map((c) => c.unit_id));
  return {
    unit: { id: unit.id, name: unit.name },
    from: q.from,
    to: q.to,
    asOf: q.asOf,
    monthsRequired: months,
    quartersRequired: quarters,
    cells,
    summary: complianceSummary(cells),
    strikeOffWarnings: warnings.map((w) => ({ ...w, unitName: cellName.get(w.unitId) ?? '' })),
    thisMonth: thisMonthCheck(q.asOf, rules, cellsToday, planned),
  };
}
