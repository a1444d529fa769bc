// Malformed text is refused at the door, for every route, before it reaches the database
// or the audit trail: a lone UTF-16 surrogate or a NUL in a JSON value or key, a query
// string or a path parameter is a 400 problem+json naming the field, never a 500. An empty
// PATCH is the caller's mistake too (400), not an SQL syntax error.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clock } from '../../src/modules/meetings/clock.ts';
import { type Client, createTestApp, type TestApp } from '../helpers/test-app.ts';
import { buildCommune } from './meetings.fixtures.ts';

let t: TestApp;
let admin: Client;
let f: Awaited<ReturnType<typeof buildCommune>>;
let userId: number;
let meetingId: number;
let taskId: number;

const json = (payload: string) => ({ payload, headers: { 'content-type': 'application/json' } });
const paths = (res: { json(): { errors?: { path: string }[] } }) => (res.json().errors ?? []).map((e) => e.path);

function expect400(res: { statusCode: number; headers: Record<string, unknown>; json(): { title: string } }) {
  expect(res.statusCode).toBe(400);
  expect(String(res.headers['content-type'])).toContain('application/problem+json');
  expect(res.json().title).toBe('Dữ liệu gửi lên không hợp lệ.');
}

beforeAll(async () => {
  t = await createTestApp();
  f = await buildCommune(t);
  admin = await t.as('admin');
  clock.set(new Date('2026-03-01T09:00:00+07:00'));
  userId = (await t.database.db.selectFrom('users').select('id').where('username', '=', 'bithu').executeTakeFirstOrThrow()).id;
  const planned = await admin({
    method: 'POST',
    url: '/api/v1/meetings',
    payload: {
      unitId: f.cell1,
      kind: 'regular',
      date: '2026-03-05',
      startTime: '08:00',
      endTime: '10:00',
      place: 'Nhà văn hóa thôn 1',
      topic: 'Sinh hoạt tháng 3',
      focalIssues: ['Làm đường', 'Đảng phí'],
    },
  });
  expect(planned.statusCode, planned.body).toBe(201);
  const task = await admin({
    method: 'POST',
    url: '/api/v1/tasks',
    payload: { unitId: f.cell1, title: 'Tuần tra an ninh', dueOn: '2026-03-31', assigneeIds: [f.regular[1]] },
  });
  expect(task.statusCode, task.body).toBe(201);
  taskId = task.json().id;
  meetingId = planned.json().id;
});
afterAll(async () => {
  clock.reset();
  await t.close();
});

describe('lone surrogates and NUL', () => {
  it('a lone surrogate in a JSON value is a 400 naming the field, and nothing is written', async () => {
    const before = await t.database.db
      .selectFrom('audit_log')
      .select((eb) => eb.fn.countAll().as('n'))
      .executeTakeFirstOrThrow();
    const res = await admin({ method: 'PATCH', url: `/api/v1/members/${f.regular[1]}`, ...json('{"fullName":"Trần Thị \\ud800Bình"}') });
    expect400(res);
    expect(paths(res)).toEqual(['body.fullName']);
    expect(res.json().errors[0].message).toContain('ký tự');
    const after = await t.database.db
      .selectFrom('audit_log')
      .select((eb) => eb.fn.countAll().as('n'))
      .executeTakeFirstOrThrow();
    expect(after.n).toBe(before.n);
    const member = await admin({ method: 'GET', url: `/api/v1/members/${f.regular[1]}` });
    expect(member.json().fullName).toBe('Trần Thị Bình');
  });

  it('a lone low surrogate deep in an array, and a surrogate in a key', async () => {
    const deep = await admin({ method: 'PATCH', url: `/api/v1/meetings/${meetingId}`, ...json('{"focalIssues":["ổn","\\udc00"]}') });
    expect400(deep);
    expect(paths(deep)).toEqual(['body.focalIssues.1']);
    const key = await admin({ method: 'PATCH', url: `/api/v1/users/${userId}`, ...json('{"display\\ud800Name":"X"}') });
    expect400(key);
    expect(paths(key)[0]).toMatch(/^body\.display/);
  });

  it('a pair of surrogates (an emoji) is ordinary text', async () => {
    const res = await admin({ method: 'PATCH', url: `/api/v1/users/${userId}`, ...json('{"displayName":"Bí thư \\ud83c\\udf3e"}') });
    expect(res.statusCode).toBe(200);
    expect(res.json().displayName).toBe('Bí thư 🌾');
  });

  it('a NUL in a query string and in a path parameter is a 400 naming it', async () => {
    const query = await admin({ method: 'GET', url: `/api/v1/members?unitId=${f.cell1}&q=Tr%00n` });
    expect400(query);
    expect(paths(query)).toEqual(['querystring.q']);
    const param = await admin({ method: 'GET', url: '/api/v1/calendar/abcdefghij%00klm.ics' });
    expect400(param);
    expect(paths(param)).toEqual(['params.token']);
  });

  it('a path too long for any address is a 404 in Vietnamese, not a refusal', async () => {
    for (const url of [`/api/v1/units/${'a'.repeat(5000)}`, `/${'a'.repeat(5000)}`]) {
      const res = await admin({ method: 'GET', url });
      expect(res.statusCode, url.slice(0, 20)).toBe(404);
      expect(res.headers['content-type']).toContain('application/problem+json');
      expect(res.json().status).toBe(404);
      expect(res.json().title).toMatch(/Không có địa chỉ/);
    }
  });

  it('a lone surrogate in a query string, whichever way it is spelled, is never a 500', async () => {
    for (const q of ['%ED%A0%80', '%F0%9F', '\ud800']) {
      const res = await admin({ method: 'GET', url: `/api/v1/members?unitId=${f.cell1}&q=a${q}` });
      expect(res.statusCode).toBeLessThan(500);
    }
  });
});

