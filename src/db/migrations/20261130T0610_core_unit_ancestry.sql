-- The temporal organisation model: on [valid_from, valid_to) `ancestor_id` is the
-- `depth`-th ancestor of `unit_id` (depth 0 = the unit itself), with both kinds as they
-- were then. Derived from unit_versions (src/modules/org-history/keep-ancestry.ts keeps it
-- in every restructuring's transaction; `chibo rebuild-history` recomputes it). No foreign
-- keys: it is a read model, rebuilt from unit_versions, never written on its own.
create table unit_ancestry (
  unit_id integer not null,
  ancestor_id integer not null,
  depth integer not null,
  unit_kind text not null,
  ancestor_kind text not null,
  valid_from date not null,
  valid_to date,
  -- "All units under X on D": a range scan on (ancestor_id, valid_from <= D).
  primary key (ancestor_id, valid_from, unit_id)
);
-- "The ancestors of U on D".
create index unit_ancestry_unit_idx on unit_ancestry (unit_id, valid_from);

-- The existing history, by the same derivation as rebuildUnitAncestry (keep-ancestry.ts).
insert into unit_ancestry (unit_id, ancestor_id, depth, unit_kind, ancestor_kind, valid_from, valid_to)
with recursive chain(unit_id, ancestor_id, depth, unit_kind, ancestor_kind, next_id, seen, valid_from, valid_to) as (
  select v.unit_id, v.unit_id, 0, v.kind, v.kind, v.parent_id, array[v.unit_id], v.valid_from, v.valid_to
    from unit_versions v
   where (v.valid_to is null or v.valid_to > v.valid_from)
  union all
  select c.unit_id, p.unit_id, c.depth + 1, c.unit_kind, p.kind, p.parent_id, c.seen || p.unit_id,
         greatest(c.valid_from, p.valid_from), least(c.valid_to, p.valid_to)
    from chain c
    join unit_versions p on p.unit_id = c.next_id
     and (p.valid_to is null or p.valid_to > c.valid_from)
     and (c.valid_to is null or p.valid_from < c.valid_to)
     and (p.valid_to is null or p.valid_to > p.valid_from)
   where not (p.unit_id = any(c.seen))
),
marked as (
  select c.*, case when lag(c.valid_to) over w = c.valid_from then 0 else 1 end as starts
    from chain c
  window w as (partition by c.unit_id, c.ancestor_id, c.depth, c.unit_kind, c.ancestor_kind order by c.valid_from)
),
islands as (
  select m.*, sum(m.starts) over (partition by m.unit_id, m.ancestor_id, m.depth, m.unit_kind, m.ancestor_kind order by m.valid_from) as island
    from marked m
)
select unit_id, ancestor_id, depth, unit_kind, ancestor_kind, min(valid_from),
       case when bool_or(valid_to is null) then null else max(valid_to) end
  from islands
 group by unit_id, ancestor_id, depth, unit_kind, ancestor_kind, island;

-- The versions a restructuring event wrote: the units whose ancestry it must rebuild.
create index unit_versions_event_idx on unit_versions (event_id);
