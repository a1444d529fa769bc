-- A member's education, political-theory level and religion change during a life (a
-- degree, a course of the school of politics): a figure for a past date counts what they
-- were then (issue 7: past figures unchanged after later record changes). members keeps
-- today's values; this table the earlier ones — what the member had from valid_from (null:
-- from the start of the record) until valid_to (exclusive). An edit of one of them closes
-- the old values on the day the change takes effect (members/update-member.ts). Sex, date
-- of birth, ethnicity and date of admission do not change over a life: an edit of them is
-- a correction, true on every date.
create table member_attribute_history (
  id serial primary key,
  member_id integer not null references members(id) on delete cascade,
  valid_from date,
  valid_to date not null,
  education text,
  theory_level text,
  religion text not null,
  check (valid_from is null or valid_from < valid_to)
);
create index member_attribute_history_member_idx on member_attribute_history (member_id, valid_to);

-- The member facts are cut where the values changed as well: one row per stretch with one
-- unit, one status and one set of values. (placement, status, start) is then the key.
alter table member_facts drop constraint member_facts_pkey;
alter table member_facts add primary key (placement_id, status_id, valid_from);

create or replace function compute_member_facts(ids integer[]) returns setof member_facts
language sql stable as $$
  with attrs as (
    select h.member_id, h.valid_from, h.valid_to, h.education, h.theory_level, h.religion
    from member_attribute_history h where h.member_id = any(ids)
    union all
    select mb.id, (select max(h.valid_to) from member_attribute_history h where h.member_id = mb.id), null, mb.education, mb.theory_level, mb.religion
    from members mb where mb.id = any(ids)
  )
  select p.id, s.id, p.member_id, p.unit_id, s.status, x.valid_from, x.valid_to,
    mb.sex, mb.ethnicity, a.religion, a.education, a.theory_level,
    (date_part('year', mb.date_of_birth) * 10000 + date_part('month', mb.date_of_birth) * 100 + date_part('day', mb.date_of_birth))::int,
    (date_part('year', mb.admitted_on) * 10000 + date_part('month', mb.admitted_on) * 100 + date_part('day', mb.admitted_on))::int
  from member_placements p
  join member_statuses s on s.member_id = p.member_id
    and (p.valid_to is null or s.valid_from < p.valid_to) and (s.valid_to is null or s.valid_to > p.valid_from)
  join attrs a on a.member_id = p.member_id
  -- The three stretches' overlap (greatest and least skip the open ends' nulls).
  cross join lateral (select greatest(p.valid_from, s.valid_from, a.valid_from) as valid_from, least(p.valid_to, s.valid_to, a.valid_to) as valid_to) x
  join members mb on mb.id = p.member_id
  where p.member_id = any(ids) and (x.valid_to is null or x.valid_from < x.valid_to)
$$;

-- Kept like the placements and statuses: the changed rows' members are refreshed (one trigger function).
create trigger member_facts_attribute_history_ins after insert on member_attribute_history referencing new table as new_rows for each statement execute function member_facts_by_row();
create trigger member_facts_attribute_history_upd after update on member_attribute_history referencing new table as new_rows old table as old_rows for each statement execute function member_facts_by_row();
create trigger member_facts_attribute_history_del after delete on member_attribute_history referencing old table as old_rows for each statement execute function member_facts_by_row();
