-- Per-subtree member counts, kept in the same transaction as every write (issue 7, lane
-- perf): the national dashboard and the top of the tree read a few rows per unit instead
-- of scanning the 5.6 M member facts under the root.
--
-- What is kept ("set A"): for every ancestry row in force with no end (unit_ancestry,
-- valid_to null — whatever its valid_from) and every member fact with no end in that unit
-- (member_facts, valid_to null — whatever its valid_from) whose status is not a leaving
-- one, +1 on the ancestor, in each dimension:
--   s  status                         — for every ancestor;
--   b  sex:born_ymd                   — the next ones only for ancestors whose kind (in
--   e  ethnicity                        that ancestry row) is the whole party, a province
--   r  religion                         or an organisation directly under the Central
--   d  education (khong_ro if none)     Committee (subtree_counts_all_dims): the big
--   t  theory level (khong_ro if none)  subtrees. Below them a scan of member_facts is
--   a  admitted_ymd ('' if none)        already fast (a commune: ~2,000 rows).
-- Ages and party ages are computed from b and a on the date asked, so the kept rows do not
-- age. Figures on a date D are then exact from A: count(D) = |A| − |A \ B| + |B \ A| with B
-- the facts in force on D under the ancestry in force on D; A \ B and B \ A are only the
-- facts and ancestry rows that start after D or have an end (few for a recent D), read
-- through the partial indexes below (src/modules/figures/kept-member-counts.ts).
--
-- Rows are only inserted (signed deltas, summed when read): no row is a hot spot that
-- every member write in the country would wait on. compact_subtree_member_counts(id)
-- folds an ancestor's rows into one per key (the demo loader and `chibo rebuild-history`
-- call it); rebuild_subtree_member_counts() recomputes everything, and
-- `chibo rebuild-history` checks kept = recomputed.
create table subtree_member_counts (
  ancestor_id integer not null,
  dim text not null,
  key text not null,
  n integer not null
);
create index subtree_member_counts_idx on subtree_member_counts (ancestor_id, dim);

create function subtree_counts_all_dims(kind text) returns boolean
language sql immutable as $$ select kind in ('toan_dang', 'dang_bo_tinh', 'dang_bo_truc_thuoc_tw') $$;

create function member_leaving(status text) returns boolean
language sql immutable as $$ select status in ('chuyen_di', 'xoa_ten', 'khai_tru', 'tu_tran') $$;

-- The (dim, key) pairs a fact adds to an ancestor of that kind.
create function member_count_keys(ancestor_kind text, status text, sex text, born_ymd integer, ethnicity text, religion text,
  education text, theory_level text, admitted_ymd integer) returns table (dim text, key text)
language sql immutable as $$
  select d.dim, d.key from (values
      ('s', status),
      ('b', sex || ':' || born_ymd),
      ('e', ethnicity),
      ('r', religion),
      ('d', coalesce(nullif(education, ''), 'khong_ro')),
      ('t', coalesce(theory_level, 'khong_ro')),
      ('a', coalesce(admitted_ymd::text, ''))) d(dim, key)
   where d.dim = 's' or subtree_counts_all_dims(ancestor_kind)
$$;

-- Everything kept, computed from member_facts and unit_ancestry.
create function compute_subtree_member_counts() returns table (ancestor_id integer, dim text, key text, n integer)
language sql stable as $$
  select a.ancestor_id, k.dim, k.key, count(*)::int
    from member_facts f
    join unit_ancestry a on a.unit_id = f.unit_id and a.valid_to is null
    cross join lateral member_count_keys(a.ancestor_kind, f.status, f.sex, f.born_ymd, f.ethnicity, f.religion, f.education, f.theory_level, f.admitted_ymd) k
   where f.valid_to is null and not member_leaving(f.status)
   group by 1, 2, 3
$$;

create function compact_subtree_member_counts(ids integer[]) returns void
language sql as $$
  with gone as (delete from subtree_member_counts where ancestor_id = any(ids) returning *)
  insert into subtree_member_counts
  select ancestor_id, dim, key, sum(n)::int from gone group by 1, 2, 3 having sum(n) <> 0 order by 1, 2, 3
$$;

create function rebuild_subtree_member_counts() returns void
language sql as $$
  truncate subtree_member_counts;
  insert into subtree_member_counts select * from compute_subtree_member_counts() order by 1, 2, 3;
$$;

