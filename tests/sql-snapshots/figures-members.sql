    with y as materialized (
      select mu.unit_id, mu.status, mb.sex, mb.ethnicity, mb.religion, mb.education, mb.theory_level,
        ($1 - (date_part('year', "mb"."date_of_birth") * 10000 + date_part('month', "mb"."date_of_birth") * 100 + date_part('day', "mb"."date_of_birth"))::int) / 10000 as age,
        case when mb.admitted_on <= $2::date then ($3 - (date_part('year', "mb"."admitted_on") * 10000 + date_part('month', "mb"."admitted_on") * 100 + date_part('day', "mb"."admitted_on"))::int) / 10000 end as party_years
      from (
    select a.ancestor_id as root_id, p.member_id, p.unit_id, s.status
      from unit_ancestry a
      join member_placements p on p.unit_id = a.unit_id and ("p"."valid_from" <= $4::date and ("p"."valid_to" is null or "p"."valid_to" > $5::date))
      join member_statuses s on s.member_id = p.member_id and ("s"."valid_from" <= $6::date and ("s"."valid_to" is null or "s"."valid_to" > $7::date))
     where a.ancestor_id = any($8::int[]) and ("a"."valid_from" <= $9::date and ("a"."valid_to" is null or "a"."valid_to" > $10::date))
       and not (s.status = any($11::text[]))) mu join members mb on mb.id = mu.member_id
    ), m as (
      select unit_id, status, sex, case when "age" <= 29 then 'duoi_30' when "age" <= 40 then '30_40' when "age" <= 50 then '41_50' when "age" <= 60 then '51_60' else 'tren_60' end as age_band,
        ethnicity, religion, coalesce(nullif(education, ''), $12) as education,
        coalesce(theory_level, $13) as theory,
        case when party_years is null then $14 else case when "party_years" <= 9 then 'duoi_10' when "party_years" <= 19 then '10_19' when "party_years" <= 29 then '20_29' when "party_years" <= 39 then '30_39' else 'tu_40' end end as party_band
      from y
    )
    select grouping("unit_id", "status", "sex", "age_band", "ethnicity", "religion", "education", "theory", "party_band")::int as g, count(*)::int as n,
      "unit_id", "status", "sex", "age_band", "ethnicity", "religion", "education", "theory", "party_band"
    from m
    group by grouping sets ((unit_id), (status), (age_band, sex), (ethnicity), (religion), (education), (theory), (party_band))
-- parameters: [20250630,"2025-06-30",20250630,"2025-06-30","2025-06-30","2025-06-30","2025-06-30",[42],"2025-06-30","2025-06-30",["chuyen_di","xoa_ten","khai_tru","tu_tran"],"khong_ro","khong_ro","khong_ro"]
