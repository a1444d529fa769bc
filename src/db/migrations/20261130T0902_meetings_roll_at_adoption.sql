-- What was adopted stays as adopted (issue 8 item 2). Adopting the minutes freezes the
-- meeting's roll: one row per member on the roll that day, with their status then (full,
-- probationary, exempted, …) and their attendance (present, absent with or without
-- reason, or any category added later: the columns are free text, the register line as
-- adopted is kept whole in `entry`). From then on the register, the minutes, the .docx,
-- the per-meeting facts and every report read these rows, never the live roll: a member
-- placed in the cell later, or a status changed later, does not change an adopted meeting.
-- Attendance changes only through an amendment of the minutes, which rewrites these rows.
create table meeting_roll_at_adoption (
  meeting_id integer not null references meetings(id) on delete cascade,
  member_id integer not null references members(id),
  -- The member's status on the meeting's date (du_bi, chinh_thuc, mien_sinh_hoat, dinh_chi).
  member_status text not null,
  -- The attendance category as adopted (null: nothing recorded).
  attendance text,
  -- The register line as adopted (name, reason, check-in time, source, …).
  entry jsonb not null,
  primary key (meeting_id, member_id)
);
create index meeting_roll_at_adoption_member_idx on meeting_roll_at_adoption (member_id);

