// The meeting figures of a unit over a period, summed in SQL from the kept per-cell-month
// rows (table cell_month_facts, src/db/migrations/20261201T1400_figures_cell_month_facts.sql):
// only sums leave the engine — per sub-unit of the root, per month, and the compliance
// counts — so the cost follows the cells and months read, and no per-cell judging runs in
// JS (the nation: 300,000 cells).
//
// Each cell is counted under the sub-unit it sat under when it met (unitsUnderDuring). A
// cell under one sub-unit for a whole month reads that month's kept row; the days of a
// month it spent there only in part (the period's first or last month cut short, a cell
// moved mid-month) read the meeting facts of those days. Two paths give the same sums: a
// cell under one sub-unit all period (almost all: "fast") is judged from its one stretch,
// its kept rows summed per cell, per sub-unit and per month in one pass; the others (moved
// during the period) are cut by month first. Both are held to the oracle of
// tests/api/figures.test.ts (mid-month moves and periods included). A month is required of a cell
// when it is one of the period's required months (requiredMonthsAndQuarters) and the cell
// sat under the unit — or, judged per sub-unit, under that sub-unit — the whole month; it
// is held when a regular meeting of the whole cell was held, or of every party group
// (cell_month_held_by_groups, as cellMonthHeld). A quarter is required when its three
// months are; it is met with at least `thematicPerQuarter` thematic meetings.
import { type RawBuilder, sql } from 'kysely';
import type { Db } from '../../db/types.ts';
import { quarterMonths } from '../../domain/meeting-compliance.ts';
import { addMonths } from '../../domain/meeting-time.ts';
import { CELL_KINDS } from '../../domain/unit-tree.ts';
import { sqlLiterals } from '../meetings/meeting-roll.ts';
import { unitsUnderDuring } from './history.ts';

export interface MeetingSumsInput {
  rootId: number;
  from: string;
  /** The last day counted (the period's end, or today). */
  end: string;
  /** 'YYYY-MM' */
  requiredMonths: readonly string[];
  /** 'YYYY-Qn' */
  requiredQuarters: readonly string[];
  thematicPerQuarter: number;
}

/** Held meetings and what they counted. */
interface Sums {
  held: number;
  expected: number;
  present: number;
  tot: number;
  kha: number;
  trung_binh: number;
  kem: number;
  ungraded: number;
}

export type MeetingSumsRow =
  | ({ set: 'top'; top_id: number; monthly_applicable: number; monthly_every: number } & Sums)
  | { set: 'cells'; monthly_applicable: number; monthly_every: number; thematic_applicable: number; thematic_every: number }
  | { set: 'month'; month: string; expected: number; present: number; required: number; held_cells: number };

const quarterStart = (q: string) => `${quarterMonths(q)[0]}-01`;
const dates = (xs: readonly string[]) => sql`${sql.val(xs)}::date[]`;

// The sums of a set of rows with kept-row columns.
const SUMS = sql`sum(held)::int as held, sum(expected)::int as expected, sum(present)::int as present, sum(tot)::int as tot,
      sum(kha)::int as kha, sum(trung_binh)::int as trung_binh, sum(kem)::int as kem, sum(ungraded)::int as ungraded`;

/** Whether a kept row's month counts as held: the whole cell met, or every party group (cellMonthHeld). */
const monthHeld = (k: string) =>
  sql`(${sql.ref(`${k}.regular_whole`)} > 0 or (${sql.ref(`${k}.regular_group`)} > 0 and cell_month_held_by_groups(${sql.ref(`${k}.unit_id`)}, ${sql.ref(`${k}.month`)})))`;
/** How many of the dates `xs` meet the condition, as an int expression (0 when there are none). */
const countOf = (xs: readonly string[], cond: (x: string) => RawBuilder<unknown>) =>
  xs.length === 0
    ? sql`0`
    : sql.join(
        xs.map((x) => sql`(${cond(x)})::int`),
        sql` + `,
      );

