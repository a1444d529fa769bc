-- A restructuring and a write under the units it moves, at the same moment, no longer
-- misplace the kept counts. Each side's trigger computed its deltas from the other side's
-- committed state (READ COMMITTED): a member added to a cell while its commune moved was
-- counted under the old commune by the one and left behind by the other, until
-- `chibo rebuild-history` put it right. Now the writes of facts (member_facts,
-- meeting_facts) take a shared lock for their units, and a write of ancestry rows an
-- exclusive one for the units whose rows change, both held to the end of the transaction:
-- the later of two such transactions waits for the earlier to commit, and its trigger, a
-- statement later, then reads what the earlier one wrote. PGlite has one connection: the
-- locks are always free there.
-- Transaction-level advisory locks, two-key form (7001, unit id mod 128): a lock per unit
-- would run the server's lock table out of memory (64 × max_connections entries by
-- default; 20,000 advisory locks in one transaction fail on PostgreSQL and on PGlite) in an
-- import of a province's members or a restructuring of thousands of units. 128 at most per
-- transaction; two units of one bucket wait for each other needlessly, never wrongly.
-- Key 7001 is this lock alone (src/db/database-lock.ts uses the one-key form, a separate space).
-- These triggers fire before the subtree_* ones that read the other table: triggers on one
-- event fire in the order of their names, and 'lock_…' sorts before 'subtree_…'.

create function lock_units_for_kept_counts() returns trigger
language plpgsql as $$
declare
  ids integer[] := '{}';
begin
  if tg_op in ('INSERT', 'UPDATE') then
    ids := ids || array(select x from new_rows r cross join lateral (values (r.unit_id), ((to_jsonb(r) ->> 'party_group_id')::int)) v(x) where x is not null);
  end if;
  if tg_op in ('DELETE', 'UPDATE') then
    ids := ids || array(select x from old_rows r cross join lateral (values (r.unit_id), ((to_jsonb(r) ->> 'party_group_id')::int)) v(x) where x is not null);
  end if;
  if tg_argv[0] = 'exclusive' then
    perform pg_advisory_xact_lock(7001, b) from (select distinct u % 128 as b from unnest(ids) u order by 1) x;
  else
    perform pg_advisory_xact_lock_shared(7001, b) from (select distinct u % 128 as b from unnest(ids) u order by 1) x;
  end if;
  return null;
end $$;

create trigger lock_units_member_facts_ins after insert on member_facts referencing new table as new_rows for each statement execute function lock_units_for_kept_counts('shared');
create trigger lock_units_member_facts_del after delete on member_facts referencing old table as old_rows for each statement execute function lock_units_for_kept_counts('shared');
create trigger lock_units_meeting_facts_ins after insert on meeting_facts referencing new table as new_rows for each statement execute function lock_units_for_kept_counts('shared');
create trigger lock_units_meeting_facts_upd after update on meeting_facts referencing new table as new_rows old table as old_rows for each statement execute function lock_units_for_kept_counts('shared');
create trigger lock_units_meeting_facts_del after delete on meeting_facts referencing old table as old_rows for each statement execute function lock_units_for_kept_counts('shared');
create trigger lock_units_ancestry_ins after insert on unit_ancestry referencing new table as new_rows for each statement execute function lock_units_for_kept_counts('exclusive');
create trigger lock_units_ancestry_upd after update on unit_ancestry referencing new table as new_rows old table as old_rows for each statement execute function lock_units_for_kept_counts('exclusive');
create trigger lock_units_ancestry_del after delete on unit_ancestry referencing old table as old_rows for each statement execute function lock_units_for_kept_counts('exclusive');
