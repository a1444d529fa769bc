// Two app processes on one PostgreSQL database, as behind a load balancer: both start at
// once on an empty database (migrations take turns), a session opened through one works
// through the other, what is written through one (members, a meeting, its attendance) is
// read through the other with the same figures, the login throttle counts attempts made
// through both, and the background job (pg-boss, both processes running a worker and the
// schedule) sends a meeting notice once: one in-app notice and one email per member.
// PGlite is one process per data folder (its lock refuses a second): PostgreSQL only.

import { sql } from 'kysely';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { type Database, openDatabase } from '../../src/db/connect.ts';
import { listMigrations } from '../../src/db/migrate.ts';
import { addDays, todayInVietnam } from '../../src/domain/calendar.ts';
import { hashPassword } from '../../src/modules/auth/passwords.ts';
import { insertUnit } from '../../src/modules/units/create-unit.ts';
import { type HttpClient, loginOverHttp } from '../crash/server-process.ts';
import { type ChiboProcess, startChibo } from '../helpers/chibo-process.ts';
import { withDatabaseName } from '../helpers/database-url.ts';
import { type SmtpSink, startSmtpSink } from '../helpers/smtp-sink.ts';

const template = inject('template');
const onPostgres = template.kind === 'postgres';
if (!onPostgres) console.warn('two-processes.test.ts: skipped on PGlite (one process per data folder)');

const PASSWORD = 'mat-khau-hai-tien-trinh';
const NAMES = ['Nguyễn Văn An', 'Trần Thị Bình', 'Lê Văn Cường', 'Phạm Thị Dung'];

