-- Per-meeting facts for the figures engine (src/modules/figures/): who was expected,
-- present, absent with or without reason, exempted, and the grade — one row per meeting,
-- so a province's year of compliance reads 66,000 rows instead of 1.6 M attendance rows.
--
-- Kept by statement-level triggers in the same transaction as every write that can change
-- them (a roll call, a check-in, a grade, the meeting itself, a member's placement or
-- status dated on or before a meeting), so use cases, imports, the demo's bulk inserts and
-- tests that write the tables directly all keep them true. `refresh_meeting_facts(ids)`
-- recomputes rows from the base tables; calling it for every meeting is the rebuild
-- (src/modules/figures/meeting-facts.ts, `chibo rebuild-figures`).
--
-- The roll is the one of src/modules/meetings/meeting-roll.ts: members placed in the cell
-- (or the party group it met by) and the units below it on the meeting's date. A roll
-- call overrides a self check-in unless the check-in came after it.
create table meeting_facts (
  meeting_id integer primary key references meetings(id) on delete cascade,
  unit_id integer not null references units(id),
  kind text not null,
  held_on date not null,
  -- Not cancelled.
  recorded boolean not null,
  -- A roll call or a check-in exists: a plan alone is not a meeting held.
  attendance_taken boolean not null,
  -- Members on the roll who count (probationary and full), and what they did.
  expected integer not null,
  present integer not null,
  absent_excused integer not null,
  absent_unexcused integer not null,
  -- Members on the roll exempted from activities (miễn sinh hoạt): outside the ratios.
  exempted integer not null,
  grade text,
  -- Who was absent without reason (for striking-off warnings).
  unexcused_member_ids integer[] not null default '{}'
);
create index meeting_facts_unit_idx on meeting_facts (unit_id, held_on);

create function compute_meeting_facts(ids integer[]) returns setof meeting_facts
language sql stable as $$
  with ms as (
    select m.id, m.unit_id, m.kind, m.held_on, m.status, coalesce(g.path, u.path) as roll_path
    from meetings m join units u on u.id = m.unit_id left join units g on g.id = m.party_group_id
    where m.id = any(ids)
  ), roll as (
    select ms.id as meeting_id, p.member_id, s.status as member_status
    from ms
    -- pu.path like roll_path || '%', as a range the path index serves ('0' follows '/').
    join units pu on pu.path ~>=~ ms.roll_path and pu.path ~<~ (left(ms.roll_path, -1) || '0')
    join member_placements p on p.unit_id = pu.id and p.valid_from <= ms.held_on and (p.valid_to is null or p.valid_to > ms.held_on)
    join member_statuses s on s.member_id = p.member_id and s.valid_from <= ms.held_on and (s.valid_to is null or s.valid_to > ms.held_on)
    where ms.kind in ('regular', 'thematic', 'extraordinary') and s.status in ('du_bi', 'chinh_thuc', 'mien_sinh_hoat')
  ), eff as (
    select roll.meeting_id, roll.member_id, roll.member_status, case
        when a.status is not null and (c.checked_in_at is null or a.recorded_at >= c.checked_in_at) then a.status
        when c.checked_in_at is not null then 'present' end as attendance
    from roll
    left join meeting_attendance a on a.meeting_id = roll.meeting_id and a.member_id = roll.member_id
    left join meeting_check_ins c on c.meeting_id = roll.meeting_id and c.member_id = roll.member_id
  ), counts as (
    select meeting_id,
      count(*) filter (where member_status <> 'mien_sinh_hoat') as expected,
      count(*) filter (where member_status <> 'mien_sinh_hoat' and attendance = 'present') as present,
      count(*) filter (where member_status <> 'mien_sinh_hoat' and attendance = 'absent_excused') as absent_excused,
      count(*) filter (where member_status <> 'mien_sinh_hoat' and attendance = 'absent_unexcused') as absent_unexcused,
      count(*) filter (where member_status = 'mien_sinh_hoat') as exempted,
      coalesce(array_agg(member_id order by member_id) filter (where member_status <> 'mien_sinh_hoat' and attendance = 'absent_unexcused'), '{}') as unexcused
    from eff group by meeting_id
  )
  select ms.id, ms.unit_id, ms.kind, ms.held_on, ms.status = 'planned',
    exists (select 1 from meeting_attendance a where a.meeting_id = ms.id) or exists (select 1 from meeting_check_ins c where c.meeting_id = ms.id),
    coalesce(c.expected, 0)::int, coalesce(c.present, 0)::int, coalesce(c.absent_excused, 0)::int, coalesce(c.absent_unexcused, 0)::int,
    coalesce(c.exempted, 0)::int, q.grade, coalesce(c.unexcused, '{}')
  from ms left join counts c on c.meeting_id = ms.id left join meeting_quality q on q.meeting_id = ms.id
$$;

create function refresh_meeting_facts(ids integer[]) returns void
language plpgsql as $$
begin
  if ids is null or cardinality(ids) = 0 then return; end if;
  -- One refresh of a meeting at a time: two members checking in at once would otherwise
  -- each count from a snapshot without the other's check-in (or collide on the key). The
  -- lock waits for the other transaction; the next statements see what it committed.
  -- (NO KEY: check-ins and roll calls referencing the meeting are not blocked.)
  perform 1 from meetings where id = any(ids) order by id for no key update;
  delete from meeting_facts where meeting_id = any(ids);
  insert into meeting_facts select * from compute_meeting_facts(ids);
