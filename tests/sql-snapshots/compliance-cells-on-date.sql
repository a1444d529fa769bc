    select uu.unit_id, uu.name, exists (select 1 from meeting_facts f where f.unit_id = uu.unit_id and f.recorded and f.kind = 'regular'
      and f.held_on >= $1::date and f.held_on < ($2::date + interval '1 month')) as planned
    from (
    with recursive t(root_id, unit_id, depth) as (
      select v.unit_id, v.unit_id, 0 from unit_versions v where v.unit_id = any($3::int[]) and "v"."valid_from" <= $4::date and ("v"."valid_to" is null or "v"."valid_to" > $5::date)
      union all
      select t.root_id, v.unit_id, t.depth + 1 from t join unit_versions v on v.parent_id = t.unit_id and "v"."valid_from" <= $6::date and ("v"."valid_to" is null or "v"."valid_to" > $7::date)
    )
    select t.root_id, t.unit_id, t.depth, v.kind, v.parent_id, v.name, u.code
    from t join unit_versions v on v.unit_id = t.unit_id and "v"."valid_from" <= $8::date and ("v"."valid_to" is null or "v"."valid_to" > $9::date) join units u on u.id = t.unit_id) uu where uu.kind in ('chi_bo', 'chi_bo_co_so')
-- parameters: ["2026-01-01","2026-01-01",[42],"2026-01-10","2026-01-10","2026-01-10","2026-01-10","2026-01-10","2026-01-10"]
