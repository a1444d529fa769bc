-- An import applied on PGlite is written in short transactions, so the one connection
-- keeps answering other users between them. Each run is journaled here: for each member
-- it touched, null (created by the run) or the member as it was before (its row, its
-- placements and statuses). A run that fails, or whose process dies, is undone from the
-- journal — at once, or when the server next starts. On PostgreSQL an import is one
-- transaction and writes no journal.
create table import_runs (
  id serial primary key,
  unit_id integer not null references units(id),
  actor_user_id integer references users(id),
  file_name text,
  state text not null check (state in ('running', 'done', 'undone')),
  started_at timestamptz not null default now(),
  finished_at timestamptz
);
create index import_runs_running_idx on import_runs (id) where state = 'running';

create table import_run_members (
  run_id integer not null references import_runs(id),
  member_id integer not null,
  before jsonb,
  primary key (run_id, member_id)
);
