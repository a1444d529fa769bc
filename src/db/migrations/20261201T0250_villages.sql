-- Villages and residential areas (thôn, bản, tổ dân phố), where members live, and yearly
-- admission targets per cell (issue 10 item 6). A village belongs to the cell that works
-- there (its commune is the cell's ancestor on the date, from unit_ancestry). It is
-- effective-dated: established_on inclusive, dissolved_on exclusive (the first day it no
-- longer exists); a merge dissolves it into another village (merged_into_id) and moves the
-- members who lived there to the surviving village from the same day.
create table villages (
  id serial primary key,
  cell_id integer not null references units(id),
  name text not null check (length(name) between 1 and 200),
  kind text not null check (kind in ('thon', 'ban', 'to_dan_pho')),
  established_on date not null,
  dissolved_on date,
  merged_into_id integer references villages(id),
  decision_number text,
  created_by integer references users(id),
  check (dissolved_on is null or dissolved_on > established_on),
  check (merged_into_id is null or dissolved_on is not null)
);
create index villages_cell_idx on villages (cell_id, established_on);
-- Two villages of one cell in force at the same time never share a name (imports match by name).
create unique index villages_cell_name_open_idx on villages (cell_id, lower(name)) where dissolved_on is null;

-- Where a member lives (nơi cư trú), effective-dated: "members living in village V on D"
-- are the rows in force on D of members who are members on D.
create table member_residences (
  id serial primary key,
  member_id integer not null references members(id),
  village_id integer not null references villages(id),
  valid_from date not null,
  valid_to date,
  created_by integer references users(id),
  check (valid_to is null or valid_to > valid_from)
);
create index member_residences_village_idx on member_residences (village_id, valid_from);
create index member_residences_member_idx on member_residences (member_id, valid_from);

-- Admission targets (chỉ tiêu kết nạp đảng viên) a committee sets each year for its cells.
create table growth_targets (
  id serial primary key,
  cell_id integer not null references units(id),
  year integer not null check (year between 1930 and 2200),
  target integer not null check (target between 0 and 10000),
  set_by_unit_id integer not null references units(id),
  set_by integer references users(id),
  updated_at timestamptz not null default now(),
  unique (cell_id, year)
);
