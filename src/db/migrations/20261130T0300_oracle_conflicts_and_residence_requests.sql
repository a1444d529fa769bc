-- Issue 6 item 4 (no membership oracle).
-- A card or citizen ID number submitted in one unit that a member outside the submitter's
-- scope already holds: the submitter gets one anonymous answer, and the organisation board
-- above both units resolves it from this queue.
create table identifier_conflicts (
  id serial primary key,
  kind text not null check (kind in ('party_card_number', 'citizen_id')),
  value text not null,
  source text not null check (source in ('import', 'member.create', 'member.update')),
  submitted_by integer references users(id),
  from_unit_id integer not null references units(id),
  existing_member_id integer not null references members(id),
  -- The holder's cell when the conflict was raised: who sees the entry is decided on
  -- both units, so a later transfer does not hide it from the board that had it.
  existing_unit_id integer not null references units(id),
  status text not null default 'open' check (status in ('open', 'resolved')),
  resolution_note text,
  resolved_by integer references users(id),
  resolved_at timestamptz,
  created_at timestamptz not null default now()
);
-- Repeating a dry run raises no second entry for the same open conflict.
create unique index identifier_conflicts_open_idx on identifier_conflicts (kind, value, from_unit_id, existing_member_id) where status = 'open';
create index identifier_conflicts_status_idx on identifier_conflicts (status, id);

-- Sinh hoạt nơi cư trú by request: a residence cell asking to link a card number it cannot
-- read. member_id is null when no active member holds the card: such a request looks the
-- same to the residence cell and reaches nobody else.
create table residence_link_requests (
  id serial primary key,
  unit_id integer not null references units(id),
  party_card_number text not null,
  member_id integer references members(id),
  valid_from date not null,
  note text,
  status text not null default 'pending' check (status in ('pending', 'accepted', 'declined', 'withdrawn')),
  requested_by integer references users(id),
  requested_at timestamptz not null default now(),
  decided_by integer references users(id),
  decided_at timestamptz,
  link_id integer references member_residence_links(id)
);
create unique index residence_link_requests_pending_idx on residence_link_requests (unit_id, party_card_number) where status = 'pending';
create index residence_link_requests_member_idx on residence_link_requests (member_id) where status = 'pending';
