-- HD 12 asks whether the previous month's resolution was carried out: the secretary records
-- it per meeting (null: not said yet). The quality checklist reads it; it is a condition of
-- a meeting "of quality".
alter table meetings add column previous_resolution_done boolean;

-- Until now it was a tick of the chair on the HD 12 scale: grades saved that way keep
-- their answer as the meeting's record.
update meetings m set previous_resolution_done = (q.ticks ->> 'previous_resolution_done')::boolean
from meeting_quality q
where q.meeting_id = m.id and jsonb_typeof(q.ticks -> 'previous_resolution_done') = 'boolean';
