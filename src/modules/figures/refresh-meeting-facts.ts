// compute_meeting_facts joins its meetings to their live roll in a nested loop planned for
// a handful of ids, which is what a write passes. Given 100,000 ids at once it compares every
// pair (the nation demo's load spent 1,070 s there; 1,000 at a time, ~47 ms per 1,000), so
// whoever refreshes many meetings does it 1,000 at a time.
export const MEETING_FACTS_BATCH = 1000;

/** One statement that recomputes every meeting's facts, 1,000 meetings at a time. */
export const REFRESH_ALL_MEETING_FACTS = `do $$
declare lo integer;
begin
  for lo in select generate_series(0, coalesce(max(id), 0), ${MEETING_FACTS_BATCH}) from meetings loop
    perform refresh_meeting_facts(array(select id from meetings where id > lo and id <= lo + ${MEETING_FACTS_BATCH}));
  end loop;
end $$`;
