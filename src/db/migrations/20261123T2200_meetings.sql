-- Meetings (issue 3): plans, topic bank, committee pre-meetings, documents, guests,
-- check-in and roll call, minutes with amendments and action items, quality grades,
-- rule sets loaded by units, residence-cell links, in-app notices and calendar feeds.

-- Versioned rule sets that a province or unit loads for itself (built-in ones ship as
-- JSON files in src/domain/rules/). The nearest unit's set in force on a date wins.
create table rule_sets (
  id serial primary key,
  kind text not null,
  code text not null,
  unit_id integer not null references units(id),
  title text not null,
  source text,
  effective_from date not null,
  effective_to date,
  body jsonb not null,
  created_by integer references users(id),
  created_at timestamptz not null default now(),
  unique (kind, unit_id, code, effective_from)
);
create index rule_sets_unit_idx on rule_sets (unit_id, kind);

-- Topic bank (ngân hàng chuyên đề): published topics are offered to every unit below the
-- publishing unit; local ones only to the unit that wrote them.
create table meeting_topics (
  id serial primary key,
  unit_id integer not null references units(id),
  title text not null,
  summary text,
  published boolean not null default false,
  created_by integer references users(id),
  created_at timestamptz not null default now()
);
create index meeting_topics_unit_idx on meeting_topics (unit_id);

create table meetings (
  id serial primary key,
  unit_id integer not null references units(id),
  -- A cell meeting by party group (tổ đảng): the roll is that group's members.
  party_group_id integer references units(id),
  kind text not null check (kind in ('regular', 'thematic', 'committee', 'grassroots_committee', 'briefing', 'extraordinary')),
  held_on date not null,
  starts_at timestamptz not null,
  ends_at timestamptz not null,
  place text not null,
  topic text not null,
  topic_id integer references meeting_topics(id),
  focal_issues jsonb not null default '[]'::jsonb,
  agenda jsonb not null default '[]'::jsonb,
  -- A committee pre-meeting (họp chi ủy) points at the cell meeting it prepares.
  prepares_meeting_id integer references meetings(id),
  status text not null default 'planned' check (status in ('planned', 'cancelled')),
  cancel_reason text,
  check_in_code text not null check (check_in_code ~ '^[0-9]{6}$'),
  -- Signs the QR payload; never sent to members, only its HMAC is.
  check_in_secret text not null,
  created_by integer references users(id),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  check (ends_at > starts_at)
);
create index meetings_unit_idx on meetings (unit_id, held_on);
create index meetings_code_idx on meetings (check_in_code, held_on);
create index meetings_prepares_idx on meetings (prepares_meeting_id);
create index meetings_topic_idx on meetings (topic_id);
create index meetings_group_idx on meetings (party_group_id);

-- What the committee agreed before the meeting: each member's strengths and
-- shortcomings, the content, the draft resolution. Kept on the committee meeting.
create table meeting_preparations (
  meeting_id integer primary key references meetings(id),
  member_reviews jsonb not null default '[]'::jsonb,
  agreed_content text,
  draft_resolution text,
  updated_by integer references users(id),
  updated_at timestamptz not null default now()
);

create table meeting_documents (
  id serial primary key,
  meeting_id integer not null references meetings(id),
  file_name text not null,
  content_type text not null,
  size_bytes integer not null check (size_bytes between 1 and 10485760),
  content bytea not null,
  uploaded_by integer references users(id),
  uploaded_at timestamptz not null default now()
);
create index meeting_documents_meeting_idx on meeting_documents (meeting_id);

-- Guests: members of higher committees assigned to attend and guide, or other invitees.
create table meeting_guests (
  id serial primary key,
  meeting_id integer not null references meetings(id),
  member_id integer references members(id),
  full_name text not null,
  position text,
  assigned_by_unit_id integer references units(id),
  attended boolean,
  created_by integer references users(id),
  created_at timestamptz not null default now()
);
create unique index meeting_guests_member_uq on meeting_guests (meeting_id, member_id) where member_id is not null;
create index meeting_guests_member_idx on meeting_guests (member_id);