describe.runIf(onPostgres)('two chibo processes on one PostgreSQL database', () => {
  const name = `chibo_two_${process.pid}`;
  let url = '';
  let a: ChiboProcess;
  let b: ChiboProcess;
  let smtp: SmtpSink;
  let database: Database;
  let viaA: HttpClient;
  let viaB: HttpClient;
  let commune = 0;
  let cell = 0;
  const memberIds: number[] = [];

  const admin = async (query: string) => {
    if (template.kind !== 'postgres') return;
    const client = new pg.Client({ connectionString: template.url });
    await client.connect();
    try {
      await client.query(query);
    } finally {
      await client.end();
    }
  };
  const waitFor = async (what: string, check: () => Promise<boolean> | boolean, ms = 60_000) => {
    const deadline = Date.now() + ms;
    while (!(await check())) {
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}\n--- A:\n${a.output()}\n--- B:\n${b.output()}`);
      await new Promise((r) => setTimeout(r, 200));
    }
  };

  beforeAll(async () => {
    if (template.kind !== 'postgres') return;
    await admin(`drop database if exists ${name} with (force)`);
    await admin(`create database ${name}`);
    url = withDatabaseName(template.url, name);
    smtp = await startSmtpSink();
    // Both on the empty database at the same moment, jobs on, email through the sink.
    const options = { databaseUrl: url, jobs: true, env: { SMTP_URL: smtp.url } };
    [a, b] = await Promise.all([startChibo(options), startChibo(options)]);

    database = await openDatabase({ url });
    commune = await insertUnit(database.db, null, { code: 'HP', name: 'Đảng bộ xã Hòa Phú', kind: 'dang_bo_xa', parentId: null, establishedOn: '2020-01-01' });
    cell = await insertUnit(database.db, null, { code: 'HP.01', name: 'Chi bộ thôn Phú Mỹ', kind: 'chi_bo', parentId: commune, establishedOn: '2020-01-01' });
    const user = await database.db
      .insertInto('users')
      .values({ username: 'xa', display_name: 'Ban tổ chức xã', password_hash: await hashPassword(PASSWORD) })
      .returning('id')
      .executeTakeFirstOrThrow();
    await database.db.insertInto('role_grants').values({ user_id: user.id, role: 'org_officer', unit_id: commune, include_subtree: true }).execute();
    viaA = await loginOverHttp(a.baseUrl, 'xa', PASSWORD);
  }, 300_000);

  afterAll(async () => {
    await Promise.all([a?.stop(), b?.stop()]);
    await database?.close();
    await smtp?.close();
    await admin(`drop database if exists ${name} with (force)`);
  }, 60_000);

  it('both migrated the empty database together: every migration once, one job schedule', async () => {
    const applied = await sql<{ name: string }>`select name from schema_migrations order by name`.execute(database.db);
    expect(applied.rows.map((r) => r.name)).toEqual(listMigrations());
    const schedules = await sql<{ n: number }>`select count(*)::int as n from pgboss.schedule where name = 'meeting-notices'`.execute(database.db);
    expect(schedules.rows[0]!.n).toBe(1);
  });

  it('a session opened through one process is valid through the other', async () => {
    // The cookie A set, carried to B.
    const me = await fetch(`${b.baseUrl}/api/v1/auth/me`, { headers: { cookie: await sessionCookie(a.baseUrl) } });
    expect(me.status).toBe(200);
    expect(((await me.json()) as { username: string }).username).toBe('xa');
    viaB = await loginOverHttp(b.baseUrl, 'xa', PASSWORD);
  });

  it('members, a meeting and its attendance written through A read the same through B', async () => {
    for (const [i, fullName] of NAMES.entries()) {
      const res = await viaA('POST', '/api/v1/members', {
        fullName,
        sex: i % 2 ? 'nu' : 'nam',
        dateOfBirth: '1980-05-17',
        unitId: cell,
        fullMemberOn: '2005-01-01',
        joinedUnitOn: '2020-01-01',
        partyCardNumber: String(81000000 + i),
      });
      expect(res.status, res.body).toBe(201);
      memberIds.push(res.json<{ id: number }>().id);
    }
    const list = (await viaB('GET', `/api/v1/members?unitId=${cell}`)).json<{ total: number; items: { fullName: string }[] }>();
    expect(list.total).toBe(4);
    expect(list.items.map((m) => m.fullName).sort()).toEqual([...NAMES].sort());
    const tree = (await viaB('GET', `/api/v1/units/children?parentId=${commune}`)).json<{ items: { id: number; memberCount: number }[] }>();
    expect(tree.items).toEqual([expect.objectContaining({ id: cell, memberCount: 4 })]);

    const heldOn = addDays(todayInVietnam(), -7);
    const planned = await viaA('POST', '/api/v1/meetings', {
      unitId: cell,
      kind: 'regular',
      date: heldOn,
      startTime: '19:00',
      endTime: '21:00',
      place: 'Nhà văn hóa thôn',
      topic: 'Sinh hoạt thường kỳ',
      focalIssues: ['Thu nộp đảng phí', 'Giữ gìn vệ sinh môi trường'],
    });
    expect(planned.status, planned.body).toBe(201);
    const meetingId = planned.json<{ id: number }>().id;
    const recorded = await viaA('PUT', `/api/v1/meetings/${meetingId}/attendance`, {
      entries: [
        { memberId: memberIds[0], status: 'present' },
        { memberId: memberIds[1], status: 'present' },
        { memberId: memberIds[2], status: 'present' },
        { memberId: memberIds[3], status: 'absent_excused', reason: 'Đi công tác' },
      ],
    });
    expect(recorded.status, recorded.body).toBe(200);

    const throughB = (await viaB('GET', `/api/v1/meetings/${meetingId}/attendance`)).json<{ summary: Record<string, number | null> }>();
    expect(throughB.summary).toEqual(recorded.json<{ summary: Record<string, number | null> }>().summary);
    expect(throughB.summary).toMatchObject({ expected: 4, present: 3, absentExcused: 1, absentUnexcused: 0 });
    const report = (await viaB('GET', `/api/v1/meetings/compliance?unitId=${commune}&from=${heldOn.slice(0, 7)}-01&to=${heldOn}`)).json<{
      cells: { unitId: number; meetingsHeld: number; present: number; expected: number }[];
    }>();
    expect(report.cells).toEqual([expect.objectContaining({ unitId: cell, meetingsHeld: 1, present: 3, expected: 4 })]);
  });

  it('a scheduled meeting notice is sent once: one in-app notice and one email per member, though both processes run the job', async () => {
    await database.db
      .insertInto('notification_emails')
      .values(memberIds.map((id, i) => ({ member_id: id, email: `dv${i}@thon-phu-my.vn` })))
      .execute();
    const date = addDays(todayInVietnam(), 3);
    const planned = await viaA('POST', '/api/v1/meetings', {
      unitId: cell,
      kind: 'thematic',
      date,
      startTime: '19:30',
      endTime: '21:30',
      place: 'Hội trường thôn',
      topic: 'Chuyên đề chuyển đổi số',
    });
    expect(planned.status, planned.body).toBe(201);
    const meetingId = planned.json<{ id: number }>().id;
    await waitFor('4 emails', () => smtp.mails.length >= 4);
    // More runs through both processes: nudged by changes made through A and through B.
    expect((await viaB('PATCH', `/api/v1/meetings/${meetingId}`, { place: 'Hội trường thôn Phú Mỹ' })).status).toBe(200);
    expect((await viaA('PATCH', `/api/v1/meetings/${meetingId}`, { topic: 'Chuyên đề: chuyển đổi số ở thôn' })).status).toBe(200);
    await waitFor('both nudged runs to finish', async () => {
      const r = await sql<{
        n: number;
      }>`select count(*)::int as n from pgboss.job where name = 'meeting-notices' and state in ('created', 'retry', 'active')`.execute(database.db);
      return r.rows[0]!.n === 0;
    });
    await new Promise((r) => setTimeout(r, 3000));

    expect(smtp.mails.map((m) => m.to[0]).sort()).toEqual(memberIds.map((_, i) => `dv${i}@thon-phu-my.vn`).sort());
    const notices = await database.db.selectFrom('notices').select(['member_id', 'kind']).where('meeting_id', '=', meetingId).execute();
    expect(notices.map((n) => n.member_id).sort()).toEqual([...memberIds].sort());
    expect(new Set(notices.map((n) => n.kind))).toEqual(new Set(['meeting_planned']));
    const batches = await database.db.selectFrom('meeting_notice_batches').select(['dedupe_key', 'recipients']).where('meeting_id', '=', meetingId).execute();
    expect(batches).toEqual([expect.objectContaining({ recipients: 4 })]);
  }, 120_000);

  it('the login throttle counts wrong passwords sent through both processes as one', async () => {
    const attempt = (base: string) =>
      fetch(`${base}/api/v1/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username: 'xa', password: 'sai-mat-khau' }),
      }).then((r) => r.status);
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++) statuses.push(await attempt(i % 2 ? b.baseUrl : a.baseUrl));
    // The account allows 5 wrong passwords from one address in 15 minutes, whichever process took them.
    expect(statuses).toEqual([401, 401, 401, 401, 401, 429]);
    expect(await attempt(a.baseUrl)).toBe(429);
    expect(await attempt(b.baseUrl)).toBe(429);
  }, 60_000);
});

/** Logs in and returns the raw session cookie (to carry it to the other process). */
async function sessionCookie(baseUrl: string): Promise<string> {
  const res = await fetch(`${baseUrl}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'xa', password: PASSWORD }),
  });
  return res.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
}
