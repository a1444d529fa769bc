-- The admissions pipeline (issue 10 items 1 and 2): candidates (quần chúng ưu tú, not members)
-- followed by a cell, each step of their way dated and kept (a correction is a new row that
-- supersedes the old one, with its reason), the dossier's documents, and the days an admin
-- adds to the public-holiday calendar for a year (extra days off, make-up working days).
create table admission_candidates (
  id serial primary key,
  unit_id integer not null references units(id),
  -- The village (thôn, bản, tổ dân phố) the candidate lives in. No foreign key yet: the
  -- villages table belongs to another lane; the key is added when both are merged.
  village_id integer,
  full_name text not null,
  sex text not null check (sex in ('nam', 'nu')),
  date_of_birth date not null,
  ethnicity text not null default 'Kinh',
  religion text not null default 'Không',
  residence text,
  occupation text,
  -- Where the pipeline stands: the last step recorded ('probation' after the ceremony).
  stage text not null check (stage in ('source', 'helper_assigned', 'awareness_course', 'application', 'dossier', 'cell_resolution',
    'committee_resolution', 'decision', 'ceremony', 'probation', 'recognised', 'strike_off_proposed')),
  -- The member record made at the ceremony (status dự bị, placed in the cell).
  member_id integer references members(id),
  created_by integer references users(id),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
create index admission_candidates_unit on admission_candidates (unit_id, stage);

create table admission_steps (
  id serial primary key,
  candidate_id integer not null references admission_candidates(id),
  stage text not null check (stage in ('source', 'helper_assigned', 'awareness_course', 'application', 'dossier', 'cell_resolution',
    'committee_resolution', 'decision', 'ceremony', 'recognised', 'strike_off_proposed')),
  done_on date not null,
  decision_number text,
  -- The member helping the candidate (helper_assigned) or sponsoring them (dossier: form 3-KNĐ).
  member_id integer references members(id),
  -- The sponsor has worked, studied or lived with the candidate since this day.
  known_since date,
  votes_for integer check (votes_for >= 0),
  votes_total integer check (votes_total >= 0),
  note text,
  -- A correction: the step it replaces, and why. The replaced row stays, superseded.
  corrects_step_id integer references admission_steps(id),
  correction_reason text,
  superseded boolean not null default false,
  recorded_by integer references users(id),
  recorded_at timestamptz not null default now(),
  check (votes_for is null or votes_total is null or votes_for <= votes_total),
  check ((corrects_step_id is null) = (correction_reason is null))
);
create index admission_steps_candidate on admission_steps (candidate_id, stage) where not superseded;

-- The dossier (RULES.md §3): each document with its status.
create table admission_documents (
  candidate_id integer not null references admission_candidates(id),
  document text not null check (document in ('certificate', 'application', 'personal_history', 'verification', 'sponsor_form',
    'union_resolution', 'residence_comment')),
  status text not null check (status in ('received', 'verified')),
  received_on date not null,
  verified_on date,
  note text,
  recorded_by integer references users(id),
  updated_at timestamptz not null default now(),
  primary key (candidate_id, document),
  check ((status = 'verified') = (verified_on is not null)),
  check (verified_on is null or verified_on >= received_on)
);

-- Days an admin enters for a year, over the rule set's holidays: more days off, or a weekend
-- day made a working day (the Prime Minister's yearly swaps around Tết and 2/9).
create table calendar_days (
  day date primary key,
  kind text not null check (kind in ('day_off', 'working_day')),
  note text not null,
  created_by integer references users(id),
  created_at timestamptz not null default now()
);
