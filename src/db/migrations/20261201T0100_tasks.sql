-- Tasks (phân công nhiệm vụ): a piece of work a cell assigns to one or more of its members,
-- from a meeting's resolution (the minutes' action items) or directly. Members report
-- progress with notes and files; the secretary records the outcome. The minutes' action
-- items become tasks here (one mechanism): meeting_action_items is migrated and dropped,
-- each task keeping the id the action item had, with source 'minutes' and its meeting.

create table tasks (
  id serial primary key,
  unit_id integer not null references units(id),
  source text not null check (source in ('direct', 'minutes')),
  meeting_id integer references meetings(id),
  title text not null check (length(title) between 1 and 2000),
  -- The programme it serves (src/modules/tasks/programmes.json: xây dựng nông thôn mới, …).
  programme text check (programme ~ '^[a-z][a-z0-9_]{1,40}$'),
  -- The assignee as the minutes name them ("Đồng chí Cường", "Chi ủy"): shown when no
  -- member is linked; the members themselves are in task_assignees.
  assignee_label text,
  due_on date,
  expected_result text,
  target_value numeric check (target_value is null or target_value >= 0),
  target_unit text,
  -- The secretary's assessment: hoàn thành / hoàn thành chậm / không hoàn thành / vượt yêu cầu.
  outcome text check (outcome in ('done', 'late', 'not_done', 'exceeded')),
  outcome_note text,
  achieved_value numeric,
  outcome_on date,
  outcome_by integer references users(id),
  created_by integer references users(id),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  check ((source = 'minutes') = (meeting_id is not null)),
  check ((outcome is null) = (outcome_on is null))
);
create index tasks_unit_due_idx on tasks (unit_id, due_on);
create index tasks_meeting_idx on tasks (meeting_id) where meeting_id is not null;
create index tasks_open_due_idx on tasks (due_on) where outcome is null;

create table task_assignees (
  task_id integer not null references tasks(id),
  member_id integer not null references members(id),
  primary key (task_id, member_id)
);
create index task_assignees_member_idx on task_assignees (member_id);

-- Progress reports (báo cáo tiến độ): a note, optionally a figure towards the target.
create table task_reports (
  id serial primary key,
  task_id integer not null references tasks(id),
  member_id integer references members(id),
  user_id integer references users(id),
  note text not null check (length(note) between 1 and 5000),
  progress_value numeric check (progress_value is null or progress_value >= 0),
  reported_at timestamptz not null default now()
);
create index task_reports_task_idx on task_reports (task_id);

-- Files attached to a report, in the database like meeting documents.
create table task_report_files (
  id serial primary key,
  report_id integer not null references task_reports(id),
  file_name text not null,
  content_type text not null,
  size_bytes integer not null check (size_bytes between 1 and 10485760),
  content bytea not null,
  uploaded_by integer references users(id),
  uploaded_at timestamptz not null default now()
);
create index task_report_files_report_idx on task_report_files (report_id);

-- The overdue reminder of a task, claimed once (the daily job's batch row, like
-- meeting_notice_batches): its assignees and the cell's secretary are told once per task.
create table task_reminders (
  task_id integer primary key references tasks(id),
  recipients integer not null,
  sent_at timestamptz not null default now()
);

-- The stored action items become tasks with the same ids.
insert into tasks (id, unit_id, source, meeting_id, title, assignee_label, due_on, outcome, outcome_on, created_at, updated_at)
select a.id, m.unit_id, 'minutes', a.meeting_id, a.description, a.assignee, a.due_on,
  case when a.status = 'done' then 'done' end,
  case when a.status = 'done' then coalesce(a.due_on, a.created_at::date) end,
  a.created_at, a.created_at
from meeting_action_items a join meetings m on m.id = a.meeting_id;
insert into task_assignees (task_id, member_id)
select id, member_id from meeting_action_items where member_id is not null;
select setval(pg_get_serial_sequence('tasks', 'id'), greatest((select max(id) from tasks), 1), (select count(*) > 0 from tasks));
drop table meeting_action_items;
