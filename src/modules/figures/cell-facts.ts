// The compliance report's cells read from the meeting facts kept by triggers (a row per
// cell and month, table cell_month_facts, and per meeting, meeting_facts): for each cell
// that sat under the root during the period, the periods it was there and its held
// meetings within them, named as it last was. One statement, never the attendance rows.
// (The dashboard's meeting figures sum the same kept rows in SQL: period-meeting-sums.ts.)
import { type RawBuilder, sql } from 'kysely';
import type { Db } from '../../db/types.ts';
import { groupBy } from '../../domain/group-by.ts';
import { type CellPeriodFacts, emptyGrades, type GradeCounts } from '../../domain/meeting-compliance.ts';
import { meetingRulesOn } from '../../domain/meeting-rules.ts';
import { cellMonthHeld, type MonthMeeting } from '../../domain/party-group-compliance.ts';
import { type StrikeOffRule, strikeOffLookback } from '../../domain/strike-off.ts';
import { CELL_KINDS } from '../../domain/unit-tree.ts';
import { sqlLiterals } from '../meetings/meeting-roll.ts';
import { unitsUnderDuring } from './history.ts';
import { daysOutsideWholeMonths, KEPT_SUMS, monthHeld, wholeMonths } from './kept-cell-months.ts';

interface Row extends FactCounts {
  unit_id: number;
  name: string;
  froms: string[];
  tos: string[];
  regular_months: number[] | null;
  group_meetings: { month: number; group: number; groups: number[] }[] | null;
  thematic_quarters: number[] | null;
  /** How many thematic meetings in each of thematic_quarters. */
  thematic_counts: number[] | null;
}

/** What is counted of a set of held meetings' facts (FACT_COUNTS). */
export interface FactCounts {
  held: number;
  expected: number;
  present: number;
  tot: number;
  kha: number;
  trung_binh: number;
  kem: number;
  ungraded: number;
}

/** The select list counting a set of meeting_facts rows (their columns unqualified). */
export const FACT_COUNTS = sql`count(*)::int as held, sum(expected)::int as expected, sum(present)::int as present,
        count(*) filter (where grade = 'tot')::int as tot, count(*) filter (where grade = 'kha')::int as kha,
        count(*) filter (where grade = 'trung_binh')::int as trung_binh, count(*) filter (where grade = 'kem')::int as kem,
        count(*) filter (where grade is null)::int as ungraded`;

/** A date's month as a yyyymm integer (cheap to group and to send). */
const yyyymm = (d: string) => sql`(date_part('year', ${sql.ref(d)}) * 100 + date_part('month', ${sql.ref(d)}))::int`;

/**
 * The SQL (kept as a reviewed snapshot): per cell, its stretches under the root and its
 * held meetings in them. A stretch's whole months read the kept per-cell-month rows (a
 * province-year: 44,000 rows where the facts are 58,000, and no date arithmetic per
 * meeting), the days outside them the facts of those days (kept-cell-months.ts). Months
 * are yyyymm and quarters yyyyq integers (cheap to group); `end` is the last day counted.
 */
