    with tops as materialized (
      select a.unit_id as top_id, sum(least(coalesce(a.valid_to, $1::date), $2::date) - greatest(a.valid_from, $3::date)) as days
      from unit_ancestry a
      where a.ancestor_id = $4::int and a.depth = 1 and a.valid_from < $5::date and (a.valid_to is null or a.valid_to > $6::date)
      group by 1
    ), ok as (
      select not exists (select 1 from tops where days < $7::date - $8::date)
        and not exists (select 1 from unit_ancestry r where r.ancestor_id = $9::int and r.unit_id = $10::int
          and is_cell_kind(r.unit_kind) and r.valid_from < $11::date and (r.valid_to is null or r.valid_to > $12::date)) as ok
    ),
    -- Each sub-unit's kept months, less the days of the first and last months outside the period.
    -- The facts of the first and last months' days outside the period, on the sub-unit their
    -- cell sat under that day: found from those facts (each one's ancestry by key) when they
    -- are fewer than the unit's cells (the nation's last ten days of a month: 90,000 facts
    -- against 300,000 cells), else from the unit's cells (each one's facts of those days by key).
    by_facts as (
      select n = 0 or n <= (select count(*) from cell_islands where ancestor_id = $13::int) as yes
      from (select count(*) as n from meeting_facts e where (("e"."held_on" >= $14::date and "e"."held_on" < $15::date) or ("e"."held_on" > $16::date and "e"."held_on" < $17::date))) d
    ), edge_facts as (
      select t.top_id, f.held_on, f.expected, f.present, f.grade
      from meeting_facts f
      cross join lateral (select a.ancestor_id from unit_ancestry a where a.unit_id = f.unit_id and a.valid_from <= f.held_on
        and (a.valid_to is null or a.valid_to > f.held_on) and is_cell_kind(a.unit_kind) offset 0) a
      join tops t on t.top_id = a.ancestor_id
      where (("f"."held_on" >= $18::date and "f"."held_on" < $19::date) or ("f"."held_on" > $20::date and "f"."held_on" < $21::date)) and cell_month_counted(f.kind, f.recorded, f.attendance_taken) and (select yes from by_facts)
      union all
      select t.top_id, f.held_on, f.expected, f.present, f.grade
      from tops t
      cross join lateral (select a.unit_id, a.valid_from, a.valid_to from unit_ancestry a where a.ancestor_id = t.top_id
        and is_cell_kind(a.unit_kind) and a.valid_from < $22::date and (a.valid_to is null or a.valid_to > $23::date) offset 0) a
      cross join lateral (select * from meeting_facts f where f.unit_id = a.unit_id and (("f"."held_on" >= $24::date and "f"."held_on" < $25::date) or ("f"."held_on" > $26::date and "f"."held_on" < $27::date))
        and f.held_on >= a.valid_from and (a.valid_to is null or f.held_on < a.valid_to) offset 0) f
      where cell_month_counted(f.kind, f.recorded, f.attendance_taken) and not (select yes from by_facts)
    ), edge as (
      select top_id, date_trunc('month', held_on)::date as month, count(*)::int as held, sum(expected)::int as expected, sum(present)::int as present,
        count(*) filter (where grade = 'tot')::int as tot, count(*) filter (where grade = 'kha')::int as kha,
        count(*) filter (where grade = 'trung_binh')::int as trung_binh, count(*) filter (where grade = 'kem')::int as kem,
        count(*) filter (where grade is null)::int as ungraded from edge_facts group by 1, 2
    ), tm as (
      select top_id, month, sum(held)::int as held, sum(expected)::int as expected, sum(present)::int as present, sum(tot)::int as tot,
        sum(kha)::int as kha, sum(trung_binh)::int as trung_binh, sum(kem)::int as kem, sum(ungraded)::int as ungraded
      from (
        -- Each sub-unit's rows by key, whatever the planner guesses of the sub-units (it sized
        -- the nation's 40 at 68,000 and hashed every kept row); offset 0 keeps it a loop.
        select t.top_id, s.month, s.held, s.expected, s.present, s.tot, s.kha, s.trung_binh, s.kem, s.ungraded
        from tops t cross join lateral (
          select * from subtree_month_sums s where s.ancestor_id = t.top_id and s.month >= $28::date and s.month < $29::date offset 0) s
        union all
        select top_id, month, -held, -expected, -present, -tot, -kha, -trung_binh, -kem, -ungraded from edge
      ) x group by 1, 2
    ),
    -- Each cell's whole months of the year under each sub-unit, and under the unit.
    tc as (
      select t.top_id, i.cell_id, bit_or((1 << (least(coalesce(i.m_to, $30::int), $31::int) - $32::int))
      - (1 << (greatest(i.m_from, $33::int) - $34::int))) as covered
      from tops t cross join lateral (select * from cell_islands i where i.ancestor_id = t.top_id and i.m_from < $35::int and (i.m_to is null or i.m_to > $36::int) offset 0) i
      where $37
      group by 1, 2
    ), rc as (
      select i.cell_id, bit_or((1 << (least(coalesce(i.m_to, $38::int), $39::int) - $40::int))
      - (1 << (greatest(i.m_from, $41::int) - $42::int))) as covered
      from cell_islands i where i.ancestor_id = $43::int and i.m_from < $44::int and (i.m_to is null or i.m_to > $45::int) and $46
      group by 1
    ), top_cells as (
      select c.top_id, count(*) filter (where (c.covered & $47::int) <> 0)::int as monthly_applicable, count(*) filter (where ((c.covered & $48::int) <> 0 and (c.covered & $49::int & ~coalesce(h.held, 0)) = 0))::int as monthly_every
      from tc c left join cell_year_held h on h.cell_id = c.cell_id and h.year = $50::int
      group by 1
    ), root_cells as (
      select count(*) filter (where (c.covered & $51::int) <> 0)::int as monthly_applicable, count(*) filter (where ((c.covered & $52::int) <> 0 and (c.covered & $53::int & ~coalesce(h.held, 0)) = 0))::int as monthly_every,
        count(*) filter (where (c.covered & $54::int) = $55::int)::int as thematic_applicable,
        count(*) filter (where ((c.covered & $56::int) = $57::int) and ((c.covered & $58::int) <> $59::int or coalesce("h"."t1", 0) >= $60::int))::int as thematic_every,
        array[count(*) filter (where (c.covered & $61::int) <> 0)::int, count(*) filter (where (c.covered & $62::int) <> 0)::int, count(*) filter (where (c.covered & $63::int) <> 0)::int] as required, array[count(*) filter (where ((c.covered & coalesce(h.held, 0)) & $64::int) <> 0)::int, count(*) filter (where ((c.covered & coalesce(h.held, 0)) & $65::int) <> 0)::int, count(*) filter (where ((c.covered & coalesce(h.held, 0)) & $66::int) <> 0)::int] as held_cells
      from rc c left join cell_year_held h on h.cell_id = c.cell_id and h.year = $67::int
    ), by_top as (
      select top_id, sum(held)::int as held, sum(expected)::int as expected, sum(present)::int as present, sum(tot)::int as tot,
        sum(kha)::int as kha, sum(trung_binh)::int as trung_binh, sum(kem)::int as kem, sum(ungraded)::int as ungraded
      from tm group by 1
    ), months as (
      select m.month, r.i from unnest($68::date[]) with ordinality m(month, n)
      left join unnest($69::date[]) with ordinality r(month, i) on r.month = m.month
    )
    select 'fallback' as set, null::int as top_id, null::int as held, null::int as expected, null::int as present, null::int as tot,
      null::int as kha, null::int as trung_binh, null::int as kem, null::int as ungraded, null::int as monthly_applicable, null::int as monthly_every,
      null::int as thematic_applicable, null::int as thematic_every, null::text as month, null::int as required, null::int as held_cells
    where not (select ok from ok)
    union all
    select 'top', t.top_id, coalesce(s.held, 0), coalesce(s.expected, 0), coalesce(s.present, 0), coalesce(s.tot, 0), coalesce(s.kha, 0),
      coalesce(s.trung_binh, 0), coalesce(s.kem, 0), coalesce(s.ungraded, 0), coalesce(c.monthly_applicable, 0), coalesce(c.monthly_every, 0),
      null, null, null, null, null
    from tops t left join by_top s on s.top_id = t.top_id left join top_cells c on c.top_id = t.top_id
    where (select ok from ok)
    union all
    select 'cells', null, null, null, null, null, null, null, null, null, coalesce(r.monthly_applicable, 0), coalesce(r.monthly_every, 0),
      coalesce(r.thematic_applicable, 0), coalesce(r.thematic_every, 0), null, null, null
    from (select 1) one left join root_cells r on $70
    where (select ok from ok)
    union all
    select 'month', null, null, coalesce(x.expected, 0), coalesce(x.present, 0), null, null, null, null, null, null, null, null, null,
      to_char(m.month, 'YYYY-MM'), coalesce(r.required[m.i], 0), coalesce(r.held_cells[m.i], 0)
    from months m
    left join (select month, sum(expected)::int as expected, sum(present)::int as present from tm group by 1) x on x.month = m.month
    left join root_cells r on $71
    where (select ok from ok)
-- parameters: ["2026-01-01","2026-01-01","2025-01-01",42,"2026-01-01","2025-01-01","2026-01-01","2025-01-01",42,42,"2026-01-01","2025-01-01",42,"2025-01-01","2025-01-01","2025-12-31","2026-01-01","2025-01-01","2025-01-01","2025-12-31","2026-01-01","2026-01-01","2025-01-01","2025-01-01","2025-01-01","2025-12-31","2026-01-01","2025-01-01","2026-01-01",24312,24312,24300,24300,24300,24312,24300,true,24312,24312,24300,24300,24300,42,24312,24300,true,7,7,7,2025,7,7,7,7,7,7,7,7,7,1,1,2,4,1,2,4,2025,["2025-01-01","2025-02-01","2025-03-01","2025-04-01","2025-05-01","2025-06-01","2025-07-01","2025-08-01","2025-09-01","2025-10-01","2025-11-01","2025-12-01"],["2025-01-01","2025-02-01","2025-03-01"],true,true]
