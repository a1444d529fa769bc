-- The grading workflow (issue 9 items 3, 5, 6): a grading period of a unit, one entry per
-- member and per organisation to grade, each step recorded with who and when, and the
-- amendments of a decided grade. The rule set is fixed when the period is opened (the set in
-- force on the period's end date, src/domain/grading-rules.ts) and its body is kept here,
-- so loading a new set later never changes how the period is graded or what was decided.
create table grading_periods (
  id serial primary key,
  unit_id integer not null references units(id),
  kind text not null check (kind in ('year', 'quarter', 'term', 'ad_hoc')),
  name text not null,
  starts_on date not null,
  ends_on date not null,
  rule_set_code text not null,
  rule_set_version text not null,
  -- The unit's own set (rule_sets.id), or null for a built-in one.
  rule_set_id integer references rule_sets(id),
  rules jsonb not null,
  opened_by integer references users(id),
  opened_at timestamptz not null default now(),
  check (ends_on >= starts_on),
  unique (unit_id, starts_on, ends_on)
);

-- One member or one organisation in a period. `excluded` holds the reason (a message key
-- and its parameters) when the roll left them out; they have no steps then. The decided
-- grade is locked: `grade` changes only through grading_amendments, in the same transaction.
create table grading_entries (
  id serial primary key,
  period_id integer not null references grading_periods(id),
  subject text not null check (subject in ('member', 'organisation')),
  member_id integer references members(id),
  -- The member's unit on the period's end date, or the organisation graded.
  unit_id integer not null references units(id),
  role_group text not null,
  excluded jsonb,
  self_scores jsonb,
  self_points double precision,
  self_grade text check (self_grade in ('htxsnv', 'httnv', 'htnv', 'khtnv')),
  self_forms jsonb,
  self_by integer references users(id),
  self_at timestamptz,
  proposed_scores jsonb,
  proposed_points double precision,
  proposed_grade text check (proposed_grade in ('htxsnv', 'httnv', 'htnv', 'khtnv')),
  proposed_caps jsonb,
  proposal_note text,
  proposed_by integer references users(id),
  proposed_at timestamptz,
  decided_grade text check (decided_grade in ('htxsnv', 'httnv', 'htnv', 'khtnv')),
  decision_number text,
  decided_on date,
  decided_by integer references users(id),
  decided_at timestamptz,
  -- Organisations: recognised "Chi bộ 4 tốt" by the deciding level.
  four_good boolean,
  -- The grade in force: the decided one, or the last amendment's.
  grade text check (grade in ('htxsnv', 'httnv', 'htnv', 'khtnv')),
  check ((subject = 'member') = (member_id is not null)),
  check (decided_grade is null or grade is not null)
);
create unique index grading_entries_member_idx on grading_entries (period_id, member_id) where subject = 'member';
create unique index grading_entries_organisation_idx on grading_entries (period_id, unit_id) where subject = 'organisation';
create index grading_entries_member_lookup_idx on grading_entries (member_id);

create table grading_amendments (
  id serial primary key,
  entry_id integer not null references grading_entries(id),
  from_grade text not null,
  to_grade text not null check (to_grade in ('htxsnv', 'httnv', 'htnv', 'khtnv')),
  reason text not null,
  decision_number text,
  amended_by integer references users(id),
  amended_at timestamptz not null default now()
);
create index grading_amendments_entry_idx on grading_amendments (entry_id);
