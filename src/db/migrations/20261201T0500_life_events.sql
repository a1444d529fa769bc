-- A member's life events (issue 10 items 3 and 4): the decision behind each status change
-- (number, date, issuing body), transfers of official membership between organisations
-- (QĐ 4192-QĐ/BTCTW), striking-off proposals and their decisions, and the yearly comment
-- of the residence cell on a working member (QĐ 213-QĐ/TW, HD 33-HD/BTCTW).

-- Each status change keeps its whole decision: the number was already there.
alter table member_statuses add column decision_on date;
alter table member_statuses add column issued_by text;

-- Chuyển sinh hoạt đảng chính thức. The sender sends with its decision; the receiver
-- accepts (or returns). Until accepted the member stays placed in the sending cell, so they
-- are never in two cells nor in none. to_unit_id is null when the member leaves the system
-- (destination says where); from_unit_id is null when they arrive from outside (origin).
create table member_transfers (
  id serial primary key,
  member_id integer not null references members(id),
  from_unit_id integer references units(id),
  to_unit_id integer references units(id),
  origin text,
  destination text,
  decision_number text not null,
  decision_on date not null,
  issued_by text not null,
  note text,
  status text not null check (status in ('sent', 'accepted', 'returned')),
  received_on date,
  return_reason text,
  sent_by integer references users(id),
  sent_at timestamptz not null default now(),
  decided_by integer references users(id),
  decided_at timestamptz,
  check (from_unit_id is not null or origin is not null),
  check (to_unit_id is not null or destination is not null)
);
create index member_transfers_member_idx on member_transfers (member_id);
create index member_transfers_to_idx on member_transfers (to_unit_id) where status = 'sent';
create index member_transfers_from_idx on member_transfers (from_unit_id);
-- One transfer in transit per member.
create unique index member_transfers_one_in_transit_idx on member_transfers (member_id) where status = 'sent';

-- Đề nghị xóa tên: the cell proposes with the reason (and the months the system found),
-- the level above decides. A decision to strike off changes the status through the one
-- status mechanism (members/change-member-status.ts).
create table strike_off_proposals (
  id serial primary key,
  member_id integer not null references members(id),
  unit_id integer not null references units(id),
  reason text not null check (reason in ('absence', 'dues', 'other')),
  months text[] not null default '{}',
  note text,
  proposed_on date not null,
  resolution_number text not null,
  status text not null default 'proposed' check (status in ('proposed', 'struck_off', 'rejected')),
  decision_number text,
  decision_on date,
  issued_by text,
  proposed_by integer references users(id),
  decided_by integer references users(id),
  decided_at timestamptz
);
create index strike_off_proposals_member_idx on strike_off_proposals (member_id);
create unique index strike_off_proposals_open_idx on strike_off_proposals (member_id) where status = 'proposed';

-- HD 33 categories: introduced to the residence cell but no yearly comment is collected
-- (armed-forces members in barracks, students far from home, full-time study ≥ 12 months).
alter table member_residence_links add column hd33_category text
  check (hd33_category in ('armed_forces', 'student', 'full_time_study'));

-- The yearly comment (nhận xét) of the residence cell on a working member, asked for by the
-- work-place organisation; one per link and year.
create table residence_comments (
  id serial primary key,
  link_id integer not null references member_residence_links(id),
  member_id integer not null references members(id),
  residence_unit_id integer not null references units(id),
  work_unit_id integer not null references units(id),
  year integer not null check (year between 1930 and 2200),
  requested_on date not null,
  requested_by integer references users(id),
  keeps_contact boolean,
  fulfils_citizen_duties boolean,
  comment text,
  answered_on date,
  answered_by integer references users(id),
  unique (link_id, year)
);
create index residence_comments_residence_idx on residence_comments (residence_unit_id, year);
create index residence_comments_member_idx on residence_comments (member_id, year);
