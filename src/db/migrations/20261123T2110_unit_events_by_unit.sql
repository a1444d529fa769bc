-- A unit's history lists the restructuring events that touched it; each event names the
-- units it touched in payload.unitIds, so this index answers "events of unit X" directly.
create index unit_events_unit_ids_idx on unit_events using gin ((payload -> 'unitIds') jsonb_path_ops);
