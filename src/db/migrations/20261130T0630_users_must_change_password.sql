-- An account handed out with a one-time password (a whole cell's accounts, an admin's
-- reset) must choose its own password before doing anything else.
alter table users add column must_change_password boolean not null default false;
