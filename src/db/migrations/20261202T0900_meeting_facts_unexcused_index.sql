-- The facts with an absence without reason, by day (meeting_facts_unexcused_idx has them by
-- cell), with the absent members and the cell, so they are read from the index alone: the
-- striking-off warnings of a big unit start from them, not from its cells
-- (src/modules/figures/cell-facts.ts, unexcusedSql; the nation: 175,000 such facts in the
-- year's window against 300,000 cells).
create index meeting_facts_unexcused_day_idx on meeting_facts (held_on) include (unit_id, unexcused_member_ids)
  where recorded and attendance_taken and cardinality(unexcused_member_ids) > 0;
