-- A meeting's roll in SQL follows the organisation as it stood on the meeting's date
-- (unit_ancestry), as src/modules/meetings/meeting-roll.ts does, instead of today's
-- units.path. Two reasons: a past meeting's roll must not move with a later restructuring
-- (the rule of the temporal model), and the roll is now an equality join (ancestor_id =
-- the meeting's unit) that the planner can hash or look up, where the path range was a
-- join of every meeting with every unit: the nation demo's first 100,000 meetings against
-- 318,919 units ran for over 11 minutes (docs/SCALING.md, 30/11 18:18).
-- The three definitions are those of 20261130T0902 (freeze_adopted_rolls,
-- compute_meeting_facts) and 20261201T0600 (meeting_facts_by_member, with its lock order)
-- with that join.

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

  with ms as (
    select m.id, m.unit_id, m.held_on, m.party_group_id
    from meetings m
    join meeting_minutes mm on mm.meeting_id = m.id and mm.adopted_at is not null and mm.attendance_snapshot is null
    where m.id = any(ids) and m.kind in ('regular', 'thematic', 'extraordinary')
      and not exists (select 1 from meeting_roll_at_adoption r where r.meeting_id = m.id)
  ), roll as (
    select ms.id as meeting_id, p.member_id, s.status as member_status
    from ms
    join unit_ancestry ua on ua.ancestor_id = ms.unit_id and ua.valid_from <= ms.held_on and (ua.valid_to is null or ua.valid_to > ms.held_on)
    join member_placements p on p.unit_id = ua.unit_id and p.valid_from <= ms.held_on and (p.valid_to is null or p.valid_to > ms.held_on)
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


-- The per-meeting facts (adopted meetings: their frozen roll; others: the live roll).
create or replace function compute_meeting_facts(ids integer[]) returns setof meeting_facts
language sql stable as $$
  with ms as (
    select m.id, m.unit_id, m.kind, m.held_on, m.status, m.party_group_id,
      exists (select 1 from meeting_minutes mm where mm.meeting_id = m.id and mm.adopted_at is not null) as adopted
    from meetings m
    where m.id = any(ids)
  ), roll as (
    select ms.id as meeting_id, p.member_id, s.status as member_status
    from ms
    join unit_ancestry ua on ua.ancestor_id = ms.unit_id and ua.valid_from <= ms.held_on and (ua.valid_to is null or ua.valid_to > ms.held_on)
    join member_placements p on p.unit_id = ua.unit_id and p.valid_from <= ms.held_on and (p.valid_to is null or p.valid_to > ms.held_on)
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


-- A placement or status dated on or before a meeting changes its roll: refresh the meetings
-- of the units that held the changed placement's unit on their date.
create or replace function meeting_facts_by_member() returns trigger
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
  -- Members before meetings: the lock order of 20261201T0600_perf_lock_order.sql.
  perform 1 from members where id = any(changed) order by id for no key update;
  -- A placement updated or deleted also changes the meetings of the period it covered.
  if tg_table_name = 'member_placements' and tg_op <> 'INSERT' then
    gone := array(select distinct m.id from old_rows o join unit_ancestry ua on ua.unit_id = o.unit_id
      join meetings m on m.unit_id = ua.ancestor_id and m.held_on >= greatest(o.valid_from, ua.valid_from)
        and (o.valid_to is null or m.held_on < o.valid_to) and (ua.valid_to is null or m.held_on < ua.valid_to));
  end if;
  perform refresh_meeting_facts(gone || array(
    select distinct m.id
    from member_placements p
    join unit_ancestry ua on ua.unit_id = p.unit_id
    join meetings m on m.unit_id = ua.ancestor_id and m.held_on >= greatest(p.valid_from, ua.valid_from)
      and (p.valid_to is null or m.held_on < p.valid_to) and (ua.valid_to is null or m.held_on < ua.valid_to)
    where p.member_id = any(changed)));
  return null;
end $$;

