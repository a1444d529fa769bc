    select uu.unit_id, uu.name, exists (select 1 from meeting_facts f where f.unit_id = uu.unit_id and f.recorded and f.kind = 'regular'
      and f.held_on >= $1::date and f.held_on < ($2::date + interval '1 month')) as planned
    from (
    select a.ancestor_id as root_id, a.unit_id, a.depth, a.unit_kind as kind, v.parent_id, v.name, u.code
      from unit_ancestry a
      join unit_versions v on v.unit_id = a.unit_id and ("v"."valid_from" <= $3::date and ("v"."valid_to" is null or "v"."valid_to" > $4::date))
      join units u on u.id = a.unit_id
     where a.ancestor_id = $5::int and ("a"."valid_from" <= $6::date and ("a"."valid_to" is null or "a"."valid_to" > $7::date))) uu where uu.kind in ('chi_bo', 'chi_bo_co_so')
-- parameters: ["2026-01-01","2026-01-01","2026-01-10","2026-01-10",42,"2026-01-10","2026-01-10"]
