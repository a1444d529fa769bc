-- Agenda items saved without a note (before the API stored `note: null` for them) made their
-- meeting unreadable: every answer about it failed its own schema (500). Give them the note.
update meetings
set agenda = (
  select jsonb_agg(case when item ? 'note' then item else item || '{"note": null}'::jsonb end order by position)
  from jsonb_array_elements(agenda) with ordinality as items(item, position)
)
where jsonb_typeof(agenda) = 'array'
  and exists (select 1 from jsonb_array_elements(agenda) as items(item) where jsonb_typeof(item) = 'object' and not item ? 'note');
