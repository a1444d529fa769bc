-- A big unit's meeting compliance from counts kept per ancestor (issue 7, the national
-- meetings dashboard ≤ 1 s): the statement of 20261202T0400 still read one island row and one
-- held row per cell, for the unit and again for each sub-unit (the nation: 300,000 cells
-- twice, 1.45 s of 1.75 s). What compliance asks of a cell in a year is its whole months
-- under the unit (covered bits), the months it held and its thematic meetings per quarter —
-- a handful of distinct combinations among thousands of cells. Two read models count them:
--
-- subtree_year_patterns  per ancestor and year, the cells that held something that year
--                        (a cell_year_held row), counted by (covered bits, held bits within
--                        covered, t1–t4): what every held-dependent figure reads.
-- subtree_island_shapes  per ancestor, the cells' islands counted by (m_from, m_to): the
--                        cells under it through a whole year, without a row per cell.
--
-- A cell that sat under the unit for part of the year is read from its islands (few: the
-- cells moved that year). Both are signed deltas, only inserted, and folded by the nightly
-- job with the others; the triggers of 20261202T0400 keep them, in the same transaction:
-- a held row's change takes off the cell's patterns as locked and adds them as written, an
-- islands refresh takes off the cells' patterns and shapes and adds them again.

create table subtree_year_patterns (
  ancestor_id integer not null,
  year integer not null,
  covered integer not null,
  held integer not null,
  t1 integer not null,
  t2 integer not null,
  t3 integer not null,
  t4 integer not null,
  n integer not null
);
create index subtree_year_patterns_idx on subtree_year_patterns (ancestor_id, year);

create table subtree_island_shapes (
  ancestor_id integer not null,
  m_from integer not null,
  m_to integer,
  n integer not null
);
create index subtree_island_shapes_idx on subtree_island_shapes (ancestor_id, m_from);

-- The islands that start or end inside a year (the cells under a unit for part of it).
create index cell_islands_from_idx on cell_islands (ancestor_id, m_from);
create index cell_islands_to_idx on cell_islands (ancestor_id, m_to);

-- What held rows written change in the patterns: the old rows taken off and the new ones
-- added, each on every ancestor its cell has islands under in that year with its whole months
-- there, netted (a row written as it was changes nothing). A year with nothing held or
-- thematic is as no row, as in compute_cell_year_held.
create function subtree_year_patterns_by_rows(old_rows cell_year_held[], new_rows cell_year_held[]) returns void
language plpgsql as $$
begin
  insert into subtree_year_patterns
  select * from (
    select ancestor_id, year, covered, held & covered, t1, t2, t3, t4, sum(sign)::int as n from (
      select i.ancestor_id, h.cell_id, h.year, h.held, h.t1, h.t2, h.t3, h.t4, h.sign,
        bit_or((1 << (least(coalesce(i.m_to, h.year * 12 + 12), h.year * 12 + 12) - h.year * 12))
          - (1 << (greatest(i.m_from, h.year * 12) - h.year * 12))) as covered
      from (select o.*, -1 as sign from unnest(old_rows) o union all select r.*, 1 from unnest(new_rows) r) h
      join cell_islands i on i.cell_id = h.cell_id and i.m_from < h.year * 12 + 12 and (i.m_to is null or i.m_to > h.year * 12)
      where h.held <> 0 or h.t1 <> 0 or h.t2 <> 0 or h.t3 <> 0 or h.t4 <> 0
      group by 1, 2, 3, 4, 5, 6, 7, 8, 9) c
    group by 1, 2, 3, 4, 5, 6, 7, 8) d
  where n <> 0;
end $$;

create function subtree_island_shapes_by_cells(cells integer[], sign integer) returns void
language plpgsql as $$
begin
  insert into subtree_island_shapes
  select ancestor_id, m_from, m_to, sign * count(*)::int from cell_islands where cell_id = any(cells) group by 1, 2, 3;
end $$;

create function compact_subtree_year_patterns(ids integer[]) returns void
language sql as $$
  with gone as (delete from subtree_year_patterns where ancestor_id = any(ids) returning *)
  insert into subtree_year_patterns
  select ancestor_id, year, covered, held, t1, t2, t3, t4, sum(n) from gone group by 1, 2, 3, 4, 5, 6, 7, 8 having sum(n) <> 0 order by 1, 2;
  with gone as (delete from subtree_island_shapes where ancestor_id = any(ids) returning *)
  insert into subtree_island_shapes
  select ancestor_id, m_from, m_to, sum(n) from gone group by 1, 2, 3 having sum(n) <> 0 order by 1, 2;
