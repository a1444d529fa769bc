-- Per cell and month, its held meetings summed (issue 7, the national meetings dashboard):
-- the meeting figures of a big subtree read one row per cell and month instead of every
-- meeting fact — the nation's 300,000 cells held 1.14 M meetings in a quarter.
--
-- Kept from meeting_facts by a statement trigger in the same transaction, as signed
-- deltas upserted on (unit_id, month): what the old rows counted is taken off, what the
-- new rows count is added, so concurrent writes on one cell add up (the row lock of the
-- upsert orders them) and no recomputation reads another transaction's snapshot. Every
-- column is a count, so every column is additive; a row whose counts are all 0 is left.
--
-- Counted: the facts a figure counts as a meeting held (recorded, attendance taken, of a
-- kind with a member roll). Whether a month with party-group meetings only is held
-- depends on which groups existed on each meeting's day: cell_month_held_by_groups()
-- judges it when read (rare), so this table depends on meeting_facts alone.
-- rebuild_cell_month_facts() recomputes everything; `chibo rebuild-history` checks kept =
-- recomputed and a test does the same after every kind of write.
create table cell_month_facts (
  unit_id integer not null,
  month date not null,
  -- Held regular meetings of the whole cell, and of one of its party groups.
  regular_whole integer not null,
  regular_group integer not null,
  thematic integer not null,
  held integer not null,
  expected integer not null,
  present integer not null,
  tot integer not null,
  kha integer not null,
  trung_binh integer not null,
  kem integer not null,
  ungraded integer not null,
  primary key (unit_id, month)
);

create function cell_month_counted(kind text, recorded boolean, attendance_taken boolean) returns boolean
language sql immutable as $$ select recorded and attendance_taken and kind in ('regular', 'thematic', 'extraordinary') $$;

-- Adds (sign 1) or takes off (sign -1) what the facts count, per cell and month.
create function cell_month_facts_add(facts meeting_facts[], sign integer) returns void
language sql as $$
  insert into cell_month_facts as c
  select f.unit_id, date_trunc('month', f.held_on)::date,
    sign * count(*) filter (where f.kind = 'regular' and f.party_group_id is null),
    sign * count(*) filter (where f.kind = 'regular' and f.party_group_id is not null),
    sign * count(*) filter (where f.kind = 'thematic'),
    sign * count(*), sign * sum(f.expected), sign * sum(f.present),
    sign * count(*) filter (where f.grade = 'tot'), sign * count(*) filter (where f.grade = 'kha'),
    sign * count(*) filter (where f.grade = 'trung_binh'), sign * count(*) filter (where f.grade = 'kem'),
    sign * count(*) filter (where f.grade is null)
  from unnest(facts) f
  where cell_month_counted(f.kind, f.recorded, f.attendance_taken)
  group by 1, 2
  order by 1, 2
  on conflict (unit_id, month) do update set
    regular_whole = c.regular_whole + excluded.regular_whole, regular_group = c.regular_group + excluded.regular_group,
    thematic = c.thematic + excluded.thematic, held = c.held + excluded.held, expected = c.expected + excluded.expected,
    present = c.present + excluded.present, tot = c.tot + excluded.tot, kha = c.kha + excluded.kha,
    trung_binh = c.trung_binh + excluded.trung_binh, kem = c.kem + excluded.kem, ungraded = c.ungraded + excluded.ungraded
$$;

-- Everything recomputed from meeting_facts, by the same function, 20,000 units at a time.
create function rebuild_cell_month_facts() returns void
language plpgsql as $$
declare
  lo integer;
begin
  truncate cell_month_facts;
  for lo in select generate_series(0, coalesce(max(unit_id), 0), 20000) from meeting_facts loop
    perform cell_month_facts_add(array(select mf from meeting_facts mf where mf.unit_id >= lo and mf.unit_id < lo + 20000), 1);
  end loop;
  -- A cell-month with nothing counted has no row (as after a rebuild, the kept rows compare equal).
end $$;

create function cell_month_facts_by_fact() returns trigger
language plpgsql as $$
begin
  if tg_op in ('DELETE', 'UPDATE') then perform cell_month_facts_add(array(select o::meeting_facts from old_rows o), -1); end if;
  if tg_op in ('INSERT', 'UPDATE') then perform cell_month_facts_add(array(select n::meeting_facts from new_rows n), 1); end if;
  return null;
end $$;

create trigger cell_month_facts_ins after insert on meeting_facts referencing new table as new_rows for each statement execute function cell_month_facts_by_fact();
create trigger cell_month_facts_upd after update on meeting_facts referencing new table as new_rows old table as old_rows for each statement execute function cell_month_facts_by_fact();
create trigger cell_month_facts_del after delete on meeting_facts referencing old table as old_rows for each statement execute function cell_month_facts_by_fact();

-- Whether a month of a cell counts as held when only its party groups met (cellMonthHeld in
-- src/domain/party-group-compliance.ts, which the compliance report applies): every group
-- existing on the day of one of those meetings met that month.
create function cell_month_held_by_groups(cell_id integer, month date) returns boolean
language sql stable as $$
  with met as (
    select mf.party_group_id, mf.held_on from meeting_facts mf
    where mf.unit_id = cell_id and mf.held_on >= month and mf.held_on < (month + interval '1 month')::date
      and mf.kind = 'regular' and mf.party_group_id is not null and cell_month_counted(mf.kind, mf.recorded, mf.attendance_taken)
  )
  select exists (select 1 from met) and not exists (
    select 1 from met join unit_versions v on v.parent_id = cell_id and v.kind = 'to_dang'
      and v.valid_from <= met.held_on and (v.valid_to is null or v.valid_to > met.held_on)
    where v.unit_id not in (select party_group_id from met))
$$;

select rebuild_cell_month_facts();
