    with cu as materialized (
      -- Almost every cell sat under one sub-unit all period (fast): its figures follow from that
      -- one stretch — its whole months [wf, wt) from its kept rows, the days before and after
      -- (the period cut mid-month, a cell founded mid-month) from its facts. The others (moved
      -- during the period) are cut by month below.
      select unit_id, coalesce(top_id, 0) as top_id, valid_from, valid_to, count(*) over (partition by unit_id) = 1 as fast,
        case when date_part('day', valid_from) = 1 then valid_from else (date_trunc('month', valid_from) + interval '1 month')::date end as wf,
        date_trunc('month', valid_to)::date as wt
      from (
    select unit_id, kind, top_id, depth, valid_from, valid_to from (
      select b.unit_id, b.unit_kind as kind, b.ancestor_id as top_id, b.depth + 1 as depth,
        greatest(b.valid_from, c.valid_from, $1::date) as valid_from, least(coalesce(b.valid_to, ($2::date + 1)), coalesce(c.valid_to, ($3::date + 1)), ($4::date + 1)) as valid_to
      from unit_ancestry c
      -- Each child's rows by key, whatever the planner guesses of the children (its guess of
      -- 75,000 for the nation's 40 made it hash every ancestry row); offset 0 keeps it a loop.
      cross join lateral (select * from unit_ancestry b where b.ancestor_id = c.unit_id
        and b.valid_from < coalesce(c.valid_to, ($5::date + 1)) and (b.valid_to is null or b.valid_to > c.valid_from)
        and b.valid_from < ($6::date + 1) and (b.valid_to is null or b.valid_to > $7::date) offset 0) b
      where c.ancestor_id = $8::int and c.depth = 1 and c.valid_from < ($9::date + 1) and (c.valid_to is null or c.valid_to > $10::date)
      union all
      select a.unit_id, a.unit_kind, null, 0, greatest(a.valid_from, $11::date), least(coalesce(a.valid_to, ($12::date + 1)), ($13::date + 1))
      from unit_ancestry a where a.ancestor_id = $14::int and a.depth = 0 and a.valid_from < ($15::date + 1) and (a.valid_to is null or a.valid_to > $16::date)
    ) x where valid_from < valid_to) x
      where kind in ('chi_bo', 'chi_bo_co_so')
    ), fk as (
      select cu.unit_id, cu.top_id, k.month,
        ("k"."regular_whole" > 0 or ("k"."regular_group" > 0 and cell_month_held_by_groups("k"."unit_id", "k"."month"))) as regular,
        k.thematic, k.held, k.expected, k.present, k.tot, k.kha, k.trung_binh, k.kem, k.ungraded
      from cu join cell_month_facts k on k.unit_id = cu.unit_id and k.month >= cu.wf and k.month < cu.wt
      where cu.fast
    ),
    -- The fast cells' kept rows summed once, three ways: per cell, per sub-unit, per month.
    fk_sets as materialized (
      select grouping(unit_id) = 0 as per_cell, grouping(top_id) = 0 as per_top, unit_id, top_id, month,
        count(*) filter (where regular and month = any($17::date[])) as held_required, count(*) filter (where regular) as held_cells, sum(held)::int as held, sum(expected)::int as expected, sum(present)::int as present, sum(tot)::int as tot,
      sum(kha)::int as kha, sum(trung_binh)::int as trung_binh, sum(kem)::int as kem, sum(ungraded)::int as ungraded
        , sum(thematic) filter (where month >= $18::date and month < $19::date) as "t0"
      from fk group by grouping sets ((unit_id), (top_id), (month))
    ), fk_cell as (
      select * from fk_sets where per_cell
    ), fast_cell as (
      select c.top_id, (c.wf <= $20::date and $21::date < c.wt)::int + (c.wf <= $22::date and $23::date < c.wt)::int + (c.wf <= $24::date and $25::date < c.wt)::int as required, coalesce(f.held_required, 0) as held,
        (c.wf <= $26::date and $27::date <= c.wt)::int as quarters,
        (c.wf <= $28::date and $29::date <= c.wt and coalesce(f."t0", 0) >= $30::int)::int as quarters_met
      from cu c left join fk_cell f on f.unit_id = c.unit_id
      where c.fast
    ), mo as materialized (
      -- The months touched, with their quarter (computed once here, not per row below).
      select g::date as month, (g + interval '1 month')::date as next, date_trunc('quarter', g)::date as quarter
      from generate_series(date_trunc('month', $31::date), $32::date, interval '1 month') g
    ),
    -- The other cells' stretches cut by month; a piece covering its month is whole.
    pc as materialized (
      select cu.unit_id, cu.top_id, mo.month, mo.next, mo.quarter, greatest(cu.valid_from, mo.month) as lo, least(cu.valid_to, mo.next) as hi,
        cu.valid_from <= mo.month and cu.valid_to >= mo.next as whole
      from (select * from cu where not fast offset 0) cu join mo on cu.valid_from < mo.next and cu.valid_to > mo.month
    ),
    -- Pieces under one sub-unit that join up into a whole month (a cell moved between two units under it).
    joined as materialized (
      select unit_id, top_id, month, quarter from pc where not whole group by 1, 2, 3, 4 having sum(hi - lo) = max(next - month)
    ),
    -- A cell's months under a sub-unit throughout, with the kept row.
    wk as materialized (
      select w.unit_id, w.top_id, w.month, w.quarter,
        coalesce(("k"."regular_whole" > 0 or ("k"."regular_group" > 0 and cell_month_held_by_groups("k"."unit_id", "k"."month"))), false) as regular,
        coalesce(k.thematic, 0) as thematic, coalesce(k.held, 0) as held, coalesce(k.expected, 0) as expected,
        coalesce(k.present, 0) as present, coalesce(k.tot, 0) as tot, coalesce(k.kha, 0) as kha,
        coalesce(k.trung_binh, 0) as trung_binh, coalesce(k.kem, 0) as kem, coalesce(k.ungraded, 0) as ungraded
      from (select unit_id, top_id, month, quarter from pc where whole union all select * from joined) w
      left join cell_month_facts k on k.unit_id = w.unit_id and k.month = w.month
    ),
    -- The facts of the days in months not spent under one sub-unit throughout: the other
    -- cells' pieces that do not join up, and the fast cells' days before wf and from wt.
    pf as (
      select p.top_id, p.month, count(*)::int as held, sum(mf.expected)::int as expected, sum(mf.present)::int as present,
        count(*) filter (where mf.grade = 'tot')::int as tot, count(*) filter (where mf.grade = 'kha')::int as kha,
        count(*) filter (where mf.grade = 'trung_binh')::int as trung_binh, count(*) filter (where mf.grade = 'kem')::int as kem,
        count(*) filter (where mf.grade is null)::int as ungraded
      from (
        select unit_id, top_id, month, lo, hi from pc
        where not whole and (unit_id, top_id, month) not in (select unit_id, top_id, month from joined)
        union all
        select cu.unit_id, cu.top_id, date_trunc('month', e.lo)::date, e.lo, e.hi
        from cu cross join lateral (values (cu.valid_from, least(cu.wf, cu.valid_to)), (greatest(cu.wt, cu.wf), cu.valid_to)) e(lo, hi)
        where cu.fast and (cu.valid_from < cu.wf or cu.wt < cu.valid_to) and e.lo < e.hi
      ) p
      join meeting_facts mf on mf.unit_id = p.unit_id and mf.held_on >= p.lo and mf.held_on < p.hi
      where cell_month_counted(mf.kind, mf.recorded, mf.attendance_taken)
      group by 1, 2
    ),
    -- A cell's months under the root throughout: under one sub-unit, or split between two.
    rm as (
      select unit_id, month, quarter, regular, thematic from wk
      union all
      select s.unit_id, s.month, s.quarter,
        coalesce(("k"."regular_whole" > 0 or ("k"."regular_group" > 0 and cell_month_held_by_groups("k"."unit_id", "k"."month"))), false), coalesce(k.thematic, 0)
      from (select unit_id, month, quarter from pc where not whole group by 1, 2, 3 having count(distinct top_id) > 1 and sum(hi - lo) = max(next - month)) s
      left join cell_month_facts k on k.unit_id = s.unit_id and k.month = s.month
    ), rm_q as (
      select unit_id, quarter, count(*) as months,
        count(*) filter (where month = any($33::date[])) as required, count(*) filter (where month = any($34::date[]) and regular) as held,
        sum(thematic) as thematic
      from rm group by 1, 2
    ), by_cell as (
      select unit_id, sum(required) as required, sum(held) as held,
        count(*) filter (where quarter = any($35::date[]) and months = 3) as quarters,
        count(*) filter (where quarter = any($36::date[]) and months = 3 and thematic >= $37::int) as quarters_met
      from rm_q group by 1
    ), by_cell_top as (
      select top_id, count(*) filter (where month = any($38::date[])) as required, count(*) filter (where month = any($39::date[]) and regular) as held
      from wk group by unit_id, top_id
      union all
      select top_id, required, held from fast_cell
    ), by_top as (
      select top_id, sum(held)::int as held, sum(expected)::int as expected, sum(present)::int as present, sum(tot)::int as tot,
      sum(kha)::int as kha, sum(trung_binh)::int as trung_binh, sum(kem)::int as kem, sum(ungraded)::int as ungraded from (
        select top_id, held, expected, present, tot, kha, trung_binh, kem, ungraded from wk
        union all select top_id, held, expected, present, tot, kha, trung_binh, kem, ungraded from fk_sets where per_top
        union all select top_id, held, expected, present, tot, kha, trung_binh, kem, ungraded from pf) x
      group by 1
    ), by_month as (
      select month, sum(expected)::int as expected, sum(present)::int as present from (
        select month, expected, present from wk union all select month, expected, present from fk_sets where month is not null
        union all select month, expected, present from pf) x
      group by 1
    ), month_cells as (
      select month, sum(required)::int as required, sum(held_cells)::int as held_cells from (
        select month, count(*) as required, count(*) filter (where regular) as held_cells from rm where month = any($40::date[]) group by 1
        union all
        select month, 0, held_cells from fk_sets where month = any($41::date[])
        union all
        select m.month, m.required, 0
        from (select array[count(*) filter (where c.wf <= $42::date and $43::date < c.wt), count(*) filter (where c.wf <= $44::date and $45::date < c.wt), count(*) filter (where c.wf <= $46::date and $47::date < c.wt)] as n
              from cu c where c.fast) a
        cross join lateral unnest($48::date[], a.n) as m(month, required)) x
      group by 1
    )
    select 'top' as set, coalesce(t.top_id, c.top_id) as top_id, coalesce(t.held, 0) as held, coalesce(t.expected, 0) as expected,
      coalesce(t.present, 0) as present, coalesce(t.tot, 0) as tot, coalesce(t.kha, 0) as kha, coalesce(t.trung_binh, 0) as trung_binh,
      coalesce(t.kem, 0) as kem, coalesce(t.ungraded, 0) as ungraded,
      coalesce(c.monthly_applicable, 0) as monthly_applicable, coalesce(c.monthly_every, 0) as monthly_every,
      null::int as thematic_applicable, null::int as thematic_every, null::text as month, null::int as required, null::int as held_cells
    from by_top t full join (
      select top_id, count(*) filter (where required > 0)::int as monthly_applicable,
        count(*) filter (where required > 0 and held = required)::int as monthly_every
      from by_cell_top group by 1) c on c.top_id = t.top_id
    union all
    select 'cells', null, null, null, null, null, null, null, null, null,
      count(*) filter (where required > 0)::int, count(*) filter (where required > 0 and held = required)::int,
      count(*) filter (where quarters > 0)::int, count(*) filter (where quarters > 0 and quarters_met = quarters)::int, null, null, null
    from (select required, held, quarters, quarters_met from by_cell union all select required, held, quarters, quarters_met from fast_cell) x
    union all
    select 'month', null, null, coalesce(m.expected, 0), coalesce(m.present, 0), null, null, null, null, null, null, null, null, null,
      to_char(coalesce(m.month, c.month), 'YYYY-MM'), coalesce(c.required, 0), coalesce(c.held_cells, 0)
    from by_month m full join month_cells c on c.month = m.month
-- parameters: ["2025-01-01","2025-12-31","2025-12-31","2025-12-31","2025-12-31","2025-12-31","2025-01-01",42,"2025-12-31","2025-01-01","2025-01-01","2025-12-31","2025-12-31",42,"2025-12-31","2025-01-01",["2025-01-01","2025-02-01","2025-03-01"],"2025-01-01","2025-04-01","2025-01-01","2025-01-01","2025-02-01","2025-02-01","2025-03-01","2025-03-01","2025-01-01","2025-04-01","2025-01-01","2025-04-01",1,"2025-01-01","2025-12-31",["2025-01-01","2025-02-01","2025-03-01"],["2025-01-01","2025-02-01","2025-03-01"],["2025-01-01"],["2025-01-01"],1,["2025-01-01","2025-02-01","2025-03-01"],["2025-01-01","2025-02-01","2025-03-01"],["2025-01-01","2025-02-01","2025-03-01"],["2025-01-01","2025-02-01","2025-03-01"],"2025-01-01","2025-01-01","2025-02-01","2025-02-01","2025-03-01","2025-03-01",["2025-01-01","2025-02-01","2025-03-01"]]
