// The migration that made the minutes' action items tasks (20261201T0100_tasks.sql): on a
// database holding action items as issue 3 stored them, each becomes a task of the
// meeting's cell with the same id, source 'minutes' and its meeting; a done item is an
// assessed task ("hoàn thành"), its member an assignee; new tasks continue after the ids.
import fs from 'node:fs';
import path from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/test-app.ts';
import { buildCommune, closeQuietly } from './meetings.fixtures.ts';

let t: TestApp;
let f: Awaited<ReturnType<typeof buildCommune>>;
const MIGRATION = fs.readFileSync(path.resolve('src/db/migrations/20261201T0100_tasks.sql'), 'utf8');

beforeAll(async () => {
  t = await createTestApp();
  f = await buildCommune(t);
});
afterAll(async () => closeQuietly(t));

describe('meeting_action_items → tasks', () => {
  it('moves every action item, keeping its id, meeting, member and whether it was done', async () => {
    const db = t.database.db;
    const meeting = await db
      .insertInto('meetings')
      .values({
        unit_id: f.cell1,
        kind: 'regular',
        held_on: '2026-02-12',
        starts_at: new Date('2026-02-12T19:30:00+07:00'),
        ends_at: new Date('2026-02-12T21:30:00+07:00'),
        place: 'Nhà văn hóa thôn 1',
        topic: 'Sinh hoạt tháng 2',
        check_in_code: '111222',
        check_in_secret: 'x',
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    // The database as it was before: no tasks, the action items of issue 3.
    await t.database.execScript(`
      drop table task_reminders, task_report_files, task_reports, task_assignees, tasks;
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
      insert into meeting_action_items (id, meeting_id, member_id, assignee, description, due_on, status, created_at) values
        (7, ${meeting.id}, ${f.regular[2]}, 'Lê Văn Cường', 'Nạo vét kênh mương', '2026-02-25', 'done', '2026-02-12 21:30+07'),
        (9, ${meeting.id}, null, 'Chi ủy', 'Thu đảng phí quý I', null, 'open', '2026-02-12 21:30+07');`);
    await t.database.execScript(MIGRATION);

    const tasks = await db.selectFrom('tasks').selectAll().orderBy('id').execute();
    expect(tasks.map((x) => [x.id, x.unit_id, x.source, x.meeting_id, x.title, x.assignee_label, x.due_on, x.outcome, x.outcome_on])).toEqual([
      [7, f.cell1, 'minutes', meeting.id, 'Nạo vét kênh mương', 'Lê Văn Cường', '2026-02-25', 'done', '2026-02-25'],
      [9, f.cell1, 'minutes', meeting.id, 'Thu đảng phí quý I', 'Chi ủy', null, null, null],
    ]);
    expect(await db.selectFrom('task_assignees').selectAll().execute()).toEqual([{ task_id: 7, member_id: f.regular[2] }]);
    const gone = await sql<{ n: number }>`select count(*)::int as n from information_schema.tables where table_name = 'meeting_action_items'`.execute(db);
    expect(gone.rows[0]!.n).toBe(0);
    // A task assigned afterwards takes the next id.
    const next = await db.insertInto('tasks').values({ unit_id: f.cell1, source: 'direct', title: 'Mới' }).returning('id').executeTakeFirstOrThrow();
    expect(next.id).toBe(10);
  });
});
