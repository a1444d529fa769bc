-- Kinds for the tiers before 1/7/2025 and the national root (issue 7), and the reclassify
-- restructuring step (a unit's kind changes on a date, by a decision).
--   toan_dang              Đảng Cộng sản Việt Nam, the national root
--   dang_bo_truc_thuoc_tw  a party organisation directly under the Central Committee, not a province
--   dang_bo_huyen, dang_bo_quan, dang_bo_thi_xa, dang_bo_thanh_pho (thành phố thuộc tỉnh)
--                          the district tier, until 30/6/2025
--   dang_bo_khoi           a bloc committee (đảng bộ khối các cơ quan, khối doanh nghiệp)
alter table units drop constraint if exists units_kind_check;
alter table units add constraint units_kind_check check (kind in (
  'toan_dang', 'dang_bo_truc_thuoc_tw', 'dang_bo_tinh', 'dang_bo_huyen', 'dang_bo_quan', 'dang_bo_thi_xa',
  'dang_bo_thanh_pho', 'dang_bo_khoi', 'dang_bo_xa', 'dang_bo_co_so', 'chi_bo_co_so', 'chi_bo', 'dang_bo_bo_phan', 'to_dang'));

-- unit_versions keeps the kind a unit had in each period: the same list holds there.
alter table unit_versions drop constraint if exists unit_versions_kind_check;
alter table unit_versions add constraint unit_versions_kind_check check (kind in (
  'toan_dang', 'dang_bo_truc_thuoc_tw', 'dang_bo_tinh', 'dang_bo_huyen', 'dang_bo_quan', 'dang_bo_thi_xa',
  'dang_bo_thanh_pho', 'dang_bo_khoi', 'dang_bo_xa', 'dang_bo_co_so', 'chi_bo_co_so', 'chi_bo', 'dang_bo_bo_phan', 'to_dang'));

alter table unit_events drop constraint if exists unit_events_kind_check;
alter table unit_events add constraint unit_events_kind_check
  check (kind in ('create', 'rename', 'move', 'merge', 'split', 'dissolve', 'reclassify'));
