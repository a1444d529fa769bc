    with y as (
      select mu.unit_id, mu.status, mb.sex, mb.ethnicity, mb.religion, mb.education, mb.theory_level,
        date_part('year', age($1::date, "mb"."date_of_birth"))::int as age, case when mb.admitted_on <= $2::date then date_part('year', age($3::date, "mb"."admitted_on"))::int end as party_years
      from (
    select uu.root_id, p.member_id, p.unit_id, s.status
    from (
    with recursive t(root_id, unit_id, depth) as (
      select v.unit_id, v.unit_id, 0 from unit_versions v where v.unit_id = any($4::int[]) and "v"."valid_from" <= $5::date and ("v"."valid_to" is null or "v"."valid_to" > $6::date)
      union all
      select t.root_id, v.unit_id, t.depth + 1 from t join unit_versions v on v.parent_id = t.unit_id and "v"."valid_from" <= $7::date and ("v"."valid_to" is null or "v"."valid_to" > $8::date)
    )
    select t.root_id, t.unit_id, t.depth, v.kind, v.parent_id, v.name, u.code
    from t join unit_versions v on v.unit_id = t.unit_id and "v"."valid_from" <= $9::date and ("v"."valid_to" is null or "v"."valid_to" > $10::date) join units u on u.id = t.unit_id) uu
    join member_placements p on p.unit_id = uu.unit_id and "p"."valid_from" <= $11::date and ("p"."valid_to" is null or "p"."valid_to" > $12::date)
    join member_statuses s on s.member_id = p.member_id and "s"."valid_from" <= $13::date and ("s"."valid_to" is null or "s"."valid_to" > $14::date)
    where s.status in ('du_bi', 'chinh_thuc', 'mien_sinh_hoat', 'dinh_chi')) mu join members mb on mb.id = mu.member_id
    ), m as (
      select unit_id, status, sex, case when "age" <= 29 then 'duoi_30' when "age" <= 40 then '30_40' when "age" <= 50 then '41_50' when "age" <= 60 then '51_60' else 'tren_60' end as age_band,
        ethnicity, religion, coalesce(nullif(education, ''), $15) as education,
        coalesce(theory_level, $16) as theory,
        case when party_years is null then $17 else case when "party_years" <= 9 then 'duoi_10' when "party_years" <= 19 then '10_19' when "party_years" <= 29 then '20_29' when "party_years" <= 39 then '30_39' else 'tu_40' end end as party_band
      from y
    )
    select grouping("unit_id", "status", "sex", "age_band", "ethnicity", "religion", "education", "theory", "party_band")::int as g, count(*)::int as n,
      "unit_id", "status", "sex", "age_band", "ethnicity", "religion", "education", "theory", "party_band"
    from m
    group by grouping sets ((unit_id), (status), (age_band, sex), (ethnicity), (religion), (education), (theory), (party_band))
-- parameters: ["2025-06-30","2025-06-30","2025-06-30",[42],"2025-06-30","2025-06-30","2025-06-30","2025-06-30","2025-06-30","2025-06-30","2025-06-30","2025-06-30","2025-06-30","2025-06-30","khong_ro","khong_ro","khong_ro"]
