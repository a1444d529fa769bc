-- Per-member facts for the figures engine's member figures (src/modules/figures/member-figures.ts):
-- one row per stretch during which a member sat in one unit with one status — a placement
-- joined to each status row that overlaps it — carrying the member's attributes that the
-- figures group by, with the dates of birth and admission as yyyymmdd integers (whole
-- years on a date are then integer arithmetic). "Members under X on D by sex, age band…"
-- becomes one scan of this narrow table joined to unit_ancestry, instead of joining
-- placements, statuses and members for the whole subtree each time (a province: 100,000
-- members, 3 joins, ~3× the time).
--
-- Exact by construction: a member is under X on D with status S in unit U exactly when a
-- placement in U and a status S are both in force on D, i.e. when their overlap — a row
-- here — is. Kept by statement-level triggers in the same transaction as every write to
-- member_placements, member_statuses and members (as meeting_facts), so use cases,
-- imports and tests writing the tables directly keep it true; a bulk load with triggers
-- off refreshes it afterwards (the demo's seeder); `refresh_member_facts(ids)` recomputes
-- rows from the base tables and `chibo rebuild-history` checks kept = recomputed.
create table member_facts (
  placement_id integer not null,
  status_id integer not null,
  member_id integer not null,
  unit_id integer not null,
  status text not null,
  valid_from date not null,
  -- Exclusive; null while both the placement and the status are open.
  valid_to date,
  sex text not null,
  ethnicity text not null,
  religion text not null,
  education text,
  theory_level text,
  born_ymd integer not null,
  admitted_ymd integer,
  primary key (placement_id, status_id)
);
-- "Members in unit U on D": the figure query's join from unit_ancestry.
create index member_facts_unit_idx on member_facts (unit_id, valid_from);
-- The refresh of one member's rows.
create index member_facts_member_idx on member_facts (member_id);

create function compute_member_facts(ids integer[]) returns setof member_facts
language sql stable as $$
  select p.id, s.id, p.member_id, p.unit_id, s.status,
    greatest(p.valid_from, s.valid_from),
    case when p.valid_to is null then s.valid_to when s.valid_to is null then p.valid_to else least(p.valid_to, s.valid_to) end,
    mb.sex, mb.ethnicity, mb.religion, mb.education, mb.theory_level,
    (date_part('year', mb.date_of_birth) * 10000 + date_part('month', mb.date_of_birth) * 100 + date_part('day', mb.date_of_birth))::int,
    (date_part('year', mb.admitted_on) * 10000 + date_part('month', mb.admitted_on) * 100 + date_part('day', mb.admitted_on))::int
  from member_placements p
  join member_statuses s on s.member_id = p.member_id
    and (p.valid_to is null or s.valid_from < p.valid_to) and (s.valid_to is null or s.valid_to > p.valid_from)
  join members mb on mb.id = p.member_id
  where p.member_id = any(ids)
$$;

create function refresh_member_facts(ids integer[]) returns void
language plpgsql as $$
begin
  if ids is null or cardinality(ids) = 0 then return; end if;
  -- One refresh of a member at a time: two transactions changing the same member would
  -- otherwise each insert the rows the other's snapshot could not see (and collide).
  perform 1 from members where id = any(ids) order by id for no key update;
  delete from member_facts where member_id = any(ids);
  insert into member_facts select * from compute_member_facts(ids);
end $$;

-- Placements and statuses: the members of the changed rows.
create function member_facts_by_row() returns trigger
language plpgsql as $$
begin
  if tg_op = 'INSERT' then
    perform refresh_member_facts(array(select distinct member_id from new_rows));
  elsif tg_op = 'UPDATE' then
    perform refresh_member_facts(array(select member_id from new_rows union select member_id from old_rows));
  else
    perform refresh_member_facts(array(select distinct member_id from old_rows));
  end if;
  return null;
end $$;

-- Members: only when an attribute the facts carry changed (a new phone number does not).
create function member_facts_by_member() returns trigger
language plpgsql as $$
begin
  if tg_op = 'UPDATE' then
    perform refresh_member_facts(array(
      select n.id from new_rows n join old_rows o on o.id = n.id
      where (n.sex, n.ethnicity, n.religion, n.education, n.theory_level, n.date_of_birth, n.admitted_on)
        is distinct from (o.sex, o.ethnicity, o.religion, o.education, o.theory_level, o.date_of_birth, o.admitted_on)));
  else
    delete from member_facts where member_id in (select id from old_rows);
  end if;
  return null;
end $$;

create trigger member_facts_placements_ins after insert on member_placements referencing new table as new_rows for each statement execute function member_facts_by_row();
create trigger member_facts_placements_upd after update on member_placements referencing new table as new_rows old table as old_rows for each statement execute function member_facts_by_row();
create trigger member_facts_placements_del after delete on member_placements referencing old table as old_rows for each statement execute function member_facts_by_row();
create trigger member_facts_statuses_ins after insert on member_statuses referencing new table as new_rows for each statement execute function member_facts_by_row();
create trigger member_facts_statuses_upd after update on member_statuses referencing new table as new_rows old table as old_rows for each statement execute function member_facts_by_row();
create trigger member_facts_statuses_del after delete on member_statuses referencing old table as old_rows for each statement execute function member_facts_by_row();
create trigger member_facts_members_upd after update on members referencing new table as new_rows old table as old_rows for each statement execute function member_facts_by_member();
create trigger member_facts_members_del after delete on members referencing old table as old_rows for each statement execute function member_facts_by_member();

-- Facts of the members already there.
insert into member_facts select * from compute_member_facts(array(select id from members));

-- Striking-off warnings read only the held meetings with someone absent without reason
-- (a few percent of them): this index holds just those, so a province-year's look-up
-- reads ~12,000 facts instead of walking every cell's meetings.
create index meeting_facts_unexcused_idx on meeting_facts (unit_id, held_on)
  where recorded and attendance_taken and cardinality(unexcused_member_ids) > 0;