export function cellFactsSql(rootId: number, from: string, end: string) {
  const outside = daysOutsideWholeMonths('cu');
  const grade = (g: string) => sql`(mf.grade = ${sql.lit(g)})::int`;
  return sql<{ cell: Row }>`
    with cu as materialized (
      select unit_id, valid_from as vf, valid_to as vt, ${wholeMonths('valid_from', 'valid_to')}
      from (${unitsUnderDuring(rootId, from, end, false)}) x
      where kind in (${sqlLiterals(CELL_KINDS)})
    ), f as (
      -- One row a cell and whole month (its party groups' meetings judged in SQL) …
      select cu.unit_id, ${yyyymm('k.month')} as month, ${monthHeld('k')} as regular, null::jsonb as group_meeting,
        k.thematic, k.held, k.expected, k.present, k.tot, k.kha, k.trung_binh, k.kem, k.ungraded
      from cu join cell_month_facts k on k.unit_id = cu.unit_id and k.month >= cu.wf and k.month < cu.wt
      union all
      -- … and one a held meeting on the days outside them, a party group's with the cell's
      -- groups existing that day (each must meet that month: judged when read, heldMonths).
      select cu.unit_id, m.month, mf.kind = 'regular' and mf.party_group_id is null,
        case when mf.kind = 'regular' and mf.party_group_id is not null then jsonb_build_object('month', m.month, 'group', mf.party_group_id,
          'groups', array(select v.unit_id from unit_versions v
            where v.parent_id = mf.unit_id and v.kind = 'to_dang' and v.valid_from <= mf.held_on and (v.valid_to is null or v.valid_to > mf.held_on))) end,
        (mf.kind = 'thematic')::int, 1, mf.expected, mf.present, ${grade('tot')}, ${grade('kha')}, ${grade('trung_binh')}, ${grade('kem')},
        (mf.grade is null)::int
      from cu ${outside.join}
      join meeting_facts mf on mf.unit_id = cu.unit_id and mf.held_on >= p.lo and mf.held_on < p.hi
      cross join lateral (select ${yyyymm('mf.held_on')} as month) m
      where ${outside.where} and cell_month_counted(mf.kind, mf.recorded, mf.attendance_taken)
    ), by_cell as (
      select unit_id,
        -- Not distinct (a DISTINCT aggregate forbids hashing the groups): deduplicated when read.
        array_agg(month) filter (where regular) as regular_months,
        jsonb_agg(group_meeting) filter (where group_meeting is not null) as group_meetings,
        array_agg((month / 100) * 10 + ((month % 100) + 2) / 3) filter (where thematic > 0) as thematic_quarters,
        array_agg(thematic) filter (where thematic > 0) as thematic_counts, ${KEPT_SUMS}
      from f group by unit_id
    ), periods as (
      select unit_id, min(vf) as first_from, max(vt) as last_to, count(*) > 1 as moved from cu group by unit_id
    ), moved as (
      -- The stretches of the cells with more than one (few): an array per cell costs a sort each.
      select unit_id, array_agg(vf::text order by vf) as froms, array_agg(vt::text order by vf) as tos
      from cu where unit_id in (select unit_id from periods where moved) group by unit_id
    )
    -- Each cell as one JSON value, not 15 columns: PGlite copies every column of every row
    -- out of its memory on its own (a province-year's request 12% faster), and PostgreSQL
    -- still streams the rows (one document for all of them was 20–40 ms slower there).
    select row_to_json(c) as cell from (select p.unit_id,
      -- The cell's name as it was when it last sat there in the period.
      (select v.name from unit_versions v where v.unit_id = p.unit_id and v.valid_from < p.last_to order by v.valid_from desc limit 1) as name,
      coalesce(m.froms, array[p.first_from::text]) as froms, coalesce(m.tos, array[p.last_to::text]) as tos,
      f.regular_months, f.group_meetings, f.thematic_quarters, f.thematic_counts, coalesce(f.held, 0) as held,
      coalesce(f.expected, 0) as expected, coalesce(f.present, 0) as present, coalesce(f.tot, 0) as tot, coalesce(f.kha, 0) as kha,
      coalesce(f.trung_binh, 0) as trung_binh, coalesce(f.kem, 0) as kem, coalesce(f.ungraded, 0) as ungraded
    from periods p left join by_cell f on f.unit_id = p.unit_id left join moved m on m.unit_id = p.unit_id) c`;
}

const gradesOf = (r: Row): GradeCounts => ({ ...emptyGrades(), tot: r.tot, kha: r.kha, trung_binh: r.trung_binh, kem: r.kem, ungraded: r.ungraded });
const monthText = (yyyymm: number) => `${Math.floor(yyyymm / 100)}-${String(yyyymm % 100).padStart(2, '0')}`;
const quarterText = (yyyyq: number) => `${Math.floor(yyyyq / 10)}-Q${yyyyq % 10}`;

/** Months with a regular meeting of the whole cell, or of every party group (cellMonthHeld). */
function heldMonths(r: Row): number[] {
  const months = new Set(r.regular_months ?? []);
  // Party groups' meetings come only from the days outside whole months (almost never).
  if (!r.group_meetings) return [...months].sort((a, b) => a - b);
  const byMonth = groupBy(
    r.group_meetings,
    (g) => g.month,
    (g): MonthMeeting => ({ partyGroupId: g.group, groupsThen: g.groups }),
  );
  for (const [month, meetings] of byMonth) if (cellMonthHeld(meetings)) months.add(month);
  return [...months].sort((a, b) => a - b);
}

/** Each cell that sat under the root during the period, named, with its facts there. */
export async function periodCellFacts(db: Db, rootId: number, from: string, end: string): Promise<CellPeriodFacts[]> {
  const { rows } = await cellFactsSql(rootId, from, end).execute(db);
  return rows.map(({ cell: r }) => ({
    unitId: r.unit_id,
    name: r.name,
    periods: r.froms.map((f, i) => ({ from: f, to: r.tos[i]! })),
    regularMonths: heldMonths(r).map(monthText),
    thematicQuarters: (r.thematic_quarters ?? []).flatMap((q, i) => Array<string>(r.thematic_counts![i]!).fill(quarterText(q))),
    meetingsHeld: r.held,
    expected: r.expected,
    present: r.present,
    grades: gradesOf(r),
  }));
}

/** An absence without reason read by unexcusedSql. */
export interface UnexcusedRow {
  member_id: number;
  full_name: string;
  unit_id: number;
  held_on: string;
}

/** The cells that ever sat under a unit (its islands, kept per shape): what a read by cells would walk. */
export const cellsEverUnder = (rootId: number) => sql`(select coalesce(sum(s.n), 0) from subtree_island_shapes s where s.ancestor_id = ${rootId}::int)`;

