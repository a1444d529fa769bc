select uu.unit_id, uu.parent_id, uu.kind, uu.name, uu.code, uu.depth from (
    with recursive t(root_id, unit_id, depth) as (
      select v.unit_id, v.unit_id, 0 from unit_versions v where v.unit_id = any($1::int[]) and "v"."valid_from" <= $2::date and ("v"."valid_to" is null or "v"."valid_to" > $3::date)
      union all
      select t.root_id, v.unit_id, t.depth + 1 from t join unit_versions v on v.parent_id = t.unit_id and "v"."valid_from" <= $4::date and ("v"."valid_to" is null or "v"."valid_to" > $5::date)
    )
    select t.root_id, t.unit_id, t.depth, v.kind, v.parent_id, v.name, u.code
    from t join unit_versions v on v.unit_id = t.unit_id and "v"."valid_from" <= $6::date and ("v"."valid_to" is null or "v"."valid_to" > $7::date) join units u on u.id = t.unit_id) uu
-- parameters: [[42],"2025-06-30","2025-06-30","2025-06-30","2025-06-30","2025-06-30","2025-06-30"]