-- Member facts written (refresh_member_facts deletes and inserts a member's rows): +1 for
-- each open fact inserted, −1 for each deleted, on each open ancestor of its unit.
create function subtree_counts_by_fact() returns trigger
language plpgsql as $$
begin
  if tg_op = 'INSERT' then
    insert into subtree_member_counts
    select a.ancestor_id, k.dim, k.key, count(*)::int
      from new_rows f join unit_ancestry a on a.unit_id = f.unit_id and a.valid_to is null
      cross join lateral member_count_keys(a.ancestor_kind, f.status, f.sex, f.born_ymd, f.ethnicity, f.religion, f.education, f.theory_level, f.admitted_ymd) k
     where f.valid_to is null and not member_leaving(f.status)
     group by 1, 2, 3;
  else
    insert into subtree_member_counts
    select a.ancestor_id, k.dim, k.key, -count(*)::int
      from old_rows f join unit_ancestry a on a.unit_id = f.unit_id and a.valid_to is null
      cross join lateral member_count_keys(a.ancestor_kind, f.status, f.sex, f.born_ymd, f.ethnicity, f.religion, f.education, f.theory_level, f.admitted_ymd) k
     where f.valid_to is null and not member_leaving(f.status)
     group by 1, 2, 3;
  end if;
  return null;
end $$;

-- Ancestry rows written (every restructuring rebuilds its units' rows): the open facts of
-- the unit move with its open ancestry rows.
create function subtree_counts_by_ancestry() returns trigger
language plpgsql as $$
begin
  if tg_op = 'INSERT' then
    insert into subtree_member_counts
    select a.ancestor_id, k.dim, k.key, count(*)::int
      from new_rows a join member_facts f on f.unit_id = a.unit_id and f.valid_to is null and not member_leaving(f.status)
      cross join lateral member_count_keys(a.ancestor_kind, f.status, f.sex, f.born_ymd, f.ethnicity, f.religion, f.education, f.theory_level, f.admitted_ymd) k
     where a.valid_to is null
     group by 1, 2, 3;
  elsif tg_op = 'DELETE' then
    insert into subtree_member_counts
    select a.ancestor_id, k.dim, k.key, -count(*)::int
      from old_rows a join member_facts f on f.unit_id = a.unit_id and f.valid_to is null and not member_leaving(f.status)
      cross join lateral member_count_keys(a.ancestor_kind, f.status, f.sex, f.born_ymd, f.ethnicity, f.religion, f.education, f.theory_level, f.admitted_ymd) k
     where a.valid_to is null
     group by 1, 2, 3;
  else
    insert into subtree_member_counts
    select x.ancestor_id, k.dim, k.key, sum(x.sign)::int
      from (select *, 1 as sign from new_rows union all select *, -1 from old_rows) x
      join member_facts f on f.unit_id = x.unit_id and f.valid_to is null and not member_leaving(f.status)
      cross join lateral member_count_keys(x.ancestor_kind, f.status, f.sex, f.born_ymd, f.ethnicity, f.religion, f.education, f.theory_level, f.admitted_ymd) k
     where x.valid_to is null
     group by 1, 2, 3 having sum(x.sign) <> 0;
  end if;
  return null;
end $$;

create trigger subtree_counts_facts_ins after insert on member_facts referencing new table as new_rows for each statement execute function subtree_counts_by_fact();
create trigger subtree_counts_facts_del after delete on member_facts referencing old table as old_rows for each statement execute function subtree_counts_by_fact();
create trigger subtree_counts_ancestry_ins after insert on unit_ancestry referencing new table as new_rows for each statement execute function subtree_counts_by_ancestry();
create trigger subtree_counts_ancestry_upd after update on unit_ancestry referencing new table as new_rows old table as old_rows for each statement execute function subtree_counts_by_ancestry();
create trigger subtree_counts_ancestry_del after delete on unit_ancestry referencing old table as old_rows for each statement execute function subtree_counts_by_ancestry();

-- The corrections' look-ups: open facts that start late, facts with an end; open ancestry
-- rows that start late under an ancestor, ancestry rows with an end.
create index member_facts_open_from_idx on member_facts (valid_from) where valid_to is null;
create index member_facts_ended_idx on member_facts (valid_to, valid_from) where valid_to is not null;
create index unit_ancestry_ended_idx on unit_ancestry (ancestor_id, valid_to) where valid_to is not null;

select rebuild_subtree_member_counts();
