    with m as (
      select f.unit_id, f.status, f.sex, ($1 - f.born_ymd) / 10000 as age,
        f.ethnicity, f.religion, coalesce(nullif(f.education, ''), $2) as education,
        coalesce(f.theory_level, $3) as theory,
        case when f.admitted_ymd <= $4 then ($5 - f.admitted_ymd) / 10000 end as party_years
      from (
    select a.ancestor_id as root_id, a.unit_id, a.depth, a.unit_kind as kind
      from unit_ancestry a
     where a.ancestor_id = $6::int and ("a"."valid_from" <= $7::date and ("a"."valid_to" is null or "a"."valid_to" > $8::date))) a
      join member_facts f on f.unit_id = a.unit_id and ("f"."valid_from" <= $9::date and ("f"."valid_to" is null or "f"."valid_to" > $10::date))
      where not (f.status = any($11::text[]))
    )
    select grouping("unit_id", "status", "sex", "age", "ethnicity", "religion", "education", "theory", "party_years")::int as g, count(*)::int as n,
      coalesce("unit_id"::text, "status"::text, "age"::text, "ethnicity"::text, "religion"::text, "education"::text, "theory"::text, "party_years"::text) as k, sex as s
    from m
    group by grouping sets ((unit_id), (status), (age, sex), (ethnicity), (religion), (education), (theory), (party_years))
-- parameters: [20250630,"khong_ro","khong_ro",20250630,20250630,42,"2025-06-30","2025-06-30","2025-06-30","2025-06-30",["chuyen_di","xoa_ten","khai_tru","tu_tran"]]