$$;

-- The islands' refresh (20261202T0400) with the cells' patterns and shapes taken off under
-- the old islands and added under the new.
create or replace function refresh_cell_islands(cells integer[]) returns void
language plpgsql as $$
declare
  held_rows cell_year_held[] := array(select h from cell_year_held h where h.cell_id = any(cells));
begin
  perform subtree_year_patterns_by_rows(held_rows, '{}');
  perform subtree_island_shapes_by_cells(cells, -1);
  delete from cell_islands where cell_id = any(cells);
  insert into cell_islands select * from compute_cell_islands(cells) order by 1, 2, 3;
  perform subtree_island_shapes_by_cells(cells, 1);
  perform subtree_year_patterns_by_rows('{}', held_rows);
end $$;

-- As in 20261202T0400, with the rows' patterns moved: taken off as the rows stand once
-- locked (a statement after the lock reads what the last writer committed), added as written.
create or replace function cell_year_held_by_facts(old_facts meeting_facts[], new_facts meeting_facts[]) returns void
language plpgsql as $$
declare
  cells integer[];
  years integer[];
  before_rows cell_year_held[];
begin
  if cardinality(old_facts) + cardinality(new_facts) = 0 then return; end if;
  select array_agg(cell_id order by cell_id, year), array_agg(year order by cell_id, year) into cells, years
  from cell_year_held_changes(old_facts, new_facts);
  insert into cell_year_held select cell_id, year, 0, 0, 0, 0, 0 from unnest(cells, years) k(cell_id, year) on conflict do nothing;
  perform 1 from cell_year_held y join unnest(cells, years) k(cell_id, year) using (cell_id, year) order by y.cell_id, y.year for update of y;
  before_rows := array(select y from cell_year_held y join unnest(cells, years) k(cell_id, year) using (cell_id, year));
  update cell_year_held y set held = (y.held & ~c.touched) | c.held, t1 = y.t1 + c.t1, t2 = y.t2 + c.t2, t3 = y.t3 + c.t3, t4 = y.t4 + c.t4
  from cell_year_held_changes(old_facts, new_facts) c where y.cell_id = c.cell_id and y.year = c.year;
  perform subtree_year_patterns_by_rows(before_rows,
    array(select y from cell_year_held y join unnest(cells, years) k(cell_id, year) using (cell_id, year)));
end $$;

create or replace function refresh_cell_year_held(cells integer[]) returns void
language plpgsql as $$
declare
  before_rows cell_year_held[];
begin
  perform 1 from cell_year_held where cell_id = any(cells) order by cell_id, year for update;
  before_rows := array(select y from cell_year_held y where y.cell_id = any(cells));
  insert into cell_year_held select * from compute_cell_year_held(cells) order by 1, 2
    on conflict (cell_id, year) do update set held = excluded.held, t1 = excluded.t1, t2 = excluded.t2, t3 = excluded.t3, t4 = excluded.t4;
  update cell_year_held y set held = 0, t1 = 0, t2 = 0, t3 = 0, t4 = 0
  where y.cell_id = any(cells) and not exists (select 1 from compute_cell_year_held(cells) c where c.cell_id = y.cell_id and c.year = y.year);
  perform subtree_year_patterns_by_rows(before_rows, array(select y from cell_year_held y where y.cell_id = any(cells)));
end $$;

create or replace function rebuild_subtree_meeting_sums() returns void
language plpgsql as $$
declare
  lo integer;
begin
  truncate subtree_month_sums, cell_islands, cell_year_held, subtree_year_patterns, subtree_island_shapes;
  for lo in select generate_series(0, coalesce(max(unit_id), 0), 20000) from unit_ancestry loop
    perform subtree_month_sums_by_rows(array(select a from unit_ancestry a where a.unit_id >= lo and a.unit_id < lo + 20000), 1);
  end loop;
  perform compact_subtree_month_sums(array(select distinct ancestor_id from subtree_month_sums));
  insert into cell_islands select * from compute_cell_islands(null) order by 1, 2, 3;
  insert into cell_year_held select * from compute_cell_year_held(null) order by 1, 2;
  insert into subtree_island_shapes select ancestor_id, m_from, m_to, count(*) from cell_islands group by 1, 2, 3 order by 1, 2;
  perform subtree_year_patterns_by_rows('{}', array(select h from cell_year_held h));
  perform compact_subtree_year_patterns(array(select distinct ancestor_id from subtree_year_patterns));
end $$;

select rebuild_subtree_meeting_sums();
