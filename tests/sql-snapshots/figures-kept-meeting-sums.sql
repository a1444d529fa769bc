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
      select n = 0 or n <= (select coalesce(sum(s.n), 0) from subtree_island_shapes s where s.ancestor_id = $13::int) as yes
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
    -- The cells of each sub-unit and of the unit in the year, by their whole months there
    -- (covered): those there all year counted from the islands' shapes, the others (moved in
    -- the year) from their islands that start or end in it.
    units as (select top_id as id from tops union all select $30::int where $31),
    covers as (
      select u.id, 4095 as covered, s.n from units u cross join lateral (select s.n from subtree_island_shapes s
        where s.ancestor_id = u.id and s.m_from <= $32::int and (s.m_to is null or s.m_to >= $33::int) offset 0) s
      where $34
      union all
      select u.id, bit_or((1 << (least(coalesce(i.m_to, $35::int), $36::int) - $37::int))
      - (1 << (greatest(i.m_from, $38::int) - $39::int))), 1 from units u cross join lateral (select * from cell_islands i where i.ancestor_id = u.id
        and ((i.m_from > $40::int and i.m_from < $41::int) or (i.m_to > $42::int and i.m_to < $43::int)) offset 0) i
      where $44
      group by u.id, i.cell_id
    ), cover_counts as (
      select c.id, coalesce(sum(c.n) filter (where (c.covered & $45::int) <> 0), 0)::int as monthly_applicable, coalesce(sum(c.n) filter (where (c.covered & $46::int) = $47::int), 0)::int as thematic_applicable,
        array[coalesce(sum(c.n) filter (where (c.covered & $48::int) <> 0), 0)::int, coalesce(sum(c.n) filter (where (c.covered & $49::int) <> 0), 0)::int, coalesce(sum(c.n) filter (where (c.covered & $50::int) <> 0), 0)::int] as required
      from covers c group by 1
    ),
    -- The cells that held something in the year, counted by what they held within covered.
    held_counts as (
      select u.id, coalesce(sum(c.n) filter (where ((c.covered & $51::int) <> 0 and (c.covered & $52::int & ~c.held) = 0)), 0)::int as monthly_every,
        coalesce(sum(c.n) filter (where ((c.covered & $53::int) = $54::int) and ((c.covered & $55::int) <> $56::int or "c"."t1" >= $57::int)), 0)::int as thematic_every,
        array[coalesce(sum(c.n) filter (where (c.held & $58::int) <> 0), 0)::int, coalesce(sum(c.n) filter (where (c.held & $59::int) <> 0), 0)::int, coalesce(sum(c.n) filter (where (c.held & $60::int) <> 0), 0)::int] as held_cells
      from units u cross join lateral (select * from subtree_year_patterns p where p.ancestor_id = u.id and p.year = $61::int offset 0) c
      where $62
      group by 1
    ), unit_cells as (
      select u.id, coalesce(a.monthly_applicable, 0) as monthly_applicable, coalesce(h.monthly_every, 0) as monthly_every,
        coalesce(a.thematic_applicable, 0) as thematic_applicable,
        -- With no thematic meeting asked, every quarter that applies is met, held or not.
        coalesce(h.thematic_every, 0, 0) as thematic_every,
        a.required, h.held_cells
      from units u left join cover_counts a on a.id = u.id left join held_counts h on h.id = u.id
    ), by_top as (
      select top_id, sum(held)::int as held, sum(expected)::int as expected, sum(present)::int as present, sum(tot)::int as tot,
      sum(kha)::int as kha, sum(trung_binh)::int as trung_binh, sum(kem)::int as kem, sum(ungraded)::int as ungraded
      from tm group by 1
    ), months as (
      select m.month, r.i from unnest($63::date[]) with ordinality m(month, n)
      left join unnest($64::date[]) with ordinality r(month, i) on r.month = m.month
    )
    select 'fallback' as set, null::int as top_id, null::int as held, null::int as expected, null::int as present, null::int as tot,
      null::int as kha, null::int as trung_binh, null::int as kem, null::int as ungraded, null::int as monthly_applicable, null::int as monthly_every,
      null::int as thematic_applicable, null::int as thematic_every, null::text as month, null::int as required, null::int as held_cells
    where not (select ok from ok)
    union all
    select 'top', t.top_id, coalesce(s.held, 0), coalesce(s.expected, 0), coalesce(s.present, 0), coalesce(s.tot, 0), coalesce(s.kha, 0),
      coalesce(s.trung_binh, 0), coalesce(s.kem, 0), coalesce(s.ungraded, 0), coalesce(c.monthly_applicable, 0), coalesce(c.monthly_every, 0),
      null, null, null, null, null
    from tops t left join by_top s on s.top_id = t.top_id left join unit_cells c on c.id = t.top_id
    where (select ok from ok)
    union all
    select 'cells', null, null, null, null, null, null, null, null, null, coalesce(r.monthly_applicable, 0), coalesce(r.monthly_every, 0),
      coalesce(r.thematic_applicable, 0), coalesce(r.thematic_every, 0), null, null, null
    from (select 1) one left join unit_cells r on r.id = $65::int
    where (select ok from ok)
    union all
    select 'month', null, null, coalesce(x.expected, 0), coalesce(x.present, 0), null, null, null, null, null, null, null, null, null,
      to_char(m.month, 'YYYY-MM'), coalesce(r.required[m.i], 0), coalesce(r.held_cells[m.i], 0)
    from months m
    left join (select month, sum(expected)::int as expected, sum(present)::int as present from tm group by 1) x on x.month = m.month
    left join unit_cells r on r.id = $66::int
    where (select ok from ok)
-- parameters: ["2026-01-01","2026-01-01","2025-01-01",42,"2026-01-01","2025-01-01","2026-01-01","2025-01-01",42,42,"2026-01-01","2025-01-01",42,"2025-01-01","2025-01-01","2025-12-31","2026-01-01","2025-01-01","2025-01-01","2025-12-31","2026-01-01","2026-01-01","2025-01-01","2025-01-01","2025-01-01","2025-12-31","2026-01-01","2025-01-01","2026-01-01",42,true,24300,24312,true,24312,24312,24300,24300,24300,24300,24312,24300,24312,true,7,7,7,1,2,4,7,7,7,7,7,7,1,1,2,4,2025,true,["2025-01-01","2025-02-01","2025-03-01","2025-04-01","2025-05-01","2025-06-01","2025-07-01","2025-08-01","2025-09-01","2025-10-01","2025-11-01","2025-12-01"],["2025-01-01","2025-02-01","2025-03-01"],42,42]
