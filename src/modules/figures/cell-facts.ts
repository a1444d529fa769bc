// Meeting figures read per cell from the per-meeting facts (table meeting_facts, kept by
// triggers): for each cell that sat under the root during the period, the periods it was
// there (as a whole, and under each sub-unit of the root) and its held meetings within
// them; plus attendance per month. One statement; a province-year reads the facts of
// ~66,000 meetings, never the 1.6 M attendance rows.
import { sql } from 'kysely';
import type { Db } from '../../db/types.ts';
import { CELL_MEETING_KINDS } from '../../domain/meeting-rules.ts';
import { CELL_KINDS } from '../../domain/unit-tree.ts';
import { emptyGrades, type CellPeriodFacts, type GradeCounts } from '../../domain/meeting-compliance.ts';
import { sqlLiterals } from '../meetings/meeting-roll.ts';
import { unitsUnderDuring } from './history.ts';

interface Row {
  set: 'cell' | 'cell_top' | 'month';
  unit_id: number | null; top_id: number | null; month: string | null; name: string | null;
  froms: string[] | null; tos: string[] | null;
  regular_months: string[] | null; thematic_quarters: string[] | null;
  held: number; expected: number; present: number;
  tot: number; kha: number; trung_binh: number; kem: number; ungraded: number;
}

/** The SQL (kept as a reviewed snapshot): `end` is the last day counted (the period's end or the report date). */
export function cellFactsSql(rootId: number, from: string, end: string) {
  return sql<Row>`
    with cu as (
      select unit_id, top_id, valid_from, valid_to from (${unitsUnderDuring(rootId, from, end)}) x
      where kind in (${sqlLiterals(CELL_KINDS)})
    ), f as (
      select cu.unit_id, cu.top_id, mf.kind, mf.held_on, mf.expected, mf.present, mf.grade
      from cu join meeting_facts mf on mf.unit_id = cu.unit_id and mf.held_on >= cu.valid_from and mf.held_on < cu.valid_to
      where mf.recorded and mf.attendance_taken and mf.held_on >= ${from}::date and mf.held_on <= ${end}::date
        and mf.kind in (${sqlLiterals(CELL_MEETING_KINDS)})
    ), facts as (
      select unit_id, top_id, to_char(held_on, 'YYYY-MM') as month, grouping(unit_id, top_id, to_char(held_on, 'YYYY-MM')) as g,
        array_agg(distinct to_char(held_on, 'YYYY-MM')) filter (where kind = 'regular') as regular_months,
        array_agg(to_char(held_on, 'YYYY-"Q"Q')) filter (where kind = 'thematic') as thematic_quarters,
        count(*)::int as held, sum(expected)::int as expected, sum(present)::int as present,
        count(*) filter (where grade = 'tot')::int as tot, count(*) filter (where grade = 'kha')::int as kha,
        count(*) filter (where grade = 'trung_binh')::int as trung_binh, count(*) filter (where grade = 'kem')::int as kem,
        count(*) filter (where grade is null)::int as ungraded
      from f group by grouping sets ((unit_id, top_id), (unit_id), (to_char(held_on, 'YYYY-MM')))
    ), periods as (
      select unit_id, top_id, grouping(unit_id, top_id) as g,
        array_agg(valid_from::text order by valid_from) as froms, array_agg(valid_to::text order by valid_from) as tos,
        max(valid_to) as last_to
      from cu group by grouping sets ((unit_id, top_id), (unit_id))
    )
    select case p.g when 0 then 'cell_top' else 'cell' end as set, p.unit_id, p.top_id, null as month,
      -- The cell's name as it was when it last sat under the root in the period.
      (select v.name from unit_versions v where v.unit_id = p.unit_id and v.valid_from < p.last_to order by v.valid_from desc limit 1) as name,
      p.froms, p.tos,
      f.regular_months, f.thematic_quarters, coalesce(f.held, 0) as held, coalesce(f.expected, 0) as expected, coalesce(f.present, 0) as present,
      coalesce(f.tot, 0) as tot, coalesce(f.kha, 0) as kha, coalesce(f.trung_binh, 0) as trung_binh, coalesce(f.kem, 0) as kem, coalesce(f.ungraded, 0) as ungraded
    from periods p left join facts f on f.unit_id = p.unit_id and f.g = ((p.g << 1) | 1) and f.top_id is not distinct from p.top_id
    union all
    select 'month', null, null, month, null, null, null, null, null, held, expected, present, tot, kha, trung_binh, kem, ungraded
    from facts where g = 6`;
}

export interface CellFacts extends CellPeriodFacts { topId: number | null }
export interface MonthFacts { month: string; held: number; expected: number; present: number; grades: GradeCounts }

export interface PeriodFacts {
  /** Each cell over its whole time under the root. */
  cells: CellFacts[];
  /** Each cell per sub-unit of the root it sat under (topId = that sub-unit). */
  cellsByTop: CellFacts[];
  months: MonthFacts[];
}

const gradesOf = (r: Row): GradeCounts => ({ ...emptyGrades(), tot: r.tot, kha: r.kha, trung_binh: r.trung_binh, kem: r.kem, ungraded: r.ungraded });

export async function periodFacts(db: Db, rootId: number, from: string, end: string): Promise<PeriodFacts> {
  const { rows } = await cellFactsSql(rootId, from, end).execute(db);
  const out: PeriodFacts = { cells: [], cellsByTop: [], months: [] };
  for (const r of rows) {
    if (r.set === 'month') { out.months.push({ month: r.month!, held: r.held, expected: r.expected, present: r.present, grades: gradesOf(r) }); continue; }
    const cell: CellFacts = {
      unitId: r.unit_id!, topId: r.top_id, name: r.name ?? '',
      periods: r.froms!.map((f, i) => ({ from: f, to: r.tos![i]! })),
      regularMonths: r.regular_months ?? [], thematicQuarters: r.thematic_quarters ?? [],
      meetingsHeld: r.held, expected: r.expected, present: r.present, grades: gradesOf(r),
    };
    (r.set === 'cell' ? out.cells : out.cellsByTop).push(cell);
  }
  out.months.sort((a, b) => a.month.localeCompare(b.month));
  return out;
}

/** Absences without reason at held cell meetings under the root in the period (for striking-off warnings). */
export function unexcusedSql(rootId: number, from: string, end: string) {
  return sql<{ member_id: number; full_name: string; unit_id: number; held_on: string }>`
    with cu as (
      select unit_id, valid_from, valid_to from (${unitsUnderDuring(rootId, from, end)}) x where kind in (${sqlLiterals(CELL_KINDS)})
    )
    select a.member_id, mb.full_name, mf.unit_id, mf.held_on
    from cu join meeting_facts mf on mf.unit_id = cu.unit_id and mf.held_on >= cu.valid_from and mf.held_on < cu.valid_to
    cross join lateral unnest(mf.unexcused_member_ids) as a(member_id)
    join members mb on mb.id = a.member_id
    where mf.recorded and mf.attendance_taken and mf.held_on >= ${from}::date and mf.held_on <= ${end}::date and cardinality(mf.unexcused_member_ids) > 0
    order by mf.held_on, a.member_id`;
}
