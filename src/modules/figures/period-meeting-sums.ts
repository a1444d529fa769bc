// The meeting figures of a unit over a period, summed in SQL from the kept per-cell-month
// rows (table cell_month_facts, src/db/migrations/20261201T1400_figures_cell_month_facts.sql):
// only sums leave the engine — per sub-unit of the root, per month, and the compliance
// counts — so the cost follows the cells and months read, and no per-cell judging runs in
// JS (the nation: 300,000 cells).
//
// Each cell is counted under the sub-unit it sat under when it met (unitsUnderDuring). A
// cell under one sub-unit for a whole month reads that month's kept row; the days of a
// month it spent there only in part (the period's first or last month cut short, a cell
// moved mid-month) read the meeting facts of those days. Required months are counted by
// arithmetic on each island's whole months, never one row or one expression per month (a
// period of ten years costs what a year does). Held to the oracle of
// tests/api/figures.test.ts (mid-month moves and periods included). A month is required of a cell
// when it is one of the period's required months (requiredMonthsAndQuarters) and the cell
// sat under the unit — or, judged per sub-unit, under that sub-unit — the whole month; it
// is held when a regular meeting of the whole cell was held, or of every party group
// (cell_month_held_by_groups, as cellMonthHeld). A quarter is required when its three
// months are; it is met with at least `thematicPerQuarter` thematic meetings.
import { type RawBuilder, sql } from 'kysely';
import { addMonths } from '../../domain/calendar.ts';
import { quarterMonths } from '../../domain/meeting-compliance.ts';
import { CELL_KINDS } from '../../domain/unit-tree.ts';
import { sqlLiterals } from '../meetings/meeting-roll.ts';
import { FACT_COUNTS, type FactCounts } from './cell-facts.ts';
import { unitsUnderDuring } from './history.ts';
import { daysOutsideWholeMonths, KEPT_SUMS, monthHeld, wholeMonths } from './kept-cell-months.ts';

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

export type MeetingSumsRow =
  | ({ set: 'top'; top_id: number; monthly_applicable: number; monthly_every: number } & FactCounts)
  | { set: 'cells'; monthly_applicable: number; monthly_every: number; thematic_applicable: number; thematic_every: number }
  | { set: 'month'; month: string; expected: number; present: number; required: number; held_cells: number };

const quarterStart = (q: string) => `${quarterMonths(q)[0]}-01`;

/** A month as a number (months since year 0), so that spans of months are subtractions. */
const monthNo = (d: RawBuilder<unknown>) => sql`(date_part('year', ${d})::int * 12 + date_part('month', ${d})::int)`;
/** The moved cells' stretches (cu) that touch joined into islands, per `keys`, with their whole months. */
const movedIslands = (keys: readonly string[]) => {
  const k = sql.join(keys.map((c) => sql.ref(c)));
  return sql`select ${k}, vf, vt, ${wholeMonths('vf', 'vt')} from (
        select ${k}, min(vf) as vf, max(vt) as vt from (
          select *, sum(starts) over (partition by ${k} order by vf) as island from (
            select *, case when vf = lag(vt) over (partition by ${k} order by vf) then 0 else 1 end as starts from cu where stretches > 1) a) b
        group by ${k}, island) c`;
};

/**
 * The SQL (kept as a reviewed snapshot). Top 0 is the root itself, when it is a cell.
 * An island is a cell's time under one sub-unit (stretches that touch joined: a move
 * between two units under it); [wf, wt) are its whole months. A cell with one stretch
 * ("single", almost every cell) is judged under the root as under its sub-unit; the others
 * (moved during the period) are judged under the root on their time there joined up.
 */
