-- Foundation: units with effective-dated history, members with placements and
-- statuses, accounts, role grants, sessions, tokens, audit trail.

create table unit_events (
  id serial primary key,
  kind text not null check (kind in ('create', 'rename', 'move', 'merge', 'split', 'dissolve')),
  effective_on date not null,
  decision_number text,
  note text,
  payload jsonb not null default '{}'::jsonb,
  created_by integer,
  created_at timestamptz not null default now()
);

create table units (
  id serial primary key,
  code text not null unique,
  name text not null,
  kind text not null check (kind in ('dang_bo_tinh', 'dang_bo_xa', 'dang_bo_co_so', 'chi_bo_co_so',
                                     'chi_bo', 'dang_bo_bo_phan', 'to_dang')),
  parent_id integer references units(id),
  -- '/1/5/23/': the unit's current position, for subtree scope checks with a prefix match.
  path text not null,
  depth integer not null,
  established_on date not null,
  dissolved_on date,
  search_name text not null
);
create index units_parent_idx on units (parent_id);
create index units_path_idx on units (path text_pattern_ops);

-- One row per period during which a unit had a given name, kind and parent.
-- valid_to is exclusive; null while current.
create table unit_versions (
  id serial primary key,
  unit_id integer not null references units(id),
  name text not null,
  kind text not null,
  parent_id integer references units(id),
  valid_from date not null,
  valid_to date,
  event_id integer references unit_events(id)
);
create index unit_versions_unit_idx on unit_versions (unit_id, valid_from);
create index unit_versions_parent_idx on unit_versions (parent_id, valid_from);

create table members (
  id serial primary key,
  full_name text not null,
  given_name text not null,
  search_name text not null,
  sort_key text not null,
  sex text not null check (sex in ('nam', 'nu')),
  date_of_birth date not null,
  ethnicity text not null default 'Kinh',
  religion text not null default 'Không',
  hometown text,
  residence text,
  citizen_id text unique check (citizen_id ~ '^[0-9]{12}$'),
  party_card_number text unique,
  admitted_on date,
  full_member_on date,
  education text,
  theory_level text check (theory_level in ('so_cap', 'trung_cap', 'cao_cap', 'cu_nhan')),
  occupation text,
  position text,
  phone text,
  -- Current cell and status, kept equal to the open rows of member_placements and
  -- member_statuses in the same transaction, so lists need no history join.
  unit_id integer not null references units(id),
  status text not null check (status in ('du_bi', 'chinh_thuc', 'mien_sinh_hoat', 'dinh_chi',
                                         'chuyen_di', 'xoa_ten', 'khai_tru', 'tu_tran')),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
create index members_unit_idx on members (unit_id);
create index members_sort_idx on members (sort_key collate "C", id);

create table member_placements (
  id serial primary key,
  member_id integer not null references members(id),
  unit_id integer not null references units(id),
  valid_from date not null,
  valid_to date,
  decision_number text,
  reason text,
  event_id integer references unit_events(id)
);
create index member_placements_member_idx on member_placements (member_id, valid_from);
create index member_placements_unit_idx on member_placements (unit_id, valid_from);

create table member_statuses (
  id serial primary key,
  member_id integer not null references members(id),
  status text not null,
  valid_from date not null,
  valid_to date,
  decision_number text,
  note text
);
create index member_statuses_member_idx on member_statuses (member_id, valid_from);

create table committee_members (
  id serial primary key,
  unit_id integer not null references units(id),
  member_id integer references members(id),
  full_name text not null,
  position text not null check (position in ('bi_thu', 'pho_bi_thu', 'cap_uy_vien')),
  valid_from date not null,
  valid_to date,
  decision_number text
);
create index committee_members_unit_idx on committee_members (unit_id);

create table users (
  id serial primary key,
  username text not null unique,
  display_name text not null,
  password_hash text not null,
  member_id integer references members(id),
  locale text not null default 'vi' check (locale in ('vi', 'en')),
  is_active boolean not null default true,
  created_at timestamptz not null default now(),
  password_changed_at timestamptz not null default now()
);

create table role_grants (
  id serial primary key,
  user_id integer not null references users(id),
  role text not null check (role in ('admin', 'org_officer', 'committee', 'secretary', 'member')),
  unit_id integer not null references units(id),
  include_subtree boolean not null default true,
  created_at timestamptz not null default now()
);
create index role_grants_user_idx on role_grants (user_id);

create table sessions (
  token_hash text primary key,
  user_id integer not null references users(id),
  created_at timestamptz not null default now(),
  expires_at timestamptz not null
);
create index sessions_user_idx on sessions (user_id);

create table api_tokens (
  id serial primary key,
  user_id integer not null references users(id),
  name text not null,
  token_hash text not null unique,
  created_at timestamptz not null default now(),
  last_used_at timestamptz,
  revoked_at timestamptz
);

create table login_attempts (
  id serial primary key,
  username text not null,
  succeeded boolean not null,
  at timestamptz not null default now()
);
create index login_attempts_user_idx on login_attempts (username, at);

create table audit_log (
  id bigserial primary key,
  at timestamptz not null default now(),
  actor_user_id integer references users(id),
  action text not null,
  entity_type text not null,
  entity_id text not null,
  unit_id integer,
  before jsonb,
  after jsonb
);
create index audit_log_entity_idx on audit_log (entity_type, entity_id, id);
