-- One definition of a meeting's live roll (duplicates report D4): freeze_adopted_rolls and
-- compute_meeting_facts each carried the same join of unit_ancestry, member_placements,
-- member_statuses and the party group, as defined in 20261201T0700. Both now read
-- meeting_live_roll, a stable SQL function the planner inlines into the caller's query —
-- only while its argument is a plain value: given a sub-select it is planned on every
-- call (a trigger's refresh of one meeting took 2.0 ms against 1.2), so callers pass
-- their ids and filter the rows.

-- Who was on the roll of each meeting on its date: the members placed in the meeting's unit
-- or a unit under it that day (the organisation as it stood then), with their status, and
-- for a party group's meeting those who belonged to the group that day.
create or replace function meeting_live_roll(ids integer[]) returns table (meeting_id integer, member_id integer, member_status text)
language sql stable as $$
  select m.id, p.member_id, s.status
  from meetings m
  join unit_ancestry ua on ua.ancestor_id = m.unit_id and ua.valid_from <= m.held_on and (ua.valid_to is null or ua.valid_to > m.held_on)
  join member_placements p on p.unit_id = ua.unit_id and p.valid_from <= m.held_on and (p.valid_to is null or p.valid_to > m.held_on)
  join member_statuses s on s.member_id = p.member_id and s.valid_from <= m.held_on and (s.valid_to is null or s.valid_to > m.held_on)
  where m.id = any(ids) and m.kind in ('regular', 'thematic', 'extraordinary')
    and s.status in ('du_bi', 'chinh_thuc', 'mien_sinh_hoat', 'dinh_chi')
    and (m.party_group_id is null or exists (select 1 from party_group_members gm where gm.party_group_id = m.party_group_id
      and gm.member_id = p.member_id and gm.valid_from <= m.held_on and (gm.valid_to is null or gm.valid_to > m.held_on)))
$$;

-- Freezes the roll of adopted meetings that have no frozen rows yet (demo loader; minutes
-- adopted before 20261130T0902).
create or replace function freeze_adopted_rolls(ids integer[]) returns void
language sql as $$
  insert into meeting_roll_at_adoption (meeting_id, member_id, member_status, attendance, entry)
  select mm.meeting_id, (e->>'memberId')::int, e->>'memberStatus', e->>'attendance', e
  from meeting_minutes mm
  cross join lateral jsonb_array_elements(coalesce(mm.attendance_snapshot->'members', '[]') || coalesce(mm.attendance_snapshot->'apart', '[]')) e
  where mm.meeting_id = any(ids) and mm.adopted_at is not null and mm.attendance_snapshot is not null
    and not exists (select 1 from meeting_roll_at_adoption r where r.meeting_id = mm.meeting_id)
    and exists (select 1 from members x where x.id = (e->>'memberId')::int)
  on conflict do nothing;

  with roll as (
    select r.* from meeting_live_roll(ids) r
    join meeting_minutes mm on mm.meeting_id = r.meeting_id and mm.adopted_at is not null and mm.attendance_snapshot is null
    where not exists (select 1 from meeting_roll_at_adoption x where x.meeting_id = r.meeting_id)
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


-- The per-meeting facts (adopted meetings: their frozen roll; others: the live roll).
create or replace function compute_meeting_facts(ids integer[]) returns setof meeting_facts
language sql stable as $$
  with ms as (
    select m.id, m.unit_id, m.kind, m.held_on, m.status, m.party_group_id,
      exists (select 1 from meeting_minutes mm where mm.meeting_id = m.id and mm.adopted_at is not null) as adopted
    from meetings m
    where m.id = any(ids)
  ), roll as (
    -- Suspended members (dinh_chi) are on the roll but not among those expected.
    select r.* from ms join meeting_live_roll(ids) r on r.meeting_id = ms.id where not ms.adopted and r.member_status <> 'dinh_chi'
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