-- Self check-in: one row per member and meeting. The primary key is what refuses a
-- second check-in, even when two requests race.
create table meeting_check_ins (
  meeting_id integer not null references meetings(id),
  member_id integer not null references members(id),
  method text not null check (method in ('code', 'qr')),
  checked_in_at timestamptz not null default now(),
  primary key (meeting_id, member_id)
);

-- The secretary's roll call; overrides a self check-in for the same member.
create table meeting_attendance (
  meeting_id integer not null references meetings(id),
  member_id integer not null references members(id),
  status text not null check (status in ('present', 'absent_excused', 'absent_unexcused')),
  reason text,
  recorded_by integer references users(id),
  recorded_at timestamptz not null default now(),
  primary key (meeting_id, member_id)
);

create table meeting_minutes (
  meeting_id integer primary key references meetings(id),
  content jsonb not null,
  number text,
  -- Attendance as it stood when the minutes were adopted: the adopted text never moves.
  attendance_snapshot jsonb,
  adopted_at timestamptz,
  adopted_by integer references users(id),
  updated_by integer references users(id),
  updated_at timestamptz not null default now()
);

create table meeting_minutes_amendments (
  id serial primary key,
  meeting_id integer not null references meetings(id),
  reason text not null,
  before jsonb not null,
  after jsonb not null,
  amended_by integer references users(id),
  amended_at timestamptz not null default now()
);
create index meeting_minutes_amendments_meeting_idx on meeting_minutes_amendments (meeting_id, id);

-- Tasks assigned in the minutes; they stay here until the tasks module takes them over.
create table meeting_action_items (
  id serial primary key,
  meeting_id integer not null references meetings(id),
  member_id integer references members(id),
  assignee text not null,
  description text not null,
  due_on date,
  status text not null default 'open' check (status in ('open', 'done')),
  created_at timestamptz not null default now()
);
create index meeting_action_items_meeting_idx on meeting_action_items (meeting_id);
create index meeting_action_items_member_idx on meeting_action_items (member_id);

create table meeting_quality (
  meeting_id integer primary key references meetings(id),
  rule_set_code text not null,
  rule_set_version text not null,
  ticks jsonb not null default '{}'::jsonb,
  result jsonb not null,
  points numeric not null,
  max_points numeric not null,
  grade text not null,
  graded_by integer references users(id),
  graded_at timestamptz not null default now()
);

-- Sinh hoạt nơi cư trú (QĐ 213): the residence cell a working member keeps contact with.
create table member_residence_links (
  id serial primary key,
  member_id integer not null references members(id),
  unit_id integer not null references units(id),
  valid_from date not null,
  valid_to date,
  note text,
  created_by integer references users(id),
  created_at timestamptz not null default now()
);
create index member_residence_links_member_idx on member_residence_links (member_id);
create index member_residence_links_unit_idx on member_residence_links (unit_id);

-- The secret in a member's calendar feed URL; only its hash is kept.
create table calendar_tokens (
  member_id integer primary key references members(id),
  token_hash text not null unique,
  created_at timestamptz not null default now()
);

-- In-app notices. dedupe_key makes a reminder job safe to run twice.
create table notices (
  id bigserial primary key,
  member_id integer not null references members(id),
  kind text not null,
  meeting_id integer references meetings(id),
  params jsonb not null default '{}'::jsonb,
  dedupe_key text not null,
  created_at timestamptz not null default now(),
  read_at timestamptz,
  emailed_at timestamptz,
  unique (member_id, dedupe_key)
);
create index notices_member_idx on notices (member_id, id);

-- One row per meeting and notice batch (planned / reminder / cancelled, for a given start
-- time), so the periodic job skips meetings it has already announced.
create table meeting_notice_batches (
  meeting_id integer not null references meetings(id),
  dedupe_key text not null,
  recipients integer not null,
  sent_at timestamptz not null default now(),
  primary key (meeting_id, dedupe_key)
);

create table notification_emails (
  member_id integer primary key references members(id),
  email text not null,
  updated_at timestamptz not null default now()
);
