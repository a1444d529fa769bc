    with cu as (
      select unit_id, valid_from, valid_to from (
    with recursive t(unit_id, kind, name, top_id, depth, valid_from, valid_to) as (
      select v.unit_id, v.kind, v.name, null::int, 0, greatest(v.valid_from, $1::date), least(coalesce(v.valid_to, ($2::date + 1)), ($3::date + 1))
      from unit_versions v where v.unit_id = $4 and v.valid_from < ($5::date + 1) and (v.valid_to is null or v.valid_to > $6::date)
      union all
      select v.unit_id, v.kind, v.name, coalesce(t.top_id, v.unit_id), t.depth + 1, greatest(v.valid_from, t.valid_from), least(coalesce(v.valid_to, ($7::date + 1)), t.valid_to)
      from t join unit_versions v on v.parent_id = t.unit_id and v.valid_from < t.valid_to and (v.valid_to is null or v.valid_to > t.valid_from)
    )
    select unit_id, kind, name, top_id, depth, valid_from, valid_to from t where valid_from < valid_to) x where kind in ('chi_bo', 'chi_bo_co_so')
    )
    select a.member_id, mb.full_name, mf.unit_id, mf.held_on
    from cu join meeting_facts mf on mf.unit_id = cu.unit_id and mf.held_on >= cu.valid_from and mf.held_on < cu.valid_to
    cross join lateral unnest(mf.unexcused_member_ids) as a(member_id)
    join members mb on mb.id = a.member_id
    where mf.recorded and mf.attendance_taken and mf.held_on >= $8::date and mf.held_on <= $9::date and cardinality(mf.unexcused_member_ids) > 0
    order by mf.held_on, a.member_id
-- parameters: ["2025-01-01","2025-12-31","2025-12-31",42,"2025-12-31","2025-01-01","2025-12-31","2025-01-01","2025-12-31"]
