    with cu as materialized (
      select unit_id, valid_from as vf, valid_to as vt, (case when date_part('day', "valid_from") = 1 then "valid_from" else (date_trunc('month', "valid_from") + interval '1 month')::date end) as wf,
        date_trunc('month', "valid_to")::date as wt
      from (
    select unit_id, kind, top_id, depth, valid_from, valid_to from (
      select a.unit_id, a.unit_kind as kind, null::int as top_id, a.depth,
        greatest(a.valid_from, $1::date) as valid_from, least(coalesce(a.valid_to, ($2::date + 1)), ($3::date + 1)) as valid_to
      from unit_ancestry a
      where a.ancestor_id = $4::int and a.valid_from < ($5::date + 1) and (a.valid_to is null or a.valid_to > $6::date)
    ) x where valid_from < valid_to) x
      where kind in ('chi_bo', 'chi_bo_co_so')
    ), f as (
      -- One row a cell and whole month (its party groups' meetings judged in SQL) …
      select cu.unit_id, (date_part('year', "k"."month") * 100 + date_part('month', "k"."month"))::int as month, ("k"."regular_whole" > 0 or ("k"."regular_group" > 0 and cell_month_held_by_groups("k"."unit_id", "k"."month"))) as regular, null::jsonb as group_meeting,
        k.thematic, k.held, k.expected, k.present, k.tot, k.kha, k.trung_binh, k.kem, k.ungraded
      from cu join cell_month_facts k on k.unit_id = cu.unit_id and k.month >= cu.wf and k.month < cu.wt
      union all
      -- … and one a held meeting on the days outside them, a party group's with the cell's
      -- groups existing that day (each must meet that month: judged when read, heldMonths).
      select cu.unit_id, m.month, mf.kind = 'regular' and mf.party_group_id is null,
        case when mf.kind = 'regular' and mf.party_group_id is not null then jsonb_build_object('month', m.month, 'group', mf.party_group_id,
          'groups', array(select v.unit_id from unit_versions v
            where v.parent_id = mf.unit_id and v.kind = 'to_dang' and v.valid_from <= mf.held_on and (v.valid_to is null or v.valid_to > mf.held_on))) end,
        (mf.kind = 'thematic')::int, 1, mf.expected, mf.present, (mf.grade = 'tot')::int, (mf.grade = 'kha')::int, (mf.grade = 'trung_binh')::int, (mf.grade = 'kem')::int,
        (mf.grade is null)::int
      from cu cross join lateral (values ("cu"."vf", least("cu"."wf", "cu"."vt")), (greatest("cu"."wt", "cu"."wf"), "cu"."vt")) p(lo, hi)
      join meeting_facts mf on mf.unit_id = cu.unit_id and mf.held_on >= p.lo and mf.held_on < p.hi
      cross join lateral (select (date_part('year', "mf"."held_on") * 100 + date_part('month', "mf"."held_on"))::int as month) m
      where ("cu"."vf" < "cu"."wf" or "cu"."wt" < "cu"."vt") and p.lo < p.hi and cell_month_counted(mf.kind, mf.recorded, mf.attendance_taken)
    ), by_cell as (
      select unit_id,
        -- Not distinct (a DISTINCT aggregate forbids hashing the groups): deduplicated when read.
        array_agg(month) filter (where regular) as regular_months,
        jsonb_agg(group_meeting) filter (where group_meeting is not null) as group_meetings,
        array_agg((month / 100) * 10 + ((month % 100) + 2) / 3) filter (where thematic > 0) as thematic_quarters,
        array_agg(thematic) filter (where thematic > 0) as thematic_counts, sum(held)::int as held, sum(expected)::int as expected, sum(present)::int as present, sum(tot)::int as tot,
      sum(kha)::int as kha, sum(trung_binh)::int as trung_binh, sum(kem)::int as kem, sum(ungraded)::int as ungraded
      from f group by unit_id
    ), periods as (
      select unit_id, min(vf) as first_from, max(vt) as last_to, count(*) > 1 as moved from cu group by unit_id
    ), moved as (
      -- The stretches of the cells with more than one (few): an array per cell costs a sort each.
      select unit_id, array_agg(vf::text order by vf) as froms, array_agg(vt::text order by vf) as tos
      from cu where unit_id in (select unit_id from periods where moved) group by unit_id
    )
    -- Each cell as one JSON value, not 15 columns: PGlite copies every column of every row
    -- out of its memory on its own (a province-year's request 12% faster), and PostgreSQL
    -- still streams the rows (one document for all of them was 20–40 ms slower there).
    select row_to_json(c) as cell from (select p.unit_id,
      -- The cell's name as it was when it last sat there in the period.
      (select v.name from unit_versions v where v.unit_id = p.unit_id and v.valid_from < p.last_to order by v.valid_from desc limit 1) as name,
      coalesce(m.froms, array[p.first_from::text]) as froms, coalesce(m.tos, array[p.last_to::text]) as tos,
      f.regular_months, f.group_meetings, f.thematic_quarters, f.thematic_counts, coalesce(f.held, 0) as held,
      coalesce(f.expected, 0) as expected, coalesce(f.present, 0) as present, coalesce(f.tot, 0) as tot, coalesce(f.kha, 0) as kha,
      coalesce(f.trung_binh, 0) as trung_binh, coalesce(f.kem, 0) as kem, coalesce(f.ungraded, 0) as ungraded
    from periods p left join by_cell f on f.unit_id = p.unit_id left join moved m on m.unit_id = p.unit_id) c
-- parameters: ["2025-01-01","2025-12-31","2025-12-31",42,"2025-12-31","2025-01-01"]
