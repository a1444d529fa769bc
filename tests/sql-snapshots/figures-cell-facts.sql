    with cu as materialized (
      select unit_id, top_id, valid_from, valid_to from (
    select unit_id, kind, top_id, depth, valid_from, valid_to from (
      select a.unit_id, a.unit_kind as kind, b.ancestor_id as top_id, a.depth,
        greatest(a.valid_from, coalesce(b.valid_from, a.valid_from), $1::date) as valid_from,
        least(coalesce(a.valid_to, ($2::date + 1)), coalesce(b.valid_to, ($3::date + 1)), ($4::date + 1)) as valid_to
      from unit_ancestry a
      left join unit_ancestry b on a.depth > 0 and b.unit_id = a.unit_id and b.depth = a.depth - 1
        and b.valid_from < coalesce(a.valid_to, ($5::date + 1)) and (b.valid_to is null or b.valid_to > a.valid_from)
      where a.ancestor_id = $6::int and a.valid_from < ($7::date + 1) and (a.valid_to is null or a.valid_to > $8::date)
    ) x where valid_from < valid_to) x
      where kind in ('chi_bo', 'chi_bo_co_so')
    ), f as materialized (
      select cu.unit_id, cu.top_id, mf.kind, (date_part('year', mf.held_on) * 100 + date_part('month', mf.held_on))::int as month,
        mf.expected, mf.present, mf.grade, mf.party_group_id,
        -- A party group's meeting: the cell's groups existing that day (each must meet that month).
        case when mf.party_group_id is not null then array(select v.unit_id from unit_versions v
          where v.parent_id = mf.unit_id and v.kind = 'to_dang' and v.valid_from <= mf.held_on and (v.valid_to is null or v.valid_to > mf.held_on)) end as groups_then
      from cu join meeting_facts mf on mf.unit_id = cu.unit_id and mf.held_on >= cu.valid_from and mf.held_on < cu.valid_to
      where mf.recorded and mf.attendance_taken and mf.held_on >= $9::date and mf.held_on <= $10::date
        and mf.kind in ('regular', 'thematic', 'extraordinary')
    ),
    -- Two plain aggregates over the facts read once, rather than grouping sets: each can
    -- hash its groups (grouping sets over two orders sort the rows twice on PGlite).
    by_cell as (
      select unit_id, top_id,
        -- Not distinct (a DISTINCT aggregate forbids hashing the groups): deduplicated when read.
        array_agg(month) filter (where kind = 'regular' and party_group_id is null) as regular_months,
        jsonb_agg(jsonb_build_object('month', month, 'group', party_group_id, 'groups', groups_then))
          filter (where kind = 'regular' and party_group_id is not null) as group_meetings,
        array_agg((month / 100) * 10 + ((month % 100) + 2) / 3) filter (where kind = 'thematic') as thematic_quarters,
        count(*)::int as held, sum(expected)::int as expected, sum(present)::int as present,
        count(*) filter (where grade = 'tot')::int as tot, count(*) filter (where grade = 'kha')::int as kha,
        count(*) filter (where grade = 'trung_binh')::int as trung_binh, count(*) filter (where grade = 'kem')::int as kem,
        count(*) filter (where grade is null)::int as ungraded
      from f group by unit_id, top_id
    ),
    -- Per month only what the trend shows: attendance.
    by_month as (
      select month, sum(expected)::int as expected, sum(present)::int as present from f group by month
    ), periods as (
      select unit_id, top_id, array_agg(valid_from::text order by valid_from) as froms, array_agg(valid_to::text order by valid_from) as tos,
        max(valid_to) as last_to
      from cu group by unit_id, top_id
    )
    select 'cell_top' as set, p.unit_id, p.top_id, null::int as month,
      null::text as name,
      p.froms, p.tos, f.regular_months, f.group_meetings, f.thematic_quarters, coalesce(f.held, 0) as held, coalesce(f.expected, 0) as expected,
      coalesce(f.present, 0) as present, coalesce(f.tot, 0) as tot, coalesce(f.kha, 0) as kha, coalesce(f.trung_binh, 0) as trung_binh,
      coalesce(f.kem, 0) as kem, coalesce(f.ungraded, 0) as ungraded
    from periods p left join by_cell f on f.unit_id = p.unit_id and f.top_id is not distinct from p.top_id
    union all
    select 'month', null, null, month, null, null, null, null, null, null, 0, expected, present, 0, 0, 0, 0, 0
    from by_month
-- parameters: ["2025-01-01","2025-12-31","2025-12-31","2025-12-31","2025-12-31",42,"2025-12-31","2025-01-01","2025-01-01","2025-12-31"]
