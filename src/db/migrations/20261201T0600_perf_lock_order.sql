-- One lock order for the read models kept by triggers: members, then meetings.
-- A write to member_placements or member_statuses fires meeting_facts_* (which locked the
-- meetings of the member's roll) before member_facts_* (which locks the members: triggers
-- of one event fire in name order), while a write to members locks the member row first
-- and may then refresh meetings. Two such transactions could each hold what the other
-- waits for. meeting_facts_by_member now takes the members' locks (the same FOR NO KEY
-- UPDATE as refresh_member_facts, in id order) before any meeting's, so every trigger
-- path locks members before meetings.
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
  perform 1 from members where id = any(changed) order by id for no key update;
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
