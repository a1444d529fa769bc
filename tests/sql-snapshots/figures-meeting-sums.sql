    with cu as materialized (
      select unit_id, coalesce(top_id, 0) as top_id, valid_from as vf, valid_to as vt, count(*) over (partition by unit_id) as stretches,
        (case when date_part('day', "valid_from") = 1 then "valid_from" else (date_trunc('month', "valid_from") + interval '1 month')::date end) as wf,
        date_trunc('month', "valid_to")::date as wt
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
    ),
    -- Islands under a sub-unit: a cell's one stretch as it is; the others' touching stretches joined.
    isl as (
      select unit_id, top_id, vf, vt, true as single, wf, wt from cu where stretches = 1
      union all
      select unit_id, top_id, vf, vt, false, wf, wt from (select "unit_id", "top_id", vf, vt, (case when date_part('day', "vf") = 1 then "vf" else (date_trunc('month', "vf") + interval '1 month')::date end) as wf,
        date_trunc('month', "vt")::date as wt from (
        select "unit_id", "top_id", min(vf) as vf, max(vt) as vt from (
          select *, sum(starts) over (partition by "unit_id", "top_id" order by vf) as island from (
            select *, case when vf = lag(vt) over (partition by "unit_id", "top_id" order by vf) then 0 else 1 end as starts from cu where stretches > 1) a) b
        group by "unit_id", "top_id", island) c) m
    ),
    -- The moved cells' islands under the root (their stretches under any sub-unit joined).
    ri as materialized (select "unit_id", vf, vt, (case when date_part('day', "vf") = 1 then "vf" else (date_trunc('month', "vf") + interval '1 month')::date end) as wf,
        date_trunc('month', "vt")::date as wt from (
        select "unit_id", min(vf) as vf, max(vt) as vt from (
          select *, sum(starts) over (partition by "unit_id" order by vf) as island from (
            select *, case when vf = lag(vt) over (partition by "unit_id" order by vf) then 0 else 1 end as starts from cu where stretches > 1) a) b
        group by "unit_id", island) c),
    -- The kept rows of the islands' whole months, summed once, several ways.
    kt as (
      select i.unit_id, i.top_id, i.single, k.month, date_trunc('quarter', k.month)::date as quarter,
        ("k"."regular_whole" > 0 or ("k"."regular_group" > 0 and cell_month_held_by_groups("k"."unit_id", "k"."month"))) as regular, k.thematic, k.held, k.expected, k.present, k.tot, k.kha, k.trung_binh, k.kem, k.ungraded
      from isl i join cell_month_facts k on k.unit_id = i.unit_id and k.month >= i.wf and k.month < i.wt
    ), kt_sets as materialized (
      select grouping(unit_id) = 0 and grouping(top_id) = 0 as per_cell_top, grouping(top_id) = 0 and grouping(unit_id) = 1 as per_top,
        grouping(quarter) = 0 as per_quarter, unit_id, top_id, month, quarter,
        count(*) filter (where regular and ("month" >= $17::date and "month" < $18::date)) as held_required,
        count(*) filter (where regular and single) as held_cells, sum(thematic) as thematic, sum(held)::int as held, sum(expected)::int as expected, sum(present)::int as present, sum(tot)::int as tot,
      sum(kha)::int as kha, sum(trung_binh)::int as trung_binh, sum(kem)::int as kem, sum(ungraded)::int as ungraded
      from kt group by grouping sets ((unit_id, top_id), (top_id), (month), (unit_id, quarter))
    ),
    -- The days before and after the islands' whole months, from the meeting facts.
    pf as (
      select e.top_id, date_trunc('month', e.lo)::date as month, count(*)::int as held, sum(expected)::int as expected, sum(present)::int as present,
        count(*) filter (where grade = 'tot')::int as tot, count(*) filter (where grade = 'kha')::int as kha,
        count(*) filter (where grade = 'trung_binh')::int as trung_binh, count(*) filter (where grade = 'kem')::int as kem,
        count(*) filter (where grade is null)::int as ungraded
      from (
        select i.unit_id, i.top_id, p.lo, p.hi from isl i cross join lateral (values ("i"."vf", least("i"."wf", "i"."vt")), (greatest("i"."wt", "i"."wf"), "i"."vt")) p(lo, hi)
        where ("i"."vf" < "i"."wf" or "i"."wt" < "i"."vt") and p.lo < p.hi
      ) e
      join meeting_facts mf on mf.unit_id = e.unit_id and mf.held_on >= e.lo and mf.held_on < e.hi
      where cell_month_counted(mf.kind, mf.recorded, mf.attendance_taken)
      group by 1, 2
    ),
    -- Each cell judged under each sub-unit (on its islands there) …
    by_cell_top as (
      select i.unit_id, i.top_id, bool_and(i.single) as single, sum(greatest(0, (date_part('year', least("i"."wt", $19::date))::int * 12 + date_part('month', least("i"."wt", $20::date))::int) - (date_part('year', greatest("i"."wf", $21::date))::int * 12 + date_part('month', greatest("i"."wf", $22::date))::int))) as required,
        coalesce(max(g.held_required), 0) as held, sum(greatest(0, (floor(((date_part('year', least("i"."wt", $23::date))::int * 12 + date_part('month', least("i"."wt", $24::date))::int) - (date_part('year', $25::date)::int * 12 + date_part('month', $26::date)::int)) / 3.0) - ceil(((date_part('year', greatest("i"."wf", $27::date))::int * 12 + date_part('month', greatest("i"."wf", $28::date))::int) - (date_part('year', $29::date)::int * 12 + date_part('month', $30::date)::int)) / 3.0))::int)) as quarters
      from isl i left join kt_sets g on g.per_cell_top and g.unit_id = i.unit_id and g.top_id = i.top_id
      group by i.unit_id, i.top_id
    ),
    -- … and under the root: a single cell as under its sub-unit, a moved one on its islands under the root.
    rk as (
      select r.unit_id, k.month, ("k"."regular_whole" > 0 or ("k"."regular_group" > 0 and cell_month_held_by_groups("k"."unit_id", "k"."month"))) as regular, k.thematic
      from ri r join cell_month_facts k on k.unit_id = r.unit_id and k.month >= r.wf and k.month < r.wt
    ),
    -- Required quarters met: single cells from their kept rows per quarter, moved ones from rk.
    quarters_met as (
      select g.unit_id, count(*) as met from kt_sets g join isl i on i.unit_id = g.unit_id and i.single and ("i"."wf" <= "g"."quarter" and ("g"."quarter" + interval '3 months')::date <= "i"."wt")
        where g.per_quarter and ("g"."quarter" >= $31::date and "g"."quarter" < $32::date) and g.thematic >= $33::int group by 1
        union all
        select t.unit_id, count(*) from (
          select unit_id, date_trunc('quarter', month)::date as qs, sum(thematic) as thematic from rk where ("month" >= $34::date and "month" < $35::date) group by 1, 2) t
        join ri on ri.unit_id = t.unit_id and ("ri"."wf" <= "t"."qs" and ("t"."qs" + interval '3 months')::date <= "ri"."wt")
        where t.thematic >= $36::int group by 1
    ), by_cell as (
      select c.unit_id, c.required, c.held, c.quarters from by_cell_top c where c.single
      union all
      select r.unit_id, r.required, coalesce(h.held, 0), r.quarters
      from (select unit_id, sum(greatest(0, (date_part('year', least("wt", $37::date))::int * 12 + date_part('month', least("wt", $38::date))::int) - (date_part('year', greatest("wf", $39::date))::int * 12 + date_part('month', greatest("wf", $40::date))::int))) as required, sum(greatest(0, (floor(((date_part('year', least("wt", $41::date))::int * 12 + date_part('month', least("wt", $42::date))::int) - (date_part('year', $43::date)::int * 12 + date_part('month', $44::date)::int)) / 3.0) - ceil(((date_part('year', greatest("wf", $45::date))::int * 12 + date_part('month', greatest("wf", $46::date))::int) - (date_part('year', $47::date)::int * 12 + date_part('month', $48::date)::int)) / 3.0))::int)) as quarters from ri group by 1) r
      left join (select unit_id, count(*) filter (where regular and ("month" >= $49::date and "month" < $50::date)) as held from rk group by 1) h on h.unit_id = r.unit_id
    ), by_top as (
      select top_id, sum(held)::int as held, sum(expected)::int as expected, sum(present)::int as present, sum(tot)::int as tot,
      sum(kha)::int as kha, sum(trung_binh)::int as trung_binh, sum(kem)::int as kem, sum(ungraded)::int as ungraded from (
        select top_id, held, expected, present, tot, kha, trung_binh, kem, ungraded from kt_sets where per_top
        union all select top_id, held, expected, present, tot, kha, trung_binh, kem, ungraded from pf) x
      group by 1
    ), by_month as (
      select month, sum(expected)::int as expected, sum(present)::int as present from (
        select month, expected, present from kt_sets where month is not null union all select month, expected, present from pf) x
      group by 1
    ),
    -- Cells required in each required month: +1 where a cell's time under the root starts
    -- counting, -1 where it stops, summed up to the month.
    -- (Islands counted per pair of bounds first: almost every cell has the period's.)
    root_islands as (
      select wf, wt, count(*) as n from (select wf, wt from isl where single union all select wf, wt from ri) x group by 1, 2
    ), steps as materialized (
      select d, sum(step) as step from (
        select greatest(wf, $51::date) as d, n as step from root_islands where greatest(wf, $52::date) < least(wt, $53::date)
        union all
        select least(wt, $54::date), -n from root_islands where greatest(wf, $55::date) < least(wt, $56::date)) s
      group by 1
    ), month_cells as (
      select m.month, (select coalesce(sum(step), 0) from steps where d <= m.month)::int as required, coalesce(h.held_cells, 0)::int as held_cells
      from (select g::date as month from generate_series($57::date, $58::date - 1, interval '1 month') g where $59) m
      left join (
        select month, sum(held_cells) as held_cells from (
          select month, held_cells from kt_sets where month is not null
          union all select month, count(*) filter (where regular) from rk group by 1) x
        group by 1) h on h.month = m.month
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
    -- With no thematic meeting asked, every quarter that applies is met, held or not (as kept-meeting-sums.ts).
    select 'cells', null, null, null, null, null, null, null, null, null,
      count(*) filter (where c.required > 0)::int, count(*) filter (where c.required > 0 and c.held = c.required)::int,
      count(*) filter (where c.quarters > 0)::int, count(*) filter (where c.quarters > 0 and ($60::int = 0 or coalesce(m.met, 0) = c.quarters))::int, null, null, null
    from by_cell c left join quarters_met m on m.unit_id = c.unit_id
    union all
    select 'month', null, null, coalesce(m.expected, 0), coalesce(m.present, 0), null, null, null, null, null, null, null, null, null,
      to_char(coalesce(m.month, c.month), 'YYYY-MM'), coalesce(c.required, 0), coalesce(c.held_cells, 0)
    from by_month m full join month_cells c on c.month = m.month
-- parameters: ["2025-01-01","2025-12-31","2025-12-31","2025-12-31","2025-12-31","2025-12-31","2025-01-01",42,"2025-12-31","2025-01-01","2025-01-01","2025-12-31","2025-12-31",42,"2025-12-31","2025-01-01","2025-01-01","2025-04-01","2025-04-01","2025-04-01","2025-01-01","2025-01-01","2025-04-01","2025-04-01","2025-01-01","2025-01-01","2025-01-01","2025-01-01","2025-01-01","2025-01-01","2025-01-01","2025-04-01",1,"2025-01-01","2025-04-01",1,"2025-04-01","2025-04-01","2025-01-01","2025-01-01","2025-04-01","2025-04-01","2025-01-01","2025-01-01","2025-01-01","2025-01-01","2025-01-01","2025-01-01","2025-01-01","2025-04-01","2025-01-01","2025-01-01","2025-04-01","2025-04-01","2025-01-01","2025-04-01","2025-01-01","2025-04-01",true,1]
