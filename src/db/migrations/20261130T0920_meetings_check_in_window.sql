-- The check-in window a secretary controls (issue 8 item 8): by default it runs from the
-- rule set's minutes before the start to the planned end; the secretary may open it
-- early, extend it or close it. Null means "as the rule set says".
alter table meetings add column check_in_opens_at timestamptz;
alter table meetings add column check_in_closes_at timestamptz;
