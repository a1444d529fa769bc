-- Meeting figures kept per ancestor (issue 7, the national meetings dashboard ≤ 1 s): a big
-- unit's meeting figures read a few rows per sub-unit and one narrow row per cell, not the
-- cells' stretches under each sub-unit and their per-cell-month rows (the nation: 300,000
-- cells, 877,000 rows a quarter, 3–5 s). Three read models, kept in the transaction of every
-- write by statement triggers on meeting_facts and unit_ancestry, each rebuildable by a
-- function that `chibo rebuild-history` compares with what was kept:
--
-- subtree_month_sums  per ancestor and month, what its cells' held meetings count (held,
--                     expected, present, grades): each counted fact adds to every ancestor
--                     its cell sat under, as a cell, on the meeting's day. Signed deltas,
--                     only inserted (the nation's root would be a row every meeting write in
--                     the country waits on); compact_subtree_month_sums folds them.
-- cell_islands        per cell and ancestor, the whole months the cell sat under it as a cell
--                     (its ancestry rows that touch joined), as month indexes [m_from, m_to),
--                     m_to null while it still sits there. What a period requires of a cell.
-- cell_year_held      per cell and year, the months held (bit m-1 for month m: a regular
--                     meeting of the whole cell, or of every party group — cellMonthHeld) and
--                     the thematic meetings of each quarter (t1–t4). Written month by month
--                     under the row lock of the cell's cell_month_facts row, as a bit set or
--                     cleared and counts added, so two transactions writing two months of
--                     one cell both land (a recomputation would read the other's snapshot).
--
-- Read by src/modules/figures/kept-meeting-sums.ts; the statement over the stretches
-- (period-meeting-sums.ts) stays for what these do not answer (a cell's own figures, a
-- period over two calendar years, a sub-unit that joined or left the unit in the period).

create function month_index(d date) returns integer
language sql immutable as $$ select (date_part('year', d) * 12 + date_part('month', d) - 1)::int $$;

create table subtree_month_sums (
  ancestor_id integer not null,
  month date not null,
  held integer not null,
  expected integer not null,
  present integer not null,
  tot integer not null,
  kha integer not null,
  trung_binh integer not null,
  kem integer not null,
  ungraded integer not null
);
create index subtree_month_sums_idx on subtree_month_sums (ancestor_id, month);

create table cell_islands (
  ancestor_id integer not null,
  cell_id integer not null,
  m_from integer not null,
  m_to integer,
  primary key (ancestor_id, cell_id, m_from)
);
create index cell_islands_cell_idx on cell_islands (cell_id);

create table cell_year_held (
  cell_id integer not null,
  year integer not null,
  held integer not null,
  t1 integer not null,
  t2 integer not null,
  t3 integer not null,
  t4 integer not null,
  primary key (cell_id, year)
);

-- The edge days of a period are read by date (kept-meeting-sums.ts).
create index meeting_facts_held_on_idx on meeting_facts (held_on);

create function is_cell_kind(kind text) returns boolean
language sql immutable as $$ select kind in ('chi_bo', 'chi_bo_co_so') $$;

-- The first day of the first whole month from d on (d itself on a first of the month).
create function first_whole_month(d date) returns date
language sql immutable as $$
  select case when date_part('day', d) = 1 then d else (date_trunc('month', d) + interval '1 month')::date end
$$;

-- What ancestry rows add to subtree_month_sums (sign 1) or take off (-1): the whole months of
-- each row from the kept per-cell-month rows, the days of its cut months from the facts.
create function subtree_month_sums_by_rows(rows_in unit_ancestry[], sign integer) returns void
language sql as $$
  insert into subtree_month_sums
  select ancestor_id, month, sign * sum(held), sign * sum(expected), sign * sum(present), sign * sum(tot), sign * sum(kha),
    sign * sum(trung_binh), sign * sum(kem), sign * sum(ungraded)
  from (
    select r.ancestor_id, k.month, k.held, k.expected, k.present, k.tot, k.kha, k.trung_binh, k.kem, k.ungraded
    from unnest(rows_in) r
    join cell_month_facts k on k.unit_id = r.unit_id
      and k.month >= first_whole_month(r.valid_from)
      and (r.valid_to is null or k.month < date_trunc('month', r.valid_to))
    where is_cell_kind(r.unit_kind)
    union all
    select r.ancestor_id, date_trunc('month', f.held_on)::date, 1, f.expected, f.present, (f.grade is not distinct from 'tot')::int,
      (f.grade is not distinct from 'kha')::int, (f.grade is not distinct from 'trung_binh')::int, (f.grade is not distinct from 'kem')::int,
      (f.grade is null)::int
    from unnest(rows_in) r
    join meeting_facts f on f.unit_id = r.unit_id and f.held_on >= r.valid_from and (r.valid_to is null or f.held_on < r.valid_to)
      and (f.held_on < first_whole_month(r.valid_from)
        or (r.valid_to is not null and f.held_on >= date_trunc('month', r.valid_to)))
    where is_cell_kind(r.unit_kind) and cell_month_counted(f.kind, f.recorded, f.attendance_taken)
  ) x
  group by 1, 2
  having sum(held) <> 0 or sum(expected) <> 0
$$;

-- What facts written change: the old rows taken off and the new ones added, each on every
-- ancestor of its cell that day, netted per ancestor and month (a check-in changes one
-- meeting's present count: one row per ancestor, not two). PL/pgSQL, whose statements keep
-- their plans in the session: a SQL function's body is planned again on every call, which
-- cost a check-in burst a third of its throughput (npm run bench -- checkin, 02/12).
create function subtree_month_sums_by_facts(old_facts meeting_facts[], new_facts meeting_facts[]) returns void
language plpgsql as $$
begin
  insert into subtree_month_sums
  select ancestor_id, month, held, expected, present, tot, kha, trung_binh, kem, ungraded from (
    select a.ancestor_id, date_trunc('month', f.held_on)::date as month, sum(f.sign)::int as held, sum(f.sign * f.expected)::int as expected,
      sum(f.sign * f.present)::int as present, coalesce(sum(f.sign) filter (where f.grade = 'tot'), 0)::int as tot,
      coalesce(sum(f.sign) filter (where f.grade = 'kha'), 0)::int as kha, coalesce(sum(f.sign) filter (where f.grade = 'trung_binh'), 0)::int as trung_binh,
      coalesce(sum(f.sign) filter (where f.grade = 'kem'), 0)::int as kem, coalesce(sum(f.sign) filter (where f.grade is null), 0)::int as ungraded
  from (
    select o.*, -1 as sign from unnest(old_facts) o where cell_month_counted(o.kind, o.recorded, o.attendance_taken)
    union all
    select n.*, 1 from unnest(new_facts) n where cell_month_counted(n.kind, n.recorded, n.attendance_taken)
  ) f
  join unit_ancestry a on a.unit_id = f.unit_id and a.valid_from <= f.held_on and (a.valid_to is null or a.valid_to > f.held_on)
  where is_cell_kind(a.unit_kind)
  group by 1, 2) d
  where held <> 0 or expected <> 0 or present <> 0 or tot <> 0 or kha <> 0 or trung_binh <> 0 or kem <> 0 or ungraded <> 0;
end $$;

create function compact_subtree_month_sums(ids integer[]) returns void
language sql as $$
  with gone as (delete from subtree_month_sums where ancestor_id = any(ids) returning *)
  insert into subtree_month_sums
  select ancestor_id, month, sum(held), sum(expected), sum(present), sum(tot), sum(kha), sum(trung_binh), sum(kem), sum(ungraded)
  from gone group by 1, 2 having sum(held) <> 0 or sum(expected) <> 0 order by 1, 2
$$;

-- The islands of the cells `cells` (every cell when null) under each of their ancestors.
create function compute_cell_islands(cells integer[]) returns table (ancestor_id integer, cell_id integer, m_from integer, m_to integer)
language sql stable as $$
  select ancestor_id, unit_id, m_from, m_to from (
    select ancestor_id, unit_id,
      month_index(first_whole_month(min(valid_from))) as m_from,
      case when bool_or(valid_to is null) then null else month_index(max(valid_to)) end as m_to
    from (
      select *, sum(starts) over (partition by unit_id, ancestor_id order by valid_from) as island from (
        select a.unit_id, a.ancestor_id, a.valid_from, a.valid_to,
          case when a.valid_from = lag(a.valid_to) over (partition by a.unit_id, a.ancestor_id order by a.valid_from) then 0 else 1 end as starts
        from unit_ancestry a where (cells is null or a.unit_id = any(cells)) and is_cell_kind(a.unit_kind)) s) t
    group by ancestor_id, unit_id, island) i
  where m_to is null or m_to > m_from
$$;

create function refresh_cell_islands(cells integer[]) returns void
language sql as $$
  delete from cell_islands where cell_id = any(cells);
  insert into cell_islands select * from compute_cell_islands(cells) order by 1, 2, 3;
$$;

-- A kept cell-month's bit (bit m-1 for month m) when it counts as held: a regular meeting of
-- the whole cell, or of every party group (cellMonthHeld); else 0 (also for no row).
create function cell_month_held_bit(k cell_month_facts) returns integer
language sql stable as $$
  select case when k.regular_whole > 0 or (k.regular_group > 0 and cell_month_held_by_groups(k.unit_id, k.month))
    then 1 << (date_part('month', k.month)::int - 1) else 0 end
$$;

-- The held months and thematic meetings of the cells `cells` (every one when null), per year.
create function compute_cell_year_held(cells integer[]) returns table (cell_id integer, year integer, held integer, t1 integer, t2 integer, t3 integer, t4 integer)
language sql stable as $$
  select k.unit_id, date_part('year', k.month)::int,
    bit_or(cell_month_held_bit(k)),
    coalesce(sum(k.thematic) filter (where date_part('month', k.month) <= 3), 0)::int,
    coalesce(sum(k.thematic) filter (where date_part('month', k.month) between 4 and 6), 0)::int,
    coalesce(sum(k.thematic) filter (where date_part('month', k.month) between 7 and 9), 0)::int,
    coalesce(sum(k.thematic) filter (where date_part('month', k.month) >= 10), 0)::int
  from cell_month_facts k where cells is null or k.unit_id = any(cells)
  group by 1, 2
  -- A year with nothing held or thematic is as no row (the kept table keeps such rows).
  having bit_or(cell_month_held_bit(k)) <> 0 or sum(k.thematic) <> 0
$$;

-- Meeting facts written: for each (cell, month) they touch, the month's bit as the kept row
-- now says (this transaction holds that row's lock) and the thematic meetings added or
-- taken off, per (cell, year).
create function cell_year_held_changes(old_facts meeting_facts[], new_facts meeting_facts[])
returns table (cell_id integer, year integer, touched integer, held integer, t1 integer, t2 integer, t3 integer, t4 integer)
language sql stable as $$
  with f as (
    select unit_id, held_on, kind, -1 as sign from unnest(old_facts) where cell_month_counted(kind, recorded, attendance_taken)
    union all
    select unit_id, held_on, kind, 1 from unnest(new_facts) where cell_month_counted(kind, recorded, attendance_taken)
  ), by_month as (
    select f.unit_id, date_trunc('month', f.held_on)::date as month, coalesce(sum(f.sign) filter (where f.kind = 'thematic'), 0) as thematic
    from f group by 1, 2
  )
  select m.unit_id, date_part('year', m.month)::int,
    bit_or(1 << (date_part('month', m.month)::int - 1)),
    bit_or(cell_month_held_bit(k)),
    coalesce(sum(m.thematic) filter (where date_part('month', m.month) <= 3), 0)::int,
    coalesce(sum(m.thematic) filter (where date_part('month', m.month) between 4 and 6), 0)::int,
    coalesce(sum(m.thematic) filter (where date_part('month', m.month) between 7 and 9), 0)::int,
    coalesce(sum(m.thematic) filter (where date_part('month', m.month) >= 10), 0)::int
  from by_month m left join cell_month_facts k on k.unit_id = m.unit_id and k.month = m.month
  group by 1, 2
$$;

-- Applied to each year's row as it stands once locked (a bit set or cleared, counts added):
-- two transactions writing two months of one cell both land.
create function cell_year_held_by_facts(old_facts meeting_facts[], new_facts meeting_facts[]) returns void
language plpgsql as $$
begin
  if cardinality(old_facts) + cardinality(new_facts) = 0 then return; end if;
  insert into cell_year_held select cell_id, year, 0, 0, 0, 0, 0 from cell_year_held_changes(old_facts, new_facts) order by 1, 2 on conflict do nothing;
  update cell_year_held y set held = (y.held & ~c.touched) | c.held, t1 = y.t1 + c.t1, t2 = y.t2 + c.t2, t3 = y.t3 + c.t3, t4 = y.t4 + c.t4
  from cell_year_held_changes(old_facts, new_facts) c where y.cell_id = c.cell_id and y.year = c.year;
end $$;

-- The cells' rows recomputed whole (a party group's ancestry changed: which months count as
-- held by its groups may have changed). Their rows are locked first, so a meeting write that
-- changed one has committed and the recomputation (a statement of its own, so a snapshot
-- after it) sees it; rows are upserted, not deleted and inserted again, since two groups
-- created in one cell at once refresh the same rows (a duplicate key on PostgreSQL, 02/12).
create function refresh_cell_year_held(cells integer[]) returns void
language plpgsql as $$
begin
  perform 1 from cell_year_held where cell_id = any(cells) order by cell_id, year for update;
  insert into cell_year_held select * from compute_cell_year_held(cells) order by 1, 2
    on conflict (cell_id, year) do update set held = excluded.held, t1 = excluded.t1, t2 = excluded.t2, t3 = excluded.t3, t4 = excluded.t4;
  update cell_year_held y set held = 0, t1 = 0, t2 = 0, t3 = 0, t4 = 0
  where y.cell_id = any(cells) and not exists (select 1 from compute_cell_year_held(cells) c where c.cell_id = y.cell_id and c.year = y.year);
end $$;

-- Everything recomputed, 20,000 units at a time (the nation: 1.8 M ancestry rows).
create function rebuild_subtree_meeting_sums() returns void
language plpgsql as $$
declare
  lo integer;
begin
  truncate subtree_month_sums, cell_islands, cell_year_held;
  for lo in select generate_series(0, coalesce(max(unit_id), 0), 20000) from unit_ancestry loop
    perform subtree_month_sums_by_rows(array(select a from unit_ancestry a where a.unit_id >= lo and a.unit_id < lo + 20000), 1);
  end loop;
  perform compact_subtree_month_sums(array(select distinct ancestor_id from subtree_month_sums));
  insert into cell_islands select * from compute_cell_islands(null) order by 1, 2, 3;
  insert into cell_year_held select * from compute_cell_year_held(null) order by 1, 2;
end $$;

-- Meeting facts written: their counts on their cells' ancestors, and their cells' months
-- (cell_month_facts is kept first: its triggers' names sort before these).
create function subtree_meeting_sums_by_fact() returns trigger
language plpgsql as $$
begin
  if tg_op = 'INSERT' then
    perform subtree_month_sums_by_facts('{}', array(select n::meeting_facts from new_rows n));
    perform cell_year_held_by_facts('{}', array(select n::meeting_facts from new_rows n));
  elsif tg_op = 'DELETE' then
    perform subtree_month_sums_by_facts(array(select o::meeting_facts from old_rows o), '{}');
    perform cell_year_held_by_facts(array(select o::meeting_facts from old_rows o), '{}');
  else
    perform subtree_month_sums_by_facts(array(select o::meeting_facts from old_rows o), array(select n::meeting_facts from new_rows n));
    -- Only the facts whose month could count otherwise (a check-in changes counts, not this).
    perform cell_year_held_by_facts(
      array(select o::meeting_facts from old_rows o join new_rows n using (meeting_id)
        where (o.unit_id, o.held_on, o.kind, o.recorded, o.attendance_taken, o.party_group_id)
          is distinct from (n.unit_id, n.held_on, n.kind, n.recorded, n.attendance_taken, n.party_group_id)),
      array(select n::meeting_facts from new_rows n join old_rows o using (meeting_id)
        where (o.unit_id, o.held_on, o.kind, o.recorded, o.attendance_taken, o.party_group_id)
          is distinct from (n.unit_id, n.held_on, n.kind, n.recorded, n.attendance_taken, n.party_group_id)));
  end if;
  return null;
end $$;

-- Ancestry rows written (a restructuring replaces its units' rows): the rows' counts move
-- with them; the cells' islands are computed again; a party group's change may change
-- which of its cell's months count as held (cell_month_held_by_groups).
create function subtree_meeting_sums_by_ancestry() returns trigger
language plpgsql as $$
declare
  cells integer[];
  group_cells integer[];
begin
  if tg_op = 'INSERT' then
    perform subtree_month_sums_by_rows(array(select n::unit_ancestry from new_rows n where is_cell_kind(n.unit_kind)), 1);
    cells := array(select distinct unit_id from new_rows where is_cell_kind(unit_kind));
    group_cells := array(select distinct ancestor_id from new_rows where unit_kind = 'to_dang' and depth = 1);
  elsif tg_op = 'DELETE' then
    perform subtree_month_sums_by_rows(array(select o::unit_ancestry from old_rows o where is_cell_kind(o.unit_kind)), -1);
    cells := array(select distinct unit_id from old_rows where is_cell_kind(unit_kind));
    group_cells := array(select distinct ancestor_id from old_rows where unit_kind = 'to_dang' and depth = 1);
  else
    perform subtree_month_sums_by_rows(array(select o::unit_ancestry from old_rows o where is_cell_kind(o.unit_kind)), -1);
    perform subtree_month_sums_by_rows(array(select n::unit_ancestry from new_rows n where is_cell_kind(n.unit_kind)), 1);
    cells := array(select unit_id from new_rows where is_cell_kind(unit_kind) union select unit_id from old_rows where is_cell_kind(unit_kind));
    group_cells := array(select ancestor_id from new_rows where unit_kind = 'to_dang' and depth = 1
      union select ancestor_id from old_rows where unit_kind = 'to_dang' and depth = 1);
  end if;
  if cardinality(cells) > 0 then perform refresh_cell_islands(cells); end if;
  if cardinality(group_cells) > 0 then perform refresh_cell_year_held(group_cells); end if;
  return null;
end $$;

create trigger subtree_meeting_sums_ins after insert on meeting_facts referencing new table as new_rows for each statement execute function subtree_meeting_sums_by_fact();
create trigger subtree_meeting_sums_upd after update on meeting_facts referencing new table as new_rows old table as old_rows for each statement execute function subtree_meeting_sums_by_fact();
create trigger subtree_meeting_sums_del after delete on meeting_facts referencing old table as old_rows for each statement execute function subtree_meeting_sums_by_fact();
create trigger subtree_meeting_sums_ancestry_ins after insert on unit_ancestry referencing new table as new_rows for each statement execute function subtree_meeting_sums_by_ancestry();
create trigger subtree_meeting_sums_ancestry_upd after update on unit_ancestry referencing new table as new_rows old table as old_rows for each statement execute function subtree_meeting_sums_by_ancestry();
create trigger subtree_meeting_sums_ancestry_del after delete on unit_ancestry referencing old table as old_rows for each statement execute function subtree_meeting_sums_by_ancestry();

select rebuild_subtree_meeting_sums();