/** The SQL (kept as a reviewed snapshot). Top 0 is the root itself, when it is a cell. */
export function periodMeetingSumsSql(q: MeetingSumsInput) {
  const monthStarts = q.requiredMonths.map((m) => `${m}-01`);
  const quarterStarts = q.requiredQuarters.map(quarterStart);
  const months = dates(monthStarts);
  const quarters = dates(quarterStarts);
  const n = sql`${q.thematicPerQuarter}::int`;
  // A fast cell's thematic meetings per required quarter (t0, t1, …), from its kept rows.
  const thematicByQuarter =
    quarterStarts.length === 0
      ? sql``
      : sql`, ${sql.join(
          quarterStarts.map((qs, i) => sql`sum(thematic) filter (where month >= ${qs}::date and month < ${addMonths(qs, 3)}::date) as ${sql.ref(`t${i}`)}`),
        )}`;
  const quarterCovered = (qs: string) => sql`c.wf <= ${qs}::date and ${addMonths(qs, 3)}::date <= c.wt`;
  return sql<MeetingSumsRow>`
    with cu as materialized (
      -- Almost every cell sat under one sub-unit all period (fast): its figures follow from that
      -- one stretch — its whole months [wf, wt) from its kept rows, the days before and after
      -- (the period cut mid-month, a cell founded mid-month) from its facts. The others (moved
      -- during the period) are cut by month below.
      select unit_id, coalesce(top_id, 0) as top_id, valid_from, valid_to, count(*) over (partition by unit_id) = 1 as fast,
        case when date_part('day', valid_from) = 1 then valid_from else (date_trunc('month', valid_from) + interval '1 month')::date end as wf,
        date_trunc('month', valid_to)::date as wt
      from (${unitsUnderDuring(q.rootId, q.from, q.end)}) x
      where kind in (${sqlLiterals(CELL_KINDS)})
    ), fk as (
      select cu.unit_id, cu.top_id, k.month,
        ${monthHeld('k')} as regular,
        k.thematic, k.held, k.expected, k.present, k.tot, k.kha, k.trung_binh, k.kem, k.ungraded
      from cu join cell_month_facts k on k.unit_id = cu.unit_id and k.month >= cu.wf and k.month < cu.wt
      where cu.fast
    ),
    -- The fast cells' kept rows summed once, three ways: per cell, per sub-unit, per month.
    fk_sets as materialized (
      select grouping(unit_id) = 0 as per_cell, grouping(top_id) = 0 as per_top, unit_id, top_id, month,
        count(*) filter (where regular and month = any(${months})) as held_required, count(*) filter (where regular) as held_cells, ${SUMS}
        ${thematicByQuarter}
      from fk group by grouping sets ((unit_id), (top_id), (month))
    ), fk_cell as (
      select * from fk_sets where per_cell
    ), fast_cell as (
      select c.top_id, ${countOf(monthStarts, (m) => sql`c.wf <= ${m}::date and ${m}::date < c.wt`)} as required, coalesce(f.held_required, 0) as held,
        ${countOf(quarterStarts, quarterCovered)} as quarters,
        ${countOf(quarterStarts, (qs) => sql`${quarterCovered(qs)} and coalesce(f.${sql.ref(`t${quarterStarts.indexOf(qs)}`)}, 0) >= ${n}`)} as quarters_met
      from cu c left join fk_cell f on f.unit_id = c.unit_id
      where c.fast
    ), mo as materialized (
      -- The months touched, with their quarter (computed once here, not per row below).
      select g::date as month, (g + interval '1 month')::date as next, date_trunc('quarter', g)::date as quarter
      from generate_series(date_trunc('month', ${q.from}::date), ${q.end}::date, interval '1 month') g
    ),
    -- The other cells' stretches cut by month; a piece covering its month is whole.
    pc as materialized (
      select cu.unit_id, cu.top_id, mo.month, mo.next, mo.quarter, greatest(cu.valid_from, mo.month) as lo, least(cu.valid_to, mo.next) as hi,
        cu.valid_from <= mo.month and cu.valid_to >= mo.next as whole
      from (select * from cu where not fast offset 0) cu join mo on cu.valid_from < mo.next and cu.valid_to > mo.month
    ),
    -- Pieces under one sub-unit that join up into a whole month (a cell moved between two units under it).
    joined as materialized (
      select unit_id, top_id, month, quarter from pc where not whole group by 1, 2, 3, 4 having sum(hi - lo) = max(next - month)
    ),
    -- A cell's months under a sub-unit throughout, with the kept row.
    wk as materialized (
      select w.unit_id, w.top_id, w.month, w.quarter,
        coalesce(${monthHeld('k')}, false) as regular,
        coalesce(k.thematic, 0) as thematic, coalesce(k.held, 0) as held, coalesce(k.expected, 0) as expected,
        coalesce(k.present, 0) as present, coalesce(k.tot, 0) as tot, coalesce(k.kha, 0) as kha,
        coalesce(k.trung_binh, 0) as trung_binh, coalesce(k.kem, 0) as kem, coalesce(k.ungraded, 0) as ungraded
      from (select unit_id, top_id, month, quarter from pc where whole union all select * from joined) w
      left join cell_month_facts k on k.unit_id = w.unit_id and k.month = w.month
    ),
    -- The facts of the days in months not spent under one sub-unit throughout: the other
    -- cells' pieces that do not join up, and the fast cells' days before wf and from wt.
    pf as (
      select p.top_id, p.month, count(*)::int as held, sum(mf.expected)::int as expected, sum(mf.present)::int as present,
        count(*) filter (where mf.grade = 'tot')::int as tot, count(*) filter (where mf.grade = 'kha')::int as kha,
        count(*) filter (where mf.grade = 'trung_binh')::int as trung_binh, count(*) filter (where mf.grade = 'kem')::int as kem,
        count(*) filter (where mf.grade is null)::int as ungraded
      from (
        select unit_id, top_id, month, lo, hi from pc
        where not whole and (unit_id, top_id, month) not in (select unit_id, top_id, month from joined)
        union all
        select cu.unit_id, cu.top_id, date_trunc('month', e.lo)::date, e.lo, e.hi
        from cu cross join lateral (values (cu.valid_from, least(cu.wf, cu.valid_to)), (greatest(cu.wt, cu.wf), cu.valid_to)) e(lo, hi)
        where cu.fast and (cu.valid_from < cu.wf or cu.wt < cu.valid_to) and e.lo < e.hi
      ) p
      join meeting_facts mf on mf.unit_id = p.unit_id and mf.held_on >= p.lo and mf.held_on < p.hi
      where cell_month_counted(mf.kind, mf.recorded, mf.attendance_taken)
      group by 1, 2
    ),
    -- A cell's months under the root throughout: under one sub-unit, or split between two.
    rm as (
      select unit_id, month, quarter, regular, thematic from wk
      union all
      select s.unit_id, s.month, s.quarter,
        coalesce(${monthHeld('k')}, false), coalesce(k.thematic, 0)
      from (select unit_id, month, quarter from pc where not whole group by 1, 2, 3 having count(distinct top_id) > 1 and sum(hi - lo) = max(next - month)) s
      left join cell_month_facts k on k.unit_id = s.unit_id and k.month = s.month
    ), rm_q as (
      select unit_id, quarter, count(*) as months,
        count(*) filter (where month = any(${months})) as required, count(*) filter (where month = any(${months}) and regular) as held,
        sum(thematic) as thematic
      from rm group by 1, 2
    ), by_cell as (
      select unit_id, sum(required) as required, sum(held) as held,
        count(*) filter (where quarter = any(${quarters}) and months = 3) as quarters,
        count(*) filter (where quarter = any(${quarters}) and months = 3 and thematic >= ${q.thematicPerQuarter}::int) as quarters_met
      from rm_q group by 1
    ), by_cell_top as (
      select top_id, count(*) filter (where month = any(${months})) as required, count(*) filter (where month = any(${months}) and regular) as held
      from wk group by unit_id, top_id
      union all
      select top_id, required, held from fast_cell
    ), by_top as (
      select top_id, ${SUMS} from (
        select top_id, held, expected, present, tot, kha, trung_binh, kem, ungraded from wk
        union all select top_id, held, expected, present, tot, kha, trung_binh, kem, ungraded from fk_sets where per_top
        union all select top_id, held, expected, present, tot, kha, trung_binh, kem, ungraded from pf) x
      group by 1
    ), by_month as (
      select month, sum(expected)::int as expected, sum(present)::int as present from (
        select month, expected, present from wk union all select month, expected, present from fk_sets where month is not null
        union all select month, expected, present from pf) x
      group by 1
    ), month_cells as (
      select month, sum(required)::int as required, sum(held_cells)::int as held_cells from (
        select month, count(*) as required, count(*) filter (where regular) as held_cells from rm where month = any(${months}) group by 1
        union all
        select month, 0, held_cells from fk_sets where month = any(${months})
        ${
          monthStarts.length === 0
            ? sql``
            : sql`union all
        select m.month, m.required, 0
        from (select array[${sql.join(monthStarts.map((m) => sql`count(*) filter (where c.wf <= ${m}::date and ${m}::date < c.wt)`))}] as n
              from cu c where c.fast) a
        cross join lateral unnest(${months}, a.n) as m(month, required)`
        }) x
      group by 1
    )
    select 'top' as set, coalesce(t.top_id, c.top_id) as top_id, coalesce(t.held, 0) as held, coalesce(t.expected, 0) as expected,
      coalesce(t.present, 0) as present, coalesce(t.tot, 0) as tot, coalesce(t.kha, 0) as kha, coalesce(t.trung_binh, 0) as trung_binh,
      coalesce(t.kem, 0) as kem, coalesce(t.ungraded, 0) as ungraded,
      coalesce(c.monthly_applicable, 0) as monthly_applicable, coalesce(c.monthly_every, 0) as monthly_every,
      null::int as thematic_applicable, null::int as thematic_every, null::text as month, null::int as required, null::int as held_cells
    from by_top t full join (
      select top_id, count(*) filter (where required > 0)::int as monthly_applicable,
        count(*) filter (where required > 0 and held = required)::int as monthly_every
      from by_cell_top group by 1) c on c.top_id = t.top_id
    union all
    select 'cells', null, null, null, null, null, null, null, null, null,
      count(*) filter (where required > 0)::int, count(*) filter (where required > 0 and held = required)::int,
      count(*) filter (where quarters > 0)::int, count(*) filter (where quarters > 0 and quarters_met = quarters)::int, null, null, null
    from (select required, held, quarters, quarters_met from by_cell union all select required, held, quarters, quarters_met from fast_cell) x
    union all
    select 'month', null, null, coalesce(m.expected, 0), coalesce(m.present, 0), null, null, null, null, null, null, null, null, null,
      to_char(coalesce(m.month, c.month), 'YYYY-MM'), coalesce(c.required, 0), coalesce(c.held_cells, 0)
    from by_month m full join month_cells c on c.month = m.month`;
}

export async function periodMeetingSums(db: Db, q: MeetingSumsInput): Promise<MeetingSumsRow[]> {
  return (await periodMeetingSumsSql(q).execute(db)).rows;
}
