-- Absences without reason kept one row each (issue 7, the national meetings dashboard): the
-- striking-off warnings of a big unit first find the members who reach N months with one,
-- which over the nation's window is 190,000 absences in 175,000 meeting facts — unnesting
-- each fact's member list took most of a second. A narrow row per absence at a held meeting
-- (recorded, attendance taken), kept by a statement trigger on meeting_facts in the writing
-- transaction: a fact's rows are replaced when what they come from changed (not on a
-- check-in, which changes who is present). Read by src/modules/figures/cell-facts.ts.
create table unexcused_absences (
  meeting_id integer not null,
  member_id integer not null,
  unit_id integer not null,
  held_on date not null,
  primary key (meeting_id, member_id)
);
create index unexcused_absences_day_idx on unexcused_absences (held_on, member_id);
create index unexcused_absences_member_idx on unexcused_absences (member_id, held_on);

-- The absences of counted facts among `facts` (every fact when null).
create function compute_unexcused_absences(facts integer[]) returns table (meeting_id integer, member_id integer, unit_id integer, held_on date)
language sql stable as $$
  select distinct f.meeting_id, m.member_id, f.unit_id, f.held_on
  from meeting_facts f cross join lateral unnest(f.unexcused_member_ids) m(member_id)
  where (facts is null or f.meeting_id = any(facts)) and f.recorded and f.attendance_taken
$$;

create function unexcused_absences_by_fact() returns trigger
language plpgsql as $$
declare
  changed integer[];
begin
  if tg_op = 'INSERT' then
    changed := array(select meeting_id from new_rows where cardinality(unexcused_member_ids) > 0);
  elsif tg_op = 'DELETE' then
    changed := array(select meeting_id from old_rows where cardinality(unexcused_member_ids) > 0);
  else
    changed := array(select n.meeting_id from new_rows n join old_rows o using (meeting_id)
      where (n.unit_id, n.held_on, n.recorded, n.attendance_taken, n.unexcused_member_ids)
        is distinct from (o.unit_id, o.held_on, o.recorded, o.attendance_taken, o.unexcused_member_ids));
  end if;
  if cardinality(changed) = 0 then return null; end if;
  delete from unexcused_absences where meeting_id = any(changed);
  insert into unexcused_absences select * from compute_unexcused_absences(changed) order by 1, 2;
  return null;
end $$;

create trigger unexcused_absences_ins after insert on meeting_facts referencing new table as new_rows for each statement execute function unexcused_absences_by_fact();
create trigger unexcused_absences_upd after update on meeting_facts referencing new table as new_rows old table as old_rows for each statement execute function unexcused_absences_by_fact();
create trigger unexcused_absences_del after delete on meeting_facts referencing old table as old_rows for each statement execute function unexcused_absences_by_fact();

create function rebuild_unexcused_absences() returns void
language sql as $$
  truncate unexcused_absences;
  insert into unexcused_absences select * from compute_unexcused_absences(null) order by 1, 2;
$$;

select rebuild_unexcused_absences();