export function periodMeetingSumsSql(q: MeetingSumsInput) {
  // Required months and quarters are each a run: [r0, rn) and the quarters from q0.
  const hasMonths = q.requiredMonths.length > 0;
  const r0 = sql`${hasMonths ? `${q.requiredMonths[0]}-01` : '2000-01-01'}::date`;
  const rn = sql`${hasMonths ? addMonths(`${q.requiredMonths.at(-1)}-01`, 1) : '2000-01-01'}::date`;
  const hasQuarters = q.requiredQuarters.length > 0;
  const q0 = hasQuarters ? quarterStart(q.requiredQuarters[0]!) : '2000-01-01';
  const qn = sql`${hasQuarters ? addMonths(quarterStart(q.requiredQuarters.at(-1)!), 3) : '2000-01-01'}::date`;
  const n = sql`${q.thematicPerQuarter}::int`;
  const ref = (x: string) => sql.ref(x);
  /** Required months within an island's whole months [wf, wt). */
  const requiredIn = (wf: string, wt: string) =>
    hasMonths ? sql`greatest(0, ${monthNo(sql`least(${ref(wt)}, ${rn})`)} - ${monthNo(sql`greatest(${ref(wf)}, ${r0})`)})` : sql`0`;
  /** Required quarters within [wf, wt). */
  const quartersIn = (wf: string, wt: string) =>
    hasQuarters
      ? sql`greatest(0, (floor((${monthNo(sql`least(${ref(wt)}, ${qn})`)} - ${monthNo(sql`${q0}::date`)}) / 3.0) - ceil((${monthNo(sql`greatest(${ref(wf)}, ${q0}::date)`)} - ${monthNo(sql`${q0}::date`)}) / 3.0))::int)`
      : sql`0`;
  /** A quarter starting on `qs` lies within [wf, wt). */
  const quarterWithin = (qs: string, wf: string, wt: string) => sql`(${ref(wf)} <= ${ref(qs)} and (${ref(qs)} + interval '3 months')::date <= ${ref(wt)})`;
  const inRequiredMonths = (m: string) => sql`(${ref(m)} >= ${r0} and ${ref(m)} < ${rn})`;
  const inRequiredQuarters = (m: string) => sql`(${ref(m)} >= ${q0}::date and ${ref(m)} < ${qn})`;
  const outside = daysOutsideWholeMonths('i');
  return sql<MeetingSumsRow>`
    with cu as materialized (
      select unit_id, coalesce(top_id, 0) as top_id, valid_from as vf, valid_to as vt, count(*) over (partition by unit_id) as stretches,
        ${wholeMonths('valid_from', 'valid_to')}
      from (${unitsUnderDuring(q.rootId, q.from, q.end)}) x
      where kind in (${sqlLiterals(CELL_KINDS)})
    ),
    -- Islands under a sub-unit: a cell's one stretch as it is; the others' touching stretches joined.
    isl as (
      select unit_id, top_id, vf, vt, true as single, wf, wt from cu where stretches = 1
      union all
      select unit_id, top_id, vf, vt, false, wf, wt from (${movedIslands(['unit_id', 'top_id'])}) m
    ),
    -- The moved cells' islands under the root (their stretches under any sub-unit joined).
    ri as materialized (${movedIslands(['unit_id'])}),
    -- The kept rows of the islands' whole months, summed once, several ways.
    kt as (
      select i.unit_id, i.top_id, i.single, k.month, ${hasQuarters ? sql`date_trunc('quarter', k.month)::date` : sql`null::date`} as quarter,
        ${monthHeld('k')} as regular, k.thematic, k.held, k.expected, k.present, k.tot, k.kha, k.trung_binh, k.kem, k.ungraded
      from isl i join cell_month_facts k on k.unit_id = i.unit_id and k.month >= i.wf and k.month < i.wt
    ), kt_sets as materialized (
      select grouping(unit_id) = 0 and grouping(top_id) = 0 as per_cell_top, grouping(top_id) = 0 and grouping(unit_id) = 1 as per_top,
        ${hasQuarters ? sql`grouping(quarter) = 0` : sql`false`} as per_quarter, unit_id, top_id, month, ${hasQuarters ? sql`quarter` : sql`null::date as quarter`},
        count(*) filter (where regular and ${inRequiredMonths('month')}) as held_required,
        count(*) filter (where regular and single) as held_cells, sum(thematic) as thematic, ${KEPT_SUMS}
      from kt group by grouping sets ((unit_id, top_id), (top_id), (month)${hasQuarters ? sql`, (unit_id, quarter)` : sql``})
    ),
    -- The days before and after the islands' whole months, from the meeting facts.
    pf as (
      select e.top_id, date_trunc('month', e.lo)::date as month, ${FACT_COUNTS}
      from (
        select i.unit_id, i.top_id, p.lo, p.hi from isl i ${outside.join}
        where ${outside.where}
      ) e
      join meeting_facts mf on mf.unit_id = e.unit_id and mf.held_on >= e.lo and mf.held_on < e.hi
      where cell_month_counted(mf.kind, mf.recorded, mf.attendance_taken)
      group by 1, 2
    ),
    -- Each cell judged under each sub-unit (on its islands there) …
    by_cell_top as (
      select i.unit_id, i.top_id, bool_and(i.single) as single, sum(${requiredIn('i.wf', 'i.wt')}) as required,
        coalesce(max(g.held_required), 0) as held, sum(${quartersIn('i.wf', 'i.wt')}) as quarters
      from isl i left join kt_sets g on g.per_cell_top and g.unit_id = i.unit_id and g.top_id = i.top_id
      group by i.unit_id, i.top_id
    ),
    -- … and under the root: a single cell as under its sub-unit, a moved one on its islands under the root.
    rk as (
      select r.unit_id, k.month, ${monthHeld('k')} as regular, k.thematic
      from ri r join cell_month_facts k on k.unit_id = r.unit_id and k.month >= r.wf and k.month < r.wt
    ),
    -- Required quarters met: single cells from their kept rows per quarter, moved ones from rk.
    quarters_met as (
      ${
        hasQuarters
          ? sql`select g.unit_id, count(*) as met from kt_sets g join isl i on i.unit_id = g.unit_id and i.single and ${quarterWithin('g.quarter', 'i.wf', 'i.wt')}
        where g.per_quarter and ${inRequiredQuarters('g.quarter')} and g.thematic >= ${n} group by 1
        union all
        select t.unit_id, count(*) from (
          select unit_id, date_trunc('quarter', month)::date as qs, sum(thematic) as thematic from rk where ${inRequiredQuarters('month')} group by 1, 2) t
        join ri on ri.unit_id = t.unit_id and ${quarterWithin('t.qs', 'ri.wf', 'ri.wt')}
        where t.thematic >= ${n} group by 1`
          : sql`select null::int as unit_id, 0::bigint as met where false`
      }
    ), by_cell as (
      select c.unit_id, c.required, c.held, c.quarters from by_cell_top c where c.single
      union all
      select r.unit_id, r.required, coalesce(h.held, 0), r.quarters
      from (select unit_id, sum(${requiredIn('wf', 'wt')}) as required, sum(${quartersIn('wf', 'wt')}) as quarters from ri group by 1) r
      left join (select unit_id, count(*) filter (where regular and ${inRequiredMonths('month')}) as held from rk group by 1) h on h.unit_id = r.unit_id
    ), by_top as (
      select top_id, ${KEPT_SUMS} from (
        select top_id, held, expected, present, tot, kha, trung_binh, kem, ungraded from kt_sets where per_top
        union all select top_id, held, expected, present, tot, kha, trung_binh, kem, ungraded from pf) x
      group by 1
    ), by_month as (
      select month, sum(expected)::int as expected, sum(present)::int as present from (
        select month, expected, present from kt_sets where month is not null union all select month, expected, present from pf) x
      group by 1
    ),
    -- Cells required in each required month: +1 where a cell's time under the root starts
    -- counting, -1 where it stops, summed up to the month.
    -- (Islands counted per pair of bounds first: almost every cell has the period's.)
    root_islands as (
      select wf, wt, count(*) as n from (select wf, wt from isl where single union all select wf, wt from ri) x group by 1, 2
    ), steps as materialized (
      select d, sum(step) as step from (
        select greatest(wf, ${r0}) as d, n as step from root_islands where greatest(wf, ${r0}) < least(wt, ${rn})
        union all
        select least(wt, ${rn}), -n from root_islands where greatest(wf, ${r0}) < least(wt, ${rn})) s
      group by 1
    ), month_cells as (
      select m.month, (select coalesce(sum(step), 0) from steps where d <= m.month)::int as required, coalesce(h.held_cells, 0)::int as held_cells
      from (select g::date as month from generate_series(${r0}, ${rn} - 1, interval '1 month') g where ${hasMonths}) m
      left join (
        select month, sum(held_cells) as held_cells from (
          select month, held_cells from kt_sets where month is not null
          union all select month, count(*) filter (where regular) from rk group by 1) x
        group by 1) h on h.month = m.month
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
    -- With no thematic meeting asked, every quarter that applies is met, held or not (as kept-meeting-sums.ts).
    select 'cells', null, null, null, null, null, null, null, null, null,
      count(*) filter (where c.required > 0)::int, count(*) filter (where c.required > 0 and c.held = c.required)::int,
      count(*) filter (where c.quarters > 0)::int, count(*) filter (where c.quarters > 0 and (${n} = 0 or coalesce(m.met, 0) = c.quarters))::int, null, null, null
    from by_cell c left join quarters_met m on m.unit_id = c.unit_id
    union all
    select 'month', null, null, coalesce(m.expected, 0), coalesce(m.present, 0), null, null, null, null, null, null, null, null, null,
      to_char(coalesce(m.month, c.month), 'YYYY-MM'), coalesce(c.required, 0), coalesce(c.held_cells, 0)
    from by_month m full join month_cells c on c.month = m.month`;
}
