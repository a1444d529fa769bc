-- Party groups (tổ đảng, issue 8 item 9). A party group is a unit of kind `to_dang` under
-- its cell (created, renamed and closed like any unit: effective-dated versions, events,
-- unit_ancestry). Members stay placed in their cell (member_placements: a transfer is the
-- committee's decision); within it they belong to one party group at a time, effective-
-- dated here. A group meeting's roll is the members placed in the cell on the meeting's
-- date who belong to the group that day (src/modules/meetings/meeting-roll.ts).
create table party_group_members (
  id serial primary key,
  member_id integer not null references members(id),
  party_group_id integer not null references units(id),
  valid_from date not null,
  valid_to date,
  created_by integer references users(id),
  check (valid_to is null or valid_to > valid_from)
);
create index party_group_members_group_idx on party_group_members (party_group_id, valid_from);
create index party_group_members_member_idx on party_group_members (member_id, valid_from);

-- A member leaving the cell leaves its party group the same day, whichever use case ended
-- the placement (transfer, leaving the Party, an import, a restructuring): one rule here.
create function party_group_members_follow_placements() returns trigger
language plpgsql as $$
begin
  delete from party_group_members g using new_rows n, units u
   where n.valid_to is not null and g.member_id = n.member_id and u.id = g.party_group_id and u.parent_id = n.unit_id
     and g.valid_from >= n.valid_to and g.valid_from >= n.valid_from;
  update party_group_members g set valid_to = n.valid_to
    from new_rows n, units u
   where n.valid_to is not null and g.member_id = n.member_id and u.id = g.party_group_id and u.parent_id = n.unit_id
     and g.valid_from < n.valid_to and g.valid_from >= n.valid_from and (g.valid_to is null or g.valid_to > n.valid_to);
  return null;
end $$;
create trigger party_group_members_follow_placements after update on member_placements
  referencing new table as new_rows for each statement execute function party_group_members_follow_placements();
