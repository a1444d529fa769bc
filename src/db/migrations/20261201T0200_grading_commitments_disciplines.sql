-- Commitments and the discipline facts of grading (issue 9 items 2 and 4).
--
-- grading_commitments: each year a member registers what they will study and do following
-- Hồ Chí Minh's example and their pledge (đăng ký học tập và làm theo Bác); a unit registers
-- for an emulation movement ("Chi bộ 4 tốt", "Đảng bộ cơ sở 4 tốt"). One registration per
-- member per year, one per unit, movement and year; a correction overwrites it (audited).
-- The year's self-assessment shows them beside the result.
create table grading_commitments (
  id serial primary key,
  year integer not null check (year between 2000 and 2100),
  subject text not null check (subject in ('member', 'organisation')),
  member_id integer references members(id),
  -- The organisation registering; null for a member (their cell is read on the date asked).
  unit_id integer references units(id),
  kind text not null check (kind in ('hoc_tap_lam_theo_bac', 'chi_bo_4_tot', 'dang_bo_co_so_4_tot')),
  -- What the member will study and do / what the unit registers to reach.
  content text not null,
  -- The member's pledge (cam kết); null for a unit.
  pledge text,
  registered_by integer references users(id),
  registered_at timestamptz not null default now(),
  check ((subject = 'member') = (member_id is not null)),
  check ((subject = 'organisation') = (unit_id is not null)),
  check ((subject = 'member') = (kind = 'hoc_tap_lam_theo_bac'))
);
create unique index grading_commitments_member_idx on grading_commitments (member_id, year, kind) where subject = 'member';
create unique index grading_commitments_unit_idx on grading_commitments (unit_id, year, kind) where subject = 'organisation';

-- A discipline decision on a member (khiển trách, cảnh cáo, cách chức, khai trừ), the fact
-- "disciplined in the period" the grading rules cap on. Written by whoever records
-- discipline (inspection); read by the grading facts (src/modules/grading/entry-facts.ts).
create table member_disciplines (
  id serial primary key,
  member_id integer not null references members(id),
  form text not null check (form in ('khien_trach', 'canh_cao', 'cach_chuc', 'khai_tru')),
  decided_on date not null,
  decision_number text,
  reason text not null,
  recorded_by integer references users(id),
  recorded_at timestamptz not null default now()
);
create index member_disciplines_member_idx on member_disciplines (member_id, decided_on);
