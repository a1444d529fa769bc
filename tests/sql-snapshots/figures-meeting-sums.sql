    with cu as materialized (
      select unit_id, coalesce(top_id, 0) as top_id, valid_from, valid_to from (
    select unit_id, kind, top_id, depth, valid_from, valid_to from (
      select a.unit_id, a.unit_kind as kind, b.ancestor_id as top_id, a.depth,
        greatest(a.valid_from, coalesce(b.valid_from, a.valid_from), $1::date) as valid_from,
        least(coalesce(a.valid_to, ($2::date + 1)), coalesce(b.valid_to, ($3::date + 1)), ($4::date + 1)) as valid_to
      from unit_ancestry a
      left join unit_ancestry b on a.depth > 0 and b.unit_id = a.unit_id and b.depth = a.depth - 1
        and b.valid_from < coalesce(a.valid_to, ($5::date + 1)) and (b.valid_to is null or b.valid_to > a.valid_from)
        -- b's ancestor is a child of the root during the period: read through the key by those
        -- few ancestors, rather than hashing every ancestry row (1.8 M at the nation).
        and b.ancestor_id in (select c.unit_id from unit_ancestry c where c.ancestor_id = $6::int and c.depth = 1
          and c.valid_from < ($7::date + 1) and (c.valid_to is null or c.valid_to > $8::date))
      where a.ancestor_id = $9::int and a.valid_from < ($10::date + 1) and (a.valid_to is null or a.valid_to > $11::date)
    ) x where valid_from < valid_to) x
      where kind in ('chi_bo', 'chi_bo_co_so')
    ), mo as materialized (
      -- The months touched, with their quarter (computed once here, not per row below).
      select g::date as month, (g + interval '1 month')::date as next, date_trunc('quarter', g)::date as quarter
      from generate_series(date_trunc('month', $12::date), $13::date, interval '1 month') g
    ),
    -- Each stretch cut by month; a piece covering its month is whole.
    pc as materialized (
      select cu.unit_id, cu.top_id, mo.month, mo.next, mo.quarter, greatest(cu.valid_from, mo.month) as lo, least(cu.valid_to, mo.next) as hi,
        cu.valid_from <= mo.month and cu.valid_to >= mo.next as whole
      from cu join mo on cu.valid_from < mo.next and cu.valid_to > mo.month
    ),
    -- Pieces under one sub-unit that join up into a whole month (a cell moved between two units under it).
    joined as materialized (
      select unit_id, top_id, month, quarter from pc where not whole group by 1, 2, 3, 4 having sum(hi - lo) = max(next - month)
    ),
    -- A cell's months under a sub-unit throughout, with the kept row.
    wk as materialized (
      select w.unit_id, w.top_id, w.month, w.quarter,
        coalesce(k.regular_whole > 0 or (k.regular_group > 0 and cell_month_held_by_groups(w.unit_id, w.month)), false) as regular,
        coalesce(k.thematic, 0) as thematic, coalesce(k.held, 0) as held, coalesce(k.expected, 0) as expected,
        coalesce(k.present, 0) as present, coalesce(k.tot, 0) as tot, coalesce(k.kha, 0) as kha,
        coalesce(k.trung_binh, 0) as trung_binh, coalesce(k.kem, 0) as kem, coalesce(k.ungraded, 0) as ungraded
      from (select unit_id, top_id, month, quarter from pc where whole union all select * from joined) w
      left join cell_month_facts k on k.unit_id = w.unit_id and k.month = w.month
    ),
    -- The facts of the other pieces' days.
    pf as (
      select pc.top_id, pc.month, count(*)::int as held, sum(mf.expected)::int as expected, sum(mf.present)::int as present,
        count(*) filter (where mf.grade = 'tot')::int as tot, count(*) filter (where mf.grade = 'kha')::int as kha,
        count(*) filter (where mf.grade = 'trung_binh')::int as trung_binh, count(*) filter (where mf.grade = 'kem')::int as kem,
        count(*) filter (where mf.grade is null)::int as ungraded
      from pc join meeting_facts mf on mf.unit_id = pc.unit_id and mf.held_on >= pc.lo and mf.held_on < pc.hi
      where not pc.whole and (pc.unit_id, pc.top_id, pc.month) not in (select unit_id, top_id, month from joined)
        and cell_month_counted(mf.kind, mf.recorded, mf.attendance_taken)
      group by 1, 2
    ),
    -- A cell's months under the root throughout: under one sub-unit, or split between two.
    rm as (
      select unit_id, month, quarter, regular, thematic from wk
      union all
      select s.unit_id, s.month, s.quarter,
        coalesce(k.regular_whole > 0 or (k.regular_group > 0 and cell_month_held_by_groups(s.unit_id, s.month)), false), coalesce(k.thematic, 0)
      from (select unit_id, month, quarter from pc where not whole group by 1, 2, 3 having count(distinct top_id) > 1 and sum(hi - lo) = max(next - month)) s
      left join cell_month_facts k on k.unit_id = s.unit_id and k.month = s.month
    ), rm_q as (
      select unit_id, quarter, count(*) as months,
        count(*) filter (where month = any($14::date[])) as required, count(*) filter (where month = any($15::date[]) and regular) as held,
        sum(thematic) as thematic
      from rm group by 1, 2
    ), by_cell as (
      select unit_id, sum(required) as required, sum(held) as held,
        count(*) filter (where quarter = any($16::date[]) and months = 3) as quarters,
        count(*) filter (where quarter = any($17::date[]) and months = 3 and thematic >= $18::int) as quarters_met
      from rm_q group by 1
    ), by_cell_top as (
      select top_id, count(*) filter (where month = any($19::date[])) as required, count(*) filter (where month = any($20::date[]) and regular) as held
      from wk group by unit_id, top_id
    ), by_top as (
      select top_id, sum(held)::int as held, sum(expected)::int as expected, sum(present)::int as present, sum(tot)::int as tot,
      sum(kha)::int as kha, sum(trung_binh)::int as trung_binh, sum(kem)::int as kem, sum(ungraded)::int as ungraded from (
        select top_id, held, expected, present, tot, kha, trung_binh, kem, ungraded from wk
        union all select top_id, held, expected, present, tot, kha, trung_binh, kem, ungraded from pf) x
      group by 1
    ), by_month as (
      select month, sum(expected)::int as expected, sum(present)::int as present from (
        select month, expected, present from wk union all select month, expected, present from pf) x
      group by 1
    ), month_cells as (
      select month, count(*)::int as required, count(*) filter (where regular)::int as held_cells from rm where month = any($21::date[]) group by 1
    )
    select 'top' as set, t.top_id, t.held, t.expected, t.present, t.tot, t.kha, t.trung_binh, t.kem, t.ungraded,
      coalesce(c.monthly_applicable, 0) as monthly_applicable, coalesce(c.monthly_every, 0) as monthly_every,
      null::int as thematic_applicable, null::int as thematic_every, null::text as month, null::int as required, null::int as held_cells
    from by_top t left join (
      select top_id, count(*) filter (where required > 0)::int as monthly_applicable,
        count(*) filter (where required > 0 and held = required)::int as monthly_every
      from by_cell_top group by 1) c on c.top_id = t.top_id
    union all
    select 'cells', null, null, null, null, null, null, null, null, null,
      count(*) filter (where required > 0)::int, count(*) filter (where required > 0 and held = required)::int,
      count(*) filter (where quarters > 0)::int, count(*) filter (where quarters > 0 and quarters_met = quarters)::int, null, null, null
    from by_cell
    union all
    select 'month', null, null, coalesce(m.expected, 0), coalesce(m.present, 0), null, null, null, null, null, null, null, null, null,
      to_char(coalesce(m.month, c.month), 'YYYY-MM'), coalesce(c.required, 0), coalesce(c.held_cells, 0)
    from by_month m full join month_cells c on c.month = m.month
-- parameters: ["2025-01-01","2025-12-31","2025-12-31","2025-12-31","2025-12-31",42,"2025-12-31","2025-01-01",42,"2025-12-31","2025-01-01","2025-01-01","2025-12-31",["2025-01-01","2025-02-01","2025-03-01"],["2025-01-01","2025-02-01","2025-03-01"],["2025-01-01"],["2025-01-01"],1,["2025-01-01","2025-02-01","2025-03-01"],["2025-01-01","2025-02-01","2025-03-01"],["2025-01-01","2025-02-01","2025-03-01"]]
