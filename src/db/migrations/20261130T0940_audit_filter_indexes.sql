-- The audit page lists the newest rows of a unit (and the units under it) or of one person:
-- with these, "the last 100 rows of this cell" or "of this account" reads an index range
-- instead of walking the whole trail backwards from the newest row.
create index audit_log_unit_idx on audit_log (unit_id, id);
create index audit_log_actor_idx on audit_log (actor_user_id, id);
