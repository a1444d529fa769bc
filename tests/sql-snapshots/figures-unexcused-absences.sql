    with by_facts as materialized (
      -- Ordered by day so the day index is walked and left after N rows: a bitmap scan (the
      -- generic plan's pick) reads the whole range first (a province's 12,000 for a commune's 11).
      select (select count(*) from (select 1 from unexcused_absences e where "e"."held_on" >= $1::date and "e"."held_on" <= $2::date order by e.held_on limit (select coalesce(sum(s.n), 0) from subtree_island_shapes s where s.ancestor_id = $3::int)) x) < (select coalesce(sum(s.n), 0) from subtree_island_shapes s where s.ancestor_id = $4::int) as yes
    ), cu as (
      select unit_id, valid_from, valid_to from (
    select unit_id, kind, top_id, depth, valid_from, valid_to from (
      select a.unit_id, a.unit_kind as kind, null::int as top_id, a.depth,
        greatest(a.valid_from, $5::date) as valid_from, least(coalesce(a.valid_to, ($6::date + 1)), ($7::date + 1)) as valid_to
      from unit_ancestry a
      where a.ancestor_id = $8::int and a.valid_from < ($9::date + 1) and (a.valid_to is null or a.valid_to > $10::date)
    ) x where valid_from < valid_to) x
      where kind in ('chi_bo', 'chi_bo_co_so') and not (select yes from by_facts)
    ), reached as materialized (
      select member_id from (select distinct member_id, month_index(held_on) as m from (select e.member_id, e.held_on from unexcused_absences e where "e"."held_on" >= $11::date and "e"."held_on" <= $12::date and (select yes from by_facts)) r) d
      group by member_id
      -- A window ends in a month of the period (strikeOffMonths): an absence from from's month on.
      having max(m) >= month_index($13::date) and count(*) >= $14::int
    ), ab as materialized (
      select a.member_id, mf.unit_id, mf.held_on
      from cu join meeting_facts mf on mf.unit_id = cu.unit_id and mf.held_on >= cu.valid_from and mf.held_on < cu.valid_to
      cross join lateral unnest(mf.unexcused_member_ids) as a(member_id)
      where mf.recorded and mf.attendance_taken and cardinality(mf.unexcused_member_ids) > 0 and "mf"."held_on" >= $15::date and "mf"."held_on" <= $16::date
      union all
      select w.member_id, w.unit_id, w.held_on
      from reached r
      cross join lateral (select * from unexcused_absences w where w.member_id = r.member_id and "w"."held_on" >= $17::date and "w"."held_on" <= $18::date offset 0) w
      -- Each one's cell under the root that day by key (the planner would hash the root's 390,000 rows).
      cross join lateral (select 1 from unit_ancestry a where a.unit_id = w.unit_id and a.ancestor_id = $19::int
          and a.valid_from <= w.held_on and (a.valid_to is null or a.valid_to > w.held_on) and is_cell_kind(a.unit_kind) limit 1) a
    ), flagged as (select member_id from (select distinct member_id, month_index(held_on) as m from ab r) d
      group by member_id
      -- A window ends in a month of the period (strikeOffMonths): an absence from from's month on.
      having max(m) >= month_index($20::date) and count(*) >= $21::int)
    select ab.member_id, mb.full_name, ab.unit_id, ab.held_on
    from ab join flagged using (member_id) join members mb on mb.id = ab.member_id
    order by ab.held_on, ab.member_id
-- parameters: ["2024-02-01","2025-12-31",42,42,"2024-02-01","2025-12-31","2025-12-31",42,"2025-12-31","2024-02-01","2024-02-01","2025-12-31","2025-01-01",3,"2024-02-01","2025-12-31","2024-02-01","2025-12-31",42,"2025-01-01",3]
