select uu.unit_id, uu.parent_id, uu.kind, uu.name, uu.code, uu.depth from (
    select a.ancestor_id as root_id, a.unit_id, a.depth, a.unit_kind as kind, v.parent_id, v.name, u.code
      from unit_ancestry a
      join unit_versions v on v.unit_id = a.unit_id and ("v"."valid_from" <= $1::date and ("v"."valid_to" is null or "v"."valid_to" > $2::date))
      join units u on u.id = a.unit_id
     where a.ancestor_id = $3::int and ("a"."valid_from" <= $4::date and ("a"."valid_to" is null or "a"."valid_to" > $5::date))) uu
-- parameters: ["2025-06-30","2025-06-30",42,"2025-06-30","2025-06-30"]
