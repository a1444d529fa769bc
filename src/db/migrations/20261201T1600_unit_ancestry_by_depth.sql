-- The children of a unit over a period (depth 1) and the unit's own rows (depth 0), read by
-- key: unitsUnderDuring (src/modules/figures/history.ts) starts from them. Through the
-- primary key alone the nation's root read its 418,000 rows to keep 40.
create index unit_ancestry_depth_idx on unit_ancestry (ancestor_id, depth, valid_from);