describe('an empty PATCH is a 400 on every PATCH route', () => {
  it.each([
    ['users', () => `/api/v1/users/${userId}`],
    ['members', () => `/api/v1/members/${f.regular[1]}`],
    ['meetings', () => `/api/v1/meetings/${meetingId}`],
    ['tasks', () => `/api/v1/tasks/${taskId}`],
  ])('PATCH /%s/{id} with {}', async (_name, url) => {
    const res = await admin({ method: 'PATCH', url: url(), payload: {} });
    expect400(res);
    expect(res.json().errors[0].message).toBe('Không có thông tin nào để cập nhật.');
  });

  it('every PATCH route in the API is covered by the list above', async () => {
    const doc = (await t.app.inject({ method: 'GET', url: '/api/openapi.json' })).json() as { paths: Record<string, Record<string, unknown>> };
    const patchRoutes = Object.entries(doc.paths)
      .filter(([, ops]) => 'patch' in ops)
      .map(([p]) => p)
      .sort();
    expect(patchRoutes).toEqual(['/api/v1/meetings/{id}', '/api/v1/members/{id}', '/api/v1/tasks/{id}', '/api/v1/users/{id}']);
  });
});

describe('an id in a path or a query string is decimal digits only', () => {
  type Param = { name: string; in: string; schema?: { type?: string } };
  const notIds = ['1e3', '0x10', '%2B7', '%207', '7.0', '1_0'];

  it('on every GET route, "1e3", "0x10", "+7", " 7", "7.0" and "1_0" are a 400 naming the id, never a lookup', async () => {
    const doc = (await t.app.inject({ method: 'GET', url: '/api/openapi.json' })).json() as {
      paths: Record<string, { get?: { parameters?: Param[] } }>;
    };
    const cases: { url: string; field: string }[] = [];
    for (const [path, ops] of Object.entries(doc.paths)) {
      for (const p of ops.get?.parameters ?? []) {
        if (p.schema?.type !== 'integer' || !/(^id|Id)$/.test(p.name)) continue;
        for (const bad of notIds) {
          // Other path parameters get an existing record's id, so only the one under test is wrong.
          const filled = path.replace(/\{(\w+)\}/g, (_m, name: string) => (p.in === 'path' && name === p.name ? bad : String(f.cell1)));
          cases.push({ url: p.in === 'path' ? filled : `${filled}?${p.name}=${bad}`, field: `${p.in === 'path' ? 'params' : 'querystring'}.${p.name}` });
        }
      }
    }
    expect(cases.length).toBeGreaterThan(300);
    const wrong: string[] = [];
    for (const c of cases) {
      const res = await admin({ method: 'GET', url: c.url });
      const named =
        res.statusCode === 400 &&
        (res.json().errors ?? []).some((e: { path: string; message: string }) => e.path === c.field && e.message.startsWith('Mã số không hợp lệ'));
      if (!named) wrong.push(`${c.url} → ${res.statusCode} ${res.body.slice(0, 120)}`);
    }
    expect(wrong).toEqual([]);
  });

  it('leading zeros still name the record, and a missing id in a body is "required"', async () => {
    const res = await admin({ method: 'GET', url: `/api/v1/units/000${f.cell1}` });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().unit.id).toBe(f.cell1);
    const missing = await admin({
      method: 'POST',
      url: '/api/v1/tasks',
      payload: { title: 'Không có chi bộ', dueOn: '2026-03-31', assigneeIds: [f.regular[1]] },
    });
    expect400(missing);
    expect(missing.json().errors).toEqual([{ path: 'body.unitId', message: 'Chưa nhập: trường này là bắt buộc.' }]);
  });
});

describe('a check-in with neither a code nor a QR', () => {
  it('says what to send (found by an outside probe)', async () => {
    for (const payload of [{}, { code: '123456', qr: 'x' }]) {
      const res = await admin({ method: 'POST', url: '/api/v1/meetings/check-in', payload });
      expect400(res);
      expect(res.json().errors).toEqual([{ path: 'body', message: 'Nhập mã điểm danh 6 chữ số, hoặc quét mã QR của buổi sinh hoạt.' }]);
    }
    const short = await admin({ method: 'POST', url: '/api/v1/meetings/check-in', payload: { code: '12' } });
    expect(short.json().errors[0].path).toBe('body.code');
  });
});

describe('a required date left out', () => {
  it('is called missing, not a date that does not exist', async () => {
    const res = await admin({ method: 'GET', url: `/api/v1/figures/units/${f.cell1}/admissions` });
    expect400(res);
    expect(res.json().errors).toEqual(
      expect.arrayContaining([
        { path: 'querystring.from', message: 'Chưa nhập: trường này là bắt buộc.' },
        { path: 'querystring.to', message: 'Chưa nhập: trường này là bắt buộc.' },
      ]),
    );
  });
});
