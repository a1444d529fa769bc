// The meeting figures of a unit over a period from the read models kept per ancestor
// (src/db/migrations/20261202T0400_figures_subtree_meeting_sums.sql and
// 20261202T0800_figures_subtree_year_patterns.sql): each sub-unit's sums are its own kept
// monthly rows, less the days of the first and last months outside the period; its cells'
// compliance is counted from the cells kept per pattern (whole months there, months held,
// thematic meetings per quarter) and those there all year per island shape — a few rows per
// unit, never a row per cell (the nation: 300,000 cells), except the cells that joined or
// left it during the year (their islands).
//
// The same rows as periodMeetingSumsSql, for the cases these models answer: the unit is not
// a cell, the period's required months lie in one calendar year, and every sub-unit sat
// under the unit through the period's months. When SQL finds a sub-unit that joined or left
// it in those months, the statement answers one row { set: 'fallback' } and the caller reads
// periodMeetingSumsSql instead. Held to the same oracle (tests/api/figures.test.ts).
import { type RawBuilder, sql } from 'kysely';
import { addMonths, monthsBetween } from '../../domain/calendar.ts';
import { quarterMonths } from '../../domain/meeting-compliance.ts';
import { cellsEverUnder, FACT_COUNTS } from './cell-facts.ts';
import { KEPT_SUMS } from './kept-cell-months.ts';
import type { MeetingSumsInput, MeetingSumsRow } from './period-meeting-sums.ts';

export type KeptMeetingSumsRow = MeetingSumsRow | { set: 'fallback' };

const monthNumber = (month: string) => Number(month.slice(5, 7));
/** The bits of months (bit m-1 for month m). */
const monthBits = (months: readonly string[]) => months.reduce((bits, m) => bits | (1 << (monthNumber(m) - 1)), 0);

