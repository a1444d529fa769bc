-- Party dues (đảng phí, issue 10 item 5). Money is whole đồng in integer columns, never
-- floating point; months are the first day of the month ('YYYY-MM-01'). What a member owes
-- is computed from these rows by the rule set in force on the month (src/domain/party-dues.ts);
-- only the payment keeps the amount due as it stood when it was recorded.

-- The member's basis, effective dated: a new row closes the one before (valid_to exclusive).
create table dues_bases (
  id serial primary key,
  member_id integer not null references members(id),
  basis text not null check (basis in ('insured_salary', 'pension', 'student', 'other')),
  -- The monthly insured salary or pension, whole đồng (insured_salary, pension only).
  earnings integer check (earnings >= 0),
  -- The amount set for an 'other' member; null: the rule set's default.
  fixed_amount integer check (fixed_amount >= 0),
  past_working_age boolean not null default false,
  valid_from date not null check (extract(day from valid_from) = 1),
  valid_to date check (valid_to is null or (valid_to > valid_from and extract(day from valid_to) = 1)),
  note text,
  created_by integer references users(id),
  created_at timestamptz not null default now(),
  check ((basis in ('insured_salary', 'pension')) = (earnings is not null))
);
create index dues_bases_member_idx on dues_bases (member_id, valid_from);

-- An exemption decided for a member over months [from_month, to_month] (to: last month
-- covered, null: open). The 50-year exemption is computed, never recorded.
create table dues_exemptions (
  id serial primary key,
  member_id integer not null references members(id),
  reason text not null check (reason in ('social_pension', 'poor_household', 'near_poor_household', 'listed_illness', 'hardship')),
  from_month date not null check (extract(day from from_month) = 1),
  to_month date check (to_month is null or (to_month >= from_month and extract(day from to_month) = 1)),
  decision_number text,
  decided_on date,
  note text,
  created_by integer references users(id),
  created_at timestamptz not null default now()
);
create index dues_exemptions_member_idx on dues_exemptions (member_id, from_month);

-- A reduction of 30/50/70% for `months` months from from_month, on the member's request.
create table dues_reductions (
  id serial primary key,
  member_id integer not null references members(id),
  percent integer not null check (percent between 1 and 99),
  from_month date not null check (extract(day from from_month) = 1),
  months integer not null check (months between 1 and 120),
  decision_number text,
  decided_on date,
  note text,
  created_by integer references users(id),
  created_at timestamptz not null default now()
);
create index dues_reductions_member_idx on dues_reductions (member_id, from_month);

-- What a member paid for a month, recorded by their cell. A correction never overwrites: it
-- adds a row and marks the one it replaces (replaced_by), so every amount ever recorded stays;
-- the row in force for (member, month) is the one not replaced.
create table dues_payments (
  id serial primary key,
  member_id integer not null references members(id),
  month date not null check (extract(day from month) = 1),
  -- The cell that collected it (the member's unit that month).
  unit_id integer not null references units(id),
  -- What was due as computed when recorded, and what was paid (more is voluntary extra).
  due integer not null check (due >= 0),
  amount integer not null check (amount >= 0),
  method text not null check (method in ('cash', 'online')),
  reference text,
  paid_on date not null,
  rule_set_code text not null,
  -- Deferred: the replaced row is marked before its successor is written, so the unique index
  -- below never sees two rows in force.
  replaced_by integer references dues_payments(id) deferrable initially deferred,
  recorded_by integer references users(id),
  recorded_at timestamptz not null default now(),
  check (method = 'cash' or reference is not null)
);
create unique index dues_payments_in_force_idx on dues_payments (member_id, month) where replaced_by is null;
create index dues_payments_unit_month_idx on dues_payments (unit_id, month) where replaced_by is null;
