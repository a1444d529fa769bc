    with cu as materialized (
      select unit_id, valid_from, valid_to from (
    select unit_id, kind, top_id, depth, valid_from, valid_to from (
      select a.unit_id, a.unit_kind as kind, null::int as top_id, a.depth,
        greatest(a.valid_from, $1::date) as valid_from, least(coalesce(a.valid_to, ($2::date + 1)), ($3::date + 1)) as valid_to
      from unit_ancestry a
      where a.ancestor_id = $4::int and a.valid_from < ($5::date + 1) and (a.valid_to is null or a.valid_to > $6::date)
    ) x where valid_from < valid_to) x
      where kind in ('chi_bo', 'chi_bo_co_so')
    ), f as (
      select cu.unit_id, mf.kind, (date_part('year', mf.held_on) * 100 + date_part('month', mf.held_on))::int as month,
        mf.expected, mf.present, mf.grade, mf.party_group_id,
        -- A party group's meeting: the cell's groups existing that day (each must meet that month).
        case when mf.party_group_id is not null then array(select v.unit_id from unit_versions v
          where v.parent_id = mf.unit_id and v.kind = 'to_dang' and v.valid_from <= mf.held_on and (v.valid_to is null or v.valid_to > mf.held_on)) end as groups_then
      from cu join meeting_facts mf on mf.unit_id = cu.unit_id and mf.held_on >= cu.valid_from and mf.held_on < cu.valid_to
      where mf.recorded and mf.attendance_taken and mf.held_on >= $7::date and mf.held_on <= $8::date
        and mf.kind in ('regular', 'thematic', 'extraordinary')
    ), by_cell as (
      select unit_id,
        -- Not distinct (a DISTINCT aggregate forbids hashing the groups): deduplicated when read.
        array_agg(month) filter (where kind = 'regular' and party_group_id is null) as regular_months,
        jsonb_agg(jsonb_build_object('month', month, 'group', party_group_id, 'groups', groups_then))
          filter (where kind = 'regular' and party_group_id is not null) as group_meetings,
        array_agg((month / 100) * 10 + ((month % 100) + 2) / 3) filter (where kind = 'thematic') as thematic_quarters,
        count(*)::int as held, sum(expected)::int as expected, sum(present)::int as present,
        count(*) filter (where grade = 'tot')::int as tot, count(*) filter (where grade = 'kha')::int as kha,
        count(*) filter (where grade = 'trung_binh')::int as trung_binh, count(*) filter (where grade = 'kem')::int as kem,
        count(*) filter (where grade is null)::int as ungraded
      from f group by unit_id
    ), periods as (
      select unit_id, array_agg(valid_from::text order by valid_from) as froms, array_agg(valid_to::text order by valid_from) as tos,
        max(valid_to) as last_to
      from cu group by unit_id
    )
    -- Each cell as one JSON value, not 15 columns: PGlite copies every column of every row
    -- out of its memory on its own (a province-year's request 12% faster), and PostgreSQL
    -- still streams the rows (one document for all of them was 20–40 ms slower there).
    select row_to_json(c) as cell from (select p.unit_id,
      -- The cell's name as it was when it last sat there in the period.
      (select v.name from unit_versions v where v.unit_id = p.unit_id and v.valid_from < p.last_to order by v.valid_from desc limit 1) as name,
      p.froms, p.tos, f.regular_months, f.group_meetings, f.thematic_quarters, coalesce(f.held, 0) as held, coalesce(f.expected, 0) as expected,
      coalesce(f.present, 0) as present, coalesce(f.tot, 0) as tot, coalesce(f.kha, 0) as kha, coalesce(f.trung_binh, 0) as trung_binh,
      coalesce(f.kem, 0) as kem, coalesce(f.ungraded, 0) as ungraded
    from periods p left join by_cell f on f.unit_id = p.unit_id) c
-- parameters: ["2025-01-01","2025-12-31","2025-12-31",42,"2025-12-31","2025-01-01","2025-01-01","2025-12-31"]
