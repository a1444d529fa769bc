-- Throttles: one row per (kind, key) counting attempts in a fixed window. A request adds
-- its attempt and reads the count in one `insert … on conflict do update … returning`,
-- which locks the row, so concurrent attempts are counted one after another and at
-- most the limit is ever let through (see src/modules/auth/throttle.ts).
create table throttles (
  kind text not null,
  key text not null,
  window_start timestamptz not null,
  count integer not null,
  primary key (kind, key)
);
create index throttles_window_idx on throttles (window_start);

-- Each password actually verified, and from where (the throttles decide which are).
alter table login_attempts add column address text;

-- Sessions end after an idle time as well as at their absolute expiry.
alter table sessions add column last_seen_at timestamptz not null default now();

-- API tokens expire (90 days unless the owner picks fewer); existing ones get 90 days
-- from when they were made.
alter table api_tokens add column expires_at timestamptz;
update api_tokens set expires_at = created_at + interval '90 days';
alter table api_tokens alter column expires_at set not null;