end $$;

-- Rows of meeting_attendance, meeting_check_ins, meeting_quality: their meetings.
create function meeting_facts_by_meeting() returns trigger
language plpgsql as $$
begin
  if tg_op = 'INSERT' then
    perform refresh_meeting_facts(array(select distinct meeting_id from new_rows));
  elsif tg_op = 'UPDATE' then
    perform refresh_meeting_facts(array(select meeting_id from new_rows union select meeting_id from old_rows));
  else
    perform refresh_meeting_facts(array(select distinct meeting_id from old_rows where exists (select 1 from meetings m where m.id = old_rows.meeting_id)));
  end if;
  return null;
end $$;

create function meeting_facts_by_meeting_row() returns trigger
language plpgsql as $$
begin
  perform refresh_meeting_facts(array(select id from new_rows));
  return null;
end $$;

-- A placement or status dated on or before a meeting changes its roll: refresh the meetings
-- whose roll unit holds (or is) the unit of a changed placement, from the earliest changed date.
create function meeting_facts_by_member() returns trigger
language plpgsql as $$
declare
  changed integer[];
  gone integer[] := '{}';
begin
  if tg_op = 'INSERT' then
    changed := array(select distinct member_id from new_rows);
  elsif tg_op = 'UPDATE' then
    changed := array(select member_id from new_rows union select member_id from old_rows);
  else
    changed := array(select distinct member_id from old_rows);
  end if;
  -- A placement updated or deleted also changes the meetings of the period it covered.
  if tg_table_name = 'member_placements' and tg_op <> 'INSERT' then
    gone := array(select distinct m.id from old_rows o join units pu on pu.id = o.unit_id
      join meetings m on m.unit_id = any(string_to_array(trim(both '/' from pu.path), '/')::int[])
        and m.held_on >= o.valid_from and (o.valid_to is null or m.held_on < o.valid_to));
  end if;
  perform refresh_meeting_facts(gone || array(
    select distinct m.id
    from member_placements p
    join units pu on pu.id = p.unit_id
    join meetings m on m.unit_id = any(string_to_array(trim(both '/' from pu.path), '/')::int[])
      and m.held_on >= p.valid_from and (p.valid_to is null or m.held_on < p.valid_to)
    where p.member_id = any(changed)));
  return null;
end $$;

create trigger meeting_facts_attendance_ins after insert on meeting_attendance referencing new table as new_rows for each statement execute function meeting_facts_by_meeting();
create trigger meeting_facts_attendance_upd after update on meeting_attendance referencing new table as new_rows old table as old_rows for each statement execute function meeting_facts_by_meeting();
create trigger meeting_facts_attendance_del after delete on meeting_attendance referencing old table as old_rows for each statement execute function meeting_facts_by_meeting();
create trigger meeting_facts_check_ins_ins after insert on meeting_check_ins referencing new table as new_rows for each statement execute function meeting_facts_by_meeting();
create trigger meeting_facts_check_ins_upd after update on meeting_check_ins referencing new table as new_rows old table as old_rows for each statement execute function meeting_facts_by_meeting();
create trigger meeting_facts_check_ins_del after delete on meeting_check_ins referencing old table as old_rows for each statement execute function meeting_facts_by_meeting();
create trigger meeting_facts_quality_ins after insert on meeting_quality referencing new table as new_rows for each statement execute function meeting_facts_by_meeting();
create trigger meeting_facts_quality_upd after update on meeting_quality referencing new table as new_rows old table as old_rows for each statement execute function meeting_facts_by_meeting();
create trigger meeting_facts_quality_del after delete on meeting_quality referencing old table as old_rows for each statement execute function meeting_facts_by_meeting();
create trigger meeting_facts_meetings_ins after insert on meetings referencing new table as new_rows for each statement execute function meeting_facts_by_meeting_row();
create trigger meeting_facts_meetings_upd after update on meetings referencing new table as new_rows old table as old_rows for each statement execute function meeting_facts_by_meeting_row();
create trigger meeting_facts_placements_ins after insert on member_placements referencing new table as new_rows for each statement execute function meeting_facts_by_member();
create trigger meeting_facts_placements_upd after update on member_placements referencing new table as new_rows old table as old_rows for each statement execute function meeting_facts_by_member();
create trigger meeting_facts_placements_del after delete on member_placements referencing old table as old_rows for each statement execute function meeting_facts_by_member();
create trigger meeting_facts_statuses_ins after insert on member_statuses referencing new table as new_rows for each statement execute function meeting_facts_by_member();
create trigger meeting_facts_statuses_upd after update on member_statuses referencing new table as new_rows old table as old_rows for each statement execute function meeting_facts_by_member();
create trigger meeting_facts_statuses_del after delete on member_statuses referencing old table as old_rows for each statement execute function meeting_facts_by_member();

-- Facts of existing meetings (a database migrated with meetings already in it).
select refresh_meeting_facts(array(select id from meetings));
