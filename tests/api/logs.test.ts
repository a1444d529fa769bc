// The request log (CHIBO_LOG=1) holds no secrets and no personal data: no calendar feed
// token, no search term (a name, a card number), no body (a password), no fragment of a
// record from a database error. A 500 carries an error id that the client sees and the log
// holds, so the two can be matched without the log holding what the user sent.
import { Writable } from 'node:stream';
import type { FastifyInstance, InjectOptions } from 'fastify';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/server.ts';
import { createTestApp, TEST_PASSWORD, type TestApp } from '../helpers/test-app.ts';

let t: TestApp;
let app: FastifyInstance;
let cell: number;
let memberId: number;
let log = '';
let cookie = '';

const logLines = () =>
  log
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as Record<string, unknown>);
const as = (options: InjectOptions) => app.inject({ ...options, cookies: { chibo_session: cookie } });

beforeAll(async () => {
  t = await createTestApp();
  cell = await t.unit({ code: 'NT', name: 'Chi bộ Ngọc Thụy' });
  memberId = await t.member({ fullName: 'Phạm Thị Dung', unitId: cell, partyCardNumber: 'TC987654' });
  await t.user('bithu', [{ role: 'secretary', unitId: cell }], memberId);
  const stream = new Writable({
    write(chunk, _encoding, done) {
      log += String(chunk);
      done();
    },
  });
  app = await buildApp(t.database, { logStream: stream });
  const login = await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: 'bithu', password: TEST_PASSWORD } });
  expect(login.statusCode).toBe(200);
  cookie = login.cookies.find((c) => c.name === 'chibo_session')!.value;
});
afterAll(async () => {
  await app.close();
  await t.close();
});

describe('the request log', () => {
  it('logs each request by method, path and status, without secrets, search terms or bodies', async () => {
    const token = (await as({ method: 'POST', url: '/api/v1/me/calendar-token' })).json().token as string;
    expect((await app.inject({ method: 'GET', url: `/api/v1/calendar/${token}.ics` })).statusCode).toBe(200);
    const byName = await as({ method: 'GET', url: `/api/v1/members?unitId=${cell}&q=${encodeURIComponent('Phạm Thị Dung')}` });
    expect(byName.json().items).toHaveLength(1);
    expect((await as({ method: 'GET', url: `/api/v1/members?unitId=${cell}&q=TC987654` })).statusCode).toBe(200);
    expect((await as({ method: 'GET', url: `/api/v1/members/export.xlsx?unitId=${cell}&q=Dung` })).statusCode).toBe(200);

    const lines = logLines();
    const requests = lines.filter((l) => l.msg === 'incoming request').map((l) => l.req as { method: string; url: string });
    expect(requests).toContainEqual({ method: 'GET', url: '/api/v1/calendar/[redacted].ics' });
    expect(requests).toContainEqual({ method: 'GET', url: '/api/v1/members' });
    expect(requests).toContainEqual({ method: 'POST', url: '/api/v1/auth/login' });
    expect(lines.filter((l) => l.msg === 'request completed').length).toBeGreaterThanOrEqual(5);

    for (const secret of [token, token.slice(4), 'Phạm', 'Ph%E1%BA%A1m', 'Dung', 'TC987654', TEST_PASSWORD, cookie, 'chibo_session']) {
      expect(log, secret).not.toContain(secret);
    }
  });
});

describe('a 500', () => {
  it('shows the client an error id that the log holds, and the log holds no personal data', async () => {
    // The database refuses every audit row, as a full disk or a broken constraint would:
    // the error it raises quotes the refused row, the record's before/after included.
    await sql`alter table audit_log add constraint edge_refuse_all check (false) not valid`.execute(t.database.db);
    log = '';
    const res = await as({ method: 'PATCH', url: `/api/v1/members/${memberId}`, payload: { fullName: 'Phạm Thị Bí Mật' } });
    await sql`alter table audit_log drop constraint edge_refuse_all`.execute(t.database.db);

    expect(res.statusCode).toBe(500);
    const problem = res.json() as { code: string; errorId: string; detail: string };
    expect(problem.code).toBe('internal');
    expect(problem.errorId).toMatch(/^[0-9A-F]{10}$/);
    expect(problem.detail).toBe(`Khi báo lỗi cho quản trị viên, hãy gửi kèm mã lỗi ${problem.errorId}.`);

    const errorLines = logLines().filter((l) => l.level === 50);
    expect(errorLines).toHaveLength(1);
    expect(errorLines[0]).toMatchObject({ errorId: problem.errorId, err: { type: expect.any(String), code: '23514', message: '[not logged]' } }); // PGlite's error class is minified
    expect(JSON.stringify((errorLines[0]!.err as { stack: string }).stack)).toMatch(/at /);
    for (const personal of ['Bí Mật', 'Phạm', 'Dung', 'TC987654', 'edge_refuse_all', 'Failing row']) {
      expect(log, personal).not.toContain(personal);
    }
    // Nothing was changed: the edit and its audit row went together.
    const member = await as({ method: 'GET', url: `/api/v1/members/${memberId}` });
    expect(member.json().fullName).toBe('Phạm Thị Dung');
  });

  it('in English too', async () => {
    await sql`alter table audit_log add constraint edge_refuse_all check (false) not valid`.execute(t.database.db);
    const res = await as({
      method: 'PATCH',
      url: `/api/v1/members/${memberId}`,
      payload: { fullName: 'Phạm Thị Bí Mật' },
      headers: { 'accept-language': 'en' },
    });
    await sql`alter table audit_log drop constraint edge_refuse_all`.execute(t.database.db);
    expect(res.statusCode).toBe(500);
    expect(res.json().detail).toBe(`When you report this to the administrator, quote error code ${res.json().errorId}.`);
  });
});
