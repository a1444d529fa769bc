-- Armed-forces members on duty (đảng viên trong lực lượng vũ trang đi làm nhiệm vụ): HD 12
-- records them apart at the roll call and leaves them out of the attendance ratio, like
-- the exempted. A roll-call status of its own, chosen by the secretary.
alter table meeting_attendance drop constraint meeting_attendance_status_check;
alter table meeting_attendance add constraint meeting_attendance_status_check
  check (status in ('present', 'absent_excused', 'absent_unexcused', 'on_duty'));

-- The per-meeting facts leave members on duty out of `expected` (the ratio's denominator),
-- as src/domain/meeting-attendance.ts summariseAttendance does. Otherwise the function of
-- 20261130T0902 (frozen roll of adopted meetings, party-group rolls).
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

select refresh_meeting_facts(array(select id from meetings));
