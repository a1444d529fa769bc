-- The facts with an absence without reason, by day (meeting_facts_unexcused_idx has them by
-- cell): the striking-off warnings of a big unit start from them, not from its cells
-- (src/modules/figures/cell-facts.ts, unexcusedSql; the nation: about 90,000 such facts
-- against 300,000 cells).
create index meeting_facts_unexcused_day_idx on meeting_facts (held_on)
  where recorded and attendance_taken and cardinality(unexcused_member_ids) > 0;