/** The SQL (kept as a reviewed snapshot), or null when the period's required months span two years. */
export function keptMeetingSumsSql(q: MeetingSumsInput) {
  const years = new Set(q.requiredMonths.map((m) => m.slice(0, 4)));
  if (years.size > 1) return null;
  const from = sql`${q.from}::date`;
  const end = sql`${q.end}::date`;
  const ms = sql`${`${q.from.slice(0, 7)}-01`}::date`;
  const me = sql`${addMonths(`${q.end.slice(0, 7)}-01`, 1)}::date`;
  const year = years.size === 1 ? Number([...years][0]) : null;
  // Month indexes [y0, y1) of the year (month_index: year * 12 + month - 1).
  const y0 = (year ?? 0) * 12;
  const req = monthBits(q.requiredMonths);
  const quarterMasks = q.requiredQuarters.map((qt) => ({ mask: monthBits(quarterMonths(qt)), thematic: sql.ref(`c.t${qt.slice(-1)}`) }));
  /** A cell's whole months of the year under an ancestor, as bits, from its islands there. */
  const coveredBits = sql`bit_or((1 << (least(coalesce(i.m_to, ${y0 + 12}::int), ${y0 + 12}::int) - ${y0}::int))
      - (1 << (greatest(i.m_from, ${y0}::int) - ${y0}::int)))`;
  // Over a pattern c (covered, held within covered, t1–t4): every required month held.
  const every = sql`((c.covered & ${req}::int) <> 0 and (c.covered & ${req}::int & ~c.held) = 0)`;
  // A required quarter all of whose months the cell sat under the unit; met with n thematic meetings.
  const quarterApplies = quarterMasks.length
    ? sql.join(
        quarterMasks.map((m) => sql`(c.covered & ${m.mask}::int) = ${m.mask}::int`),
        sql` or `,
      )
    : sql`false`;
  const quartersMet = quarterMasks.length
    ? sql.join(
        quarterMasks.map((m) => sql`((c.covered & ${m.mask}::int) <> ${m.mask}::int or ${m.thematic} >= ${q.thematicPerQuarter}::int)`),
        sql` and `,
      )
    : sql`true`;
  /** Per required month, the cells (weighted by c.n) whose `bits` have it. */
  const monthCounts = (bits: RawBuilder<unknown>) =>
    q.requiredMonths.length
      ? sql`array[${sql.join(q.requiredMonths.map((m) => sql`coalesce(sum(c.n) filter (where (${bits} & ${1 << (monthNumber(m) - 1)}::int) <> 0), 0)::int`))}]`
      : sql`array[]::int[]`;
  const count = (condition: RawBuilder<unknown>) => sql`coalesce(sum(c.n) filter (where ${condition}), 0)::int`;
  const compliance = year !== null;
  const spanMonths = monthsBetween(q.from, q.end);
  /** A fact falls on a day of the first or last month outside the period. */
  const inEdge = (f: string) =>
    sql`((${sql.ref(`${f}.held_on`)} >= ${ms} and ${sql.ref(`${f}.held_on`)} < ${from}) or (${sql.ref(`${f}.held_on`)} > ${end} and ${sql.ref(`${f}.held_on`)} < ${me}))`;
  return sql<KeptMeetingSumsRow>`
    with tops as materialized (
      select a.unit_id as top_id, sum(least(coalesce(a.valid_to, ${me}), ${me}) - greatest(a.valid_from, ${ms})) as days
      from unit_ancestry a
      where a.ancestor_id = ${q.rootId}::int and a.depth = 1 and a.valid_from < ${me} and (a.valid_to is null or a.valid_to > ${ms})
      group by 1
    ), ok as (
      select not exists (select 1 from tops where days < ${me} - ${ms})
        and not exists (select 1 from unit_ancestry r where r.ancestor_id = ${q.rootId}::int and r.unit_id = ${q.rootId}::int
          and is_cell_kind(r.unit_kind) and r.valid_from < ${me} and (r.valid_to is null or r.valid_to > ${ms})) as ok
    ),
    -- Each sub-unit's kept months, less the days of the first and last months outside the period.
    -- The facts of the first and last months' days outside the period, on the sub-unit their
    -- cell sat under that day: found from those facts (each one's ancestry by key) when they
    -- are fewer than the unit's cells (the nation's last ten days of a month: 90,000 facts
    -- against 300,000 cells), else from the unit's cells (each one's facts of those days by key).
    by_facts as (
      select n = 0 or n <= ${cellsEverUnder(q.rootId)} as yes
      from (select count(*) as n from meeting_facts e where ${inEdge('e')}) d
    ), edge_facts as (
      select t.top_id, f.held_on, f.expected, f.present, f.grade
      from meeting_facts f
      cross join lateral (select a.ancestor_id from unit_ancestry a where a.unit_id = f.unit_id and a.valid_from <= f.held_on
        and (a.valid_to is null or a.valid_to > f.held_on) and is_cell_kind(a.unit_kind) offset 0) a
      join tops t on t.top_id = a.ancestor_id
      where ${inEdge('f')} and cell_month_counted(f.kind, f.recorded, f.attendance_taken) and (select yes from by_facts)
      union all
      select t.top_id, f.held_on, f.expected, f.present, f.grade
      from tops t
      cross join lateral (select a.unit_id, a.valid_from, a.valid_to from unit_ancestry a where a.ancestor_id = t.top_id
        and is_cell_kind(a.unit_kind) and a.valid_from < ${me} and (a.valid_to is null or a.valid_to > ${ms}) offset 0) a
      cross join lateral (select * from meeting_facts f where f.unit_id = a.unit_id and ${inEdge('f')}
        and f.held_on >= a.valid_from and (a.valid_to is null or f.held_on < a.valid_to) offset 0) f
      where cell_month_counted(f.kind, f.recorded, f.attendance_taken) and not (select yes from by_facts)
    ), edge as (
      select top_id, date_trunc('month', held_on)::date as month, ${FACT_COUNTS} from edge_facts group by 1, 2
    ), tm as (
      select top_id, month, ${KEPT_SUMS}
      from (
        -- Each sub-unit's rows by key, whatever the planner guesses of the sub-units (it sized
        -- the nation's 40 at 68,000 and hashed every kept row); offset 0 keeps it a loop.
        select t.top_id, s.month, s.held, s.expected, s.present, s.tot, s.kha, s.trung_binh, s.kem, s.ungraded
        from tops t cross join lateral (
          select * from subtree_month_sums s where s.ancestor_id = t.top_id and s.month >= ${ms} and s.month < ${me} offset 0) s
        union all
        select top_id, month, -held, -expected, -present, -tot, -kha, -trung_binh, -kem, -ungraded from edge
      ) x group by 1, 2
    ),
    -- The cells of each sub-unit and of the unit in the year, by their whole months there
    -- (covered): those there all year counted from the islands' shapes, the others (moved in
    -- the year) from their islands that start or end in it.
    units as (select top_id as id from tops union all select ${q.rootId}::int where ${compliance}),
    covers as (
      select u.id, 4095 as covered, s.n from units u cross join lateral (select s.n from subtree_island_shapes s
        where s.ancestor_id = u.id and s.m_from <= ${y0}::int and (s.m_to is null or s.m_to >= ${y0 + 12}::int) offset 0) s
      where ${compliance}
      union all
      select u.id, ${coveredBits}, 1 from units u cross join lateral (select * from cell_islands i where i.ancestor_id = u.id
        and ((i.m_from > ${y0}::int and i.m_from < ${y0 + 12}::int) or (i.m_to > ${y0}::int and i.m_to < ${y0 + 12}::int)) offset 0) i
      where ${compliance}
      group by u.id, i.cell_id
    ), cover_counts as (
      select c.id, ${count(sql`(c.covered & ${req}::int) <> 0`)} as monthly_applicable, ${count(quarterApplies)} as thematic_applicable,
        ${monthCounts(sql`c.covered`)} as required
      from covers c group by 1
    ),
    -- The cells that held something in the year, counted by what they held within covered.
    held_counts as (
      select u.id, ${count(every)} as monthly_every,
        ${q.thematicPerQuarter > 0 ? count(sql`(${quarterApplies}) and ${quartersMet}`) : sql`null::int`} as thematic_every,
        ${monthCounts(sql`c.held`)} as held_cells
      from units u cross join lateral (select * from subtree_year_patterns p where p.ancestor_id = u.id and p.year = ${year ?? 0}::int offset 0) c
      where ${compliance}
      group by 1
    ), unit_cells as (
      select u.id, coalesce(a.monthly_applicable, 0) as monthly_applicable, coalesce(h.monthly_every, 0) as monthly_every,
        coalesce(a.thematic_applicable, 0) as thematic_applicable,
        -- With no thematic meeting asked, every quarter that applies is met, held or not.
        coalesce(h.thematic_every, ${q.thematicPerQuarter > 0 ? sql`0` : sql`a.thematic_applicable`}, 0) as thematic_every,
        a.required, h.held_cells
      from units u left join cover_counts a on a.id = u.id left join held_counts h on h.id = u.id
    ), by_top as (
      select top_id, ${KEPT_SUMS}
      from tm group by 1
    ), months as (
      select m.month, r.i from unnest(${sql.val(spanMonths.map((m) => `${m}-01`))}::date[]) with ordinality m(month, n)
      left join unnest(${sql.val(q.requiredMonths.map((m) => `${m}-01`))}::date[]) with ordinality r(month, i) on r.month = m.month
    )
    select 'fallback' as set, null::int as top_id, null::int as held, null::int as expected, null::int as present, null::int as tot,
      null::int as kha, null::int as trung_binh, null::int as kem, null::int as ungraded, null::int as monthly_applicable, null::int as monthly_every,
      null::int as thematic_applicable, null::int as thematic_every, null::text as month, null::int as required, null::int as held_cells
    where not (select ok from ok)
    union all
    select 'top', t.top_id, coalesce(s.held, 0), coalesce(s.expected, 0), coalesce(s.present, 0), coalesce(s.tot, 0), coalesce(s.kha, 0),
      coalesce(s.trung_binh, 0), coalesce(s.kem, 0), coalesce(s.ungraded, 0), coalesce(c.monthly_applicable, 0), coalesce(c.monthly_every, 0),
      null, null, null, null, null
    from tops t left join by_top s on s.top_id = t.top_id left join unit_cells c on c.id = t.top_id
    where (select ok from ok)
    union all
    select 'cells', null, null, null, null, null, null, null, null, null, coalesce(r.monthly_applicable, 0), coalesce(r.monthly_every, 0),
      coalesce(r.thematic_applicable, 0), coalesce(r.thematic_every, 0), null, null, null
    from (select 1) one left join unit_cells r on r.id = ${q.rootId}::int
    where (select ok from ok)
    union all
    select 'month', null, null, coalesce(x.expected, 0), coalesce(x.present, 0), null, null, null, null, null, null, null, null, null,
      to_char(m.month, 'YYYY-MM'), coalesce(r.required[m.i], 0), coalesce(r.held_cells[m.i], 0)
    from months m
    left join (select month, sum(expected)::int as expected, sum(present)::int as present from tm group by 1) x on x.month = m.month
    left join unit_cells r on r.id = ${q.rootId}::int
    where (select ok from ok)`;
}