-- Freezes, from the live tables, the roll of adopted meetings that have no frozen rows yet:
-- used once below for minutes adopted before this migration (from their attendance
-- snapshot when they kept one, else the roll of their date) and by the demo loader.
-- The live definition is the one of src/modules/meetings/meeting-roll.ts and
-- meeting-attendance.ts (a roll call wins unless a check-in came after it).
create function freeze_adopted_rolls(ids integer[]) returns void
language sql as $$
  insert into meeting_roll_at_adoption (meeting_id, member_id, member_status, attendance, entry)
  select mm.meeting_id, (e->>'memberId')::int, e->>'memberStatus', e->>'attendance', e
  from meeting_minutes mm
  cross join lateral jsonb_array_elements(coalesce(mm.attendance_snapshot->'members', '[]') || coalesce(mm.attendance_snapshot->'apart', '[]')) e
  where mm.meeting_id = any(ids) and mm.adopted_at is not null and mm.attendance_snapshot is not null
    and not exists (select 1 from meeting_roll_at_adoption r where r.meeting_id = mm.meeting_id)
    and exists (select 1 from members x where x.id = (e->>'memberId')::int)
  on conflict do nothing;

  with ms as (
    select m.id, m.unit_id, m.held_on, m.party_group_id, u.path as roll_path
    from meetings m join units u on u.id = m.unit_id
    join meeting_minutes mm on mm.meeting_id = m.id and mm.adopted_at is not null and mm.attendance_snapshot is null
    where m.id = any(ids) and m.kind in ('regular', 'thematic', 'extraordinary')
      and not exists (select 1 from meeting_roll_at_adoption r where r.meeting_id = m.id)
  ), roll as (
    select ms.id as meeting_id, p.member_id, s.status as member_status
    from ms
    join units pu on pu.path ~>=~ ms.roll_path and pu.path ~<~ (left(ms.roll_path, -1) || '0')
    join member_placements p on p.unit_id = pu.id and p.valid_from <= ms.held_on and (p.valid_to is null or p.valid_to > ms.held_on)
    join member_statuses s on s.member_id = p.member_id and s.valid_from <= ms.held_on and (s.valid_to is null or s.valid_to > ms.held_on)
    where s.status in ('du_bi', 'chinh_thuc', 'mien_sinh_hoat', 'dinh_chi') and (ms.party_group_id is null or exists (select 1 from party_group_members gm where gm.party_group_id = ms.party_group_id
      and gm.member_id = p.member_id and gm.valid_from <= ms.held_on and (gm.valid_to is null or gm.valid_to > ms.held_on)))
  )
  insert into meeting_roll_at_adoption (meeting_id, member_id, member_status, attendance, entry)
  select roll.meeting_id, roll.member_id, roll.member_status, x.attendance,
    jsonb_build_object('memberId', roll.member_id, 'fullName', mb.full_name, 'memberStatus', roll.member_status,
      'attendance', x.attendance, 'reason', case when x.from_call then a.reason end,
      'checkedInAt', to_char(c.checked_in_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
      'source', case when x.from_call then 'roll_call' when c.checked_in_at is not null then 'check_in' end)
  from roll
  join members mb on mb.id = roll.member_id
  left join meeting_attendance a on a.meeting_id = roll.meeting_id and a.member_id = roll.member_id
  left join meeting_check_ins c on c.meeting_id = roll.meeting_id and c.member_id = roll.member_id
  cross join lateral (select a.status is not null and (c.checked_in_at is null or a.recorded_at >= c.checked_in_at) as from_call) f
  cross join lateral (select case when f.from_call then a.status when c.checked_in_at is not null then 'present' end as attendance, f.from_call) x
  on conflict do nothing;
$$;

select freeze_adopted_rolls(array(select meeting_id from meeting_minutes where adopted_at is not null));

-- The per-meeting facts of an adopted meeting count its frozen roll; other meetings the
-- live roll as before (20261130T0650_figures_meeting_facts.sql), a party group's meeting
-- the members of the group (20261130T0901). The facts carry the party group, for the
-- rule "the cell met, or every party group met" (src/domain/party-group-compliance.ts).
alter table meeting_facts add column party_group_id integer;
create or replace function compute_meeting_facts(ids integer[]) returns setof meeting_facts
language sql stable as $$
  with ms as (
    select m.id, m.unit_id, m.kind, m.held_on, m.status, m.party_group_id, u.path as roll_path,
      exists (select 1 from meeting_minutes mm where mm.meeting_id = m.id and mm.adopted_at is not null) as adopted
    from meetings m join units u on u.id = m.unit_id
    where m.id = any(ids)
  ), roll as (
    select ms.id as meeting_id, p.member_id, s.status as member_status
    from ms
    -- pu.path like roll_path || '%', as a range the path index serves ('0' follows '/').
    join units pu on pu.path ~>=~ ms.roll_path and pu.path ~<~ (left(ms.roll_path, -1) || '0')
    join member_placements p on p.unit_id = pu.id and p.valid_from <= ms.held_on and (p.valid_to is null or p.valid_to > ms.held_on)
    join member_statuses s on s.member_id = p.member_id and s.valid_from <= ms.held_on and (s.valid_to is null or s.valid_to > ms.held_on)
    where not ms.adopted and ms.kind in ('regular', 'thematic', 'extraordinary') and s.status in ('du_bi', 'chinh_thuc', 'mien_sinh_hoat')
      -- A party group's meeting: the cell's members who belong to the group that day.
      and (ms.party_group_id is null or exists (select 1 from party_group_members gm where gm.party_group_id = ms.party_group_id
      and gm.member_id = p.member_id and gm.valid_from <= ms.held_on and (gm.valid_to is null or gm.valid_to > ms.held_on)))
  ), eff as (
    select roll.meeting_id, roll.member_id, roll.member_status, case
        when a.status is not null and (c.checked_in_at is null or a.recorded_at >= c.checked_in_at) then a.status
        when c.checked_in_at is not null then 'present' end as attendance
    from roll
    left join meeting_attendance a on a.meeting_id = roll.meeting_id and a.member_id = roll.member_id
    left join meeting_check_ins c on c.meeting_id = roll.meeting_id and c.member_id = roll.member_id
    union all
    select r.meeting_id, r.member_id, r.member_status, r.attendance
    from ms join meeting_roll_at_adoption r on r.meeting_id = ms.id
    where ms.adopted and ms.kind in ('regular', 'thematic', 'extraordinary') and r.member_status in ('du_bi', 'chinh_thuc', 'mien_sinh_hoat')
  ), counts as (
    select meeting_id,
      -- Members on duty ('on_duty', allowed by 20261130T0910) are recorded apart and left out
      -- of the ratio's denominator, as summariseAttendance does.
      count(*) filter (where member_status <> 'mien_sinh_hoat' and attendance is distinct from 'on_duty') as expected,
      count(*) filter (where member_status <> 'mien_sinh_hoat' and attendance = 'present') as present,
      count(*) filter (where member_status <> 'mien_sinh_hoat' and attendance = 'absent_excused') as absent_excused,
      count(*) filter (where member_status <> 'mien_sinh_hoat' and attendance = 'absent_unexcused') as absent_unexcused,
      count(*) filter (where member_status = 'mien_sinh_hoat') as exempted,
      coalesce(array_agg(member_id order by member_id) filter (where member_status <> 'mien_sinh_hoat' and attendance = 'absent_unexcused'), '{}') as unexcused
    from eff group by meeting_id
  )
  select ms.id, ms.unit_id, ms.kind, ms.held_on, ms.status = 'planned',
    exists (select 1 from meeting_attendance a where a.meeting_id = ms.id) or exists (select 1 from meeting_check_ins c where c.meeting_id = ms.id)
      or exists (select 1 from meeting_roll_at_adoption r where r.meeting_id = ms.id and r.attendance is not null),
    coalesce(c.expected, 0)::int, coalesce(c.present, 0)::int, coalesce(c.absent_excused, 0)::int, coalesce(c.absent_unexcused, 0)::int,
    coalesce(c.exempted, 0)::int, q.grade, coalesce(c.unexcused, '{}'), ms.party_group_id
  from ms left join counts c on c.meeting_id = ms.id left join meeting_quality q on q.meeting_id = ms.id
$$;

-- Freezing, amending and adopting change the facts in the same transaction.
create trigger meeting_facts_frozen_ins after insert on meeting_roll_at_adoption referencing new table as new_rows for each statement execute function meeting_facts_by_meeting();
create trigger meeting_facts_frozen_upd after update on meeting_roll_at_adoption referencing new table as new_rows old table as old_rows for each statement execute function meeting_facts_by_meeting();
create trigger meeting_facts_frozen_del after delete on meeting_roll_at_adoption referencing old table as old_rows for each statement execute function meeting_facts_by_meeting();
create trigger meeting_facts_minutes_ins after insert on meeting_minutes referencing new table as new_rows for each statement execute function meeting_facts_by_meeting();
create trigger meeting_facts_minutes_upd after update on meeting_minutes referencing new table as new_rows old table as old_rows for each statement execute function meeting_facts_by_meeting();

-- Joining or leaving a party group changes the roll of the group's meetings.
create function meeting_facts_by_group_member() returns trigger
language plpgsql as $$
begin
  if tg_op = 'INSERT' then
    perform refresh_meeting_facts(array(select m.id from meetings m where m.party_group_id in (select party_group_id from new_rows)));
  elsif tg_op = 'UPDATE' then
    perform refresh_meeting_facts(array(select m.id from meetings m where m.party_group_id in (select party_group_id from new_rows union select party_group_id from old_rows)));
  else
    perform refresh_meeting_facts(array(select m.id from meetings m where m.party_group_id in (select party_group_id from old_rows)));
  end if;
  return null;
end $$;
create trigger meeting_facts_group_members_ins after insert on party_group_members referencing new table as new_rows for each statement execute function meeting_facts_by_group_member();
create trigger meeting_facts_group_members_upd after update on party_group_members referencing new table as new_rows old table as old_rows for each statement execute function meeting_facts_by_group_member();
create trigger meeting_facts_group_members_del after delete on party_group_members referencing old table as old_rows for each statement execute function meeting_facts_by_group_member();

select refresh_meeting_facts(array(select id from meetings));
