-- HD 12 asks whether the previous month's resolution was carried out: the secretary records
-- it per meeting (null: not said yet). The quality checklist reads it; it is a condition of
-- a meeting "of quality".
alter table meetings add column previous_resolution_done boolean;