/**
 * Absences without reason at held cell meetings under the root, from the strike-off
 * look-back (the window's months before `from`) to `end`, of members who may reach the
 * striking-off warning: an absence in a month of the period and at least N distinct months with
 * one. Whether the months fall in one window is judged by strikeOffWarnings (domain).
 *
 * Read from the root's cells (each one's facts of those days by key) when the days'
 * absences outnumber its cells; else from the absences kept one row each
 * (unexcused_absences, migration 20261202T0900): the members who reach N months anywhere
 * first, then their absences at cells under the root on the day (the nation: 300,000 cells
 * against 190,000 absences; a commune: its 15 cells). Counting stops at the root's cell count.
 */
export function unexcusedSql(rootId: number, from: string, end: string, rules: StrikeOffRule) {
  const back = strikeOffLookback(from, rules);
  const cells = cellsEverUnder(rootId);
  const inDays = (t: string) => sql`${sql.ref(`${t}.held_on`)} >= ${back}::date and ${sql.ref(`${t}.held_on`)} <= ${end}::date`;
  /** Members with an absence in the period's months and N distinct months with one, in `rows`. */
  const reaching = (rows: RawBuilder<unknown>) => sql`select member_id from (select distinct member_id, month_index(held_on) as m from ${rows} r) d
      group by member_id
      -- A window ends in a month of the period (strikeOffMonths): an absence from from's month on.
      having max(m) >= month_index(${from}::date) and count(*) >= ${rules.strikeOffUnexcusedAbsences}::int`;
  return sql<UnexcusedRow>`
    with by_facts as materialized (
      -- Ordered by day so the day index is walked and left after N rows: a bitmap scan (the
      -- generic plan's pick) reads the whole range first (a province's 12,000 for a commune's 11).
      select (select count(*) from (select 1 from unexcused_absences e where ${inDays('e')} order by e.held_on limit ${cells}) x) < ${cells} as yes
    ), cu as (
      select unit_id, valid_from, valid_to from (${unitsUnderDuring(rootId, back, end, false)}) x
      where kind in (${sqlLiterals(CELL_KINDS)}) and not (select yes from by_facts)
    ), reached as materialized (
      ${reaching(sql`(select e.member_id, e.held_on from unexcused_absences e where ${inDays('e')} and (select yes from by_facts))`)}
    ), ab as materialized (
      select a.member_id, mf.unit_id, mf.held_on
      from cu join meeting_facts mf on mf.unit_id = cu.unit_id and mf.held_on >= cu.valid_from and mf.held_on < cu.valid_to
      cross join lateral unnest(mf.unexcused_member_ids) as a(member_id)
      where mf.recorded and mf.attendance_taken and cardinality(mf.unexcused_member_ids) > 0 and ${inDays('mf')}
      union all
      select w.member_id, w.unit_id, w.held_on
      from reached r
      cross join lateral (select * from unexcused_absences w where w.member_id = r.member_id and ${inDays('w')} offset 0) w
      -- Each one's cell under the root that day by key (the planner would hash the root's 390,000 rows).
      cross join lateral (select 1 from unit_ancestry a where a.unit_id = w.unit_id and a.ancestor_id = ${rootId}::int
          and a.valid_from <= w.held_on and (a.valid_to is null or a.valid_to > w.held_on) and is_cell_kind(a.unit_kind) limit 1) a
    ), flagged as (${reaching(sql`ab`)})
    select ab.member_id, mb.full_name, ab.unit_id, ab.held_on
    from ab join flagged using (member_id) join members mb on mb.id = ab.member_id
    order by ab.held_on, ab.member_id`;
}

/**
 * The rows of unexcusedSql under the rules the unit's rule sets give, read without waiting
 * for them: the query starts at once with the built-in rules in force on `today` (what
 * almost every unit uses) and is run again only when the unit's own rules differ in what
 * it reads (the number of months or the window) — one round trip fewer on every request.
 */
export async function unexcusedRows(db: Db, rootId: number, from: string, end: string, today: string, rules: Promise<StrikeOffRule>) {
  const run = (r: StrikeOffRule) =>
    unexcusedSql(rootId, from, end, r)
      .execute(db)
      .then((res) => res.rows);
  let builtin: StrikeOffRule;
  try {
    builtin = meetingRulesOn(today).body.compliance;
  } catch {
    return run(await rules); // no built-in set in force that day: only the unit's own
  }
  const guess = run(builtin);
  const actual = await rules.catch(async (error: unknown) => {
    await guess.catch(() => undefined);
    throw error;
  });
  const same = actual.strikeOffUnexcusedAbsences === builtin.strikeOffUnexcusedAbsences && actual.strikeOffWindowMonths === builtin.strikeOffWindowMonths;
  if (same) return guess;
  await guess.catch(() => undefined);
  return run(actual);
}
