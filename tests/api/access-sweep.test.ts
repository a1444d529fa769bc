// Access across the whole API, read from the OpenAPI document: two communes, A ("Đông")
// and B ("Tây"), each with cells, members, a meeting and its records. People of commune A
// — a cell secretary, a commune committee member, a plain member, a commune admin — ask
// every GET operation that takes an id for B's records and get exactly what they would
// get for an id that does not exist (404; never a 403 that an id of nothing would not get); every write with B's ids is the
// same 404 and writes nothing; no list, count, export or figure ever shows B. Every write
// made through the API lands with its audit row.
import ExcelJS from 'exceljs';
import type { LightMyRequestResponse } from 'fastify';
import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clock } from '../../src/modules/meetings/clock.ts';
import { MULTIPART, type Operation, readOperations, type Schema } from '../helpers/openapi-operations.ts';
import { type Client, createTestApp, type TestApp } from '../helpers/test-app.ts';
import { B_MARK, buildTwoCommunes, type TwoCommunes } from '../helpers/two-communes.ts';

const NOWHERE = '2000000000';
// The calendar feed is reached by its secret token, not by an id: the token is the credential.
const BY_SECRET = new Set(['GET /api/v1/calendar/{token}.ics']);

let t: TestApp;
let root: Client;
let u: TwoCommunes['u'], m: TwoCommunes['m'], user: TwoCommunes['user'], b: TwoCommunes['b'], a: TwoCommunes['a'], as: TwoCommunes['as'];
let world: TwoCommunes;
let ops: Operation[];

const write: TwoCommunes['write'] = (...args) => world.write(...args);

beforeAll(async () => {
  t = await createTestApp();
  world = await buildTwoCommunes(t);
  ({ u, m, user, a, b, as, root } = world);
  ops = await readOperations(t.app);
});
afterAll(async () => {
  clock.reset();
  t.database.pgPool?.on('error', () => {});
  await t.close();
});

const operations = () => ops;

const ID_QUERY = /^(unitId|parentId|entityId)$/;
const takesId = (op: Operation) => op.parameters.some((p) => p.in === 'path' || (p.in === 'query' && ID_QUERY.test(p.name)));

/** B's record behind a path parameter (or an id in the query). */
function bValue(path: string, name: string): string {
  const area = path.split('/')[3];
  const value = (() => {
    switch (name) {
      case 'grantId':
        return b.grant;
      case 'committeeId':
        return b.committee;
      case 'documentId':
        return b.document;
      case 'guestId':
        return b.guest;
      case 'unitId':
        return u.cellB;
      case 'parentId':
        return u.communeB;
      case 'entityId':
        return m.b1;
      default:
        if (area === 'users') return user.secB;
        if (area === 'members') return m.b1;
        if (area === 'units') return u.cellB;
        if (area === 'residence-links') return b.residenceLink;
        if (area === 'villages') return b.village;
        if (path.startsWith('/api/v1/dues/members')) return m.b1;
        if (path.startsWith('/api/v1/dues/units')) return u.cellB;
        if (area === 'residence-link-requests') return b.residenceRequest;
        if (area === 'identifier-conflicts') return b.identifierConflict;
        if (path.startsWith('/api/v1/grading/periods')) return b.gradingPeriod;
        if (path.startsWith('/api/v1/grading/entries')) return b.gradingEntry;
        if (path.startsWith('/api/v1/me/tokens')) return b.token;
        if (path.startsWith('/api/v1/me/notices')) return b.notice;
        if (path.includes('/preparation')) return b.committeeMeeting;
        return b.meeting;
    }
  })();
  return String(value);
}

const sampleQuery: Record<string, string> = {
  from: '2026-01-01',
  to: '2026-12-31',
  kind: 'regular',
  q: 'tay',
  entityType: 'member',
  at: '2026-06-01',
  on: '2026-03-10',
  startsOn: '2025-01-01',
  endsOn: '2025-12-31',
  month: '2026-03',
};

/** A valid value for a body property, pointing at A's records, so only the id in the path is B's. */
function sample(schema: Schema, name?: string): unknown {
  const byName: Record<string, unknown> = {
    unitId: u.cellA,
    parentId: u.communeA,
    memberId: m.a3,
    sourceIds: [u.cellA],
    memberIds: [],
    childUnitIds: [],
    focalIssues: ['Một', 'Hai'],
    endTime: '21:00',
    partyCardNumber: 'TB000001',
    password: 'mat-khau-moi-123',
    status: undefined,
  };
  if (name && byName[name] !== undefined) return byName[name];
  const s = (schema.anyOf ?? schema.oneOf)?.[0] ?? schema;
  if (s.const !== undefined) return s.const;
  if (s.enum) return s.enum[0];
  const type = Array.isArray(s.type) ? s.type.find((x) => x !== 'null') : (s.type ?? (s.properties ? 'object' : undefined));
  switch (type) {
    case 'string':
      if (s.format === 'date') return '2026-03-10';
      if (s.format === 'email') return 'kiem-thu@example.vn';
      if (s.pattern?.includes(':[0-5]')) return '19:00';
      if (s.pattern && new RegExp(s.pattern).test('123')) return '123';
      return 'Nội dung thử'.slice(0, s.maxLength ?? 100).padEnd(s.minLength ?? 0, 'x');
    case 'integer':
    case 'number':
      return Math.max(1, s.minimum ?? 1);
    case 'boolean':
      return false;
    case 'array':
      return s.minItems ? [sample(s.items ?? {})] : [];
    case 'object':
      return Object.fromEntries((s.required ?? []).map((k) => [k, sample(s.properties?.[k] ?? {}, k)]));
    default:
      return 'abc';
  }
}

function request(op: Operation, idOf: (name: string) => string) {
  // A month in the path is not a record: it stays a valid month whoever's id is tried.
  const path = op.path.replace(/\{(\w+)\}/g, (_, name: string) => encodeURIComponent(name === 'month' ? sampleQuery.month! : idOf(name)));
  const qs = new URLSearchParams();
  for (const p of op.parameters.filter((x) => x.in === 'query')) {
    if (ID_QUERY.test(p.name)) qs.set(p.name, idOf(p.name));
    else if (p.required) qs.set(p.name, sampleQuery[p.name] ?? String(sample(p.schema, p.name)));
  }
  const url = qs.toString() ? `${path}?${qs}` : path;
  return { method: op.method as 'GET', url, ...(op.body ? { payload: sample(op.body) as object } : {}) };
}

/** What a reader sees of a response: JSON as text, spreadsheets and documents as their text. */
async function readable(res: LightMyRequestResponse): Promise<string> {
  const type = String(res.headers['content-type'] ?? '');
  if (type.includes('spreadsheetml')) {
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const texts: string[] = [];
    workbook.eachSheet((sheet) => sheet.eachRow((row) => row.eachCell((cell) => texts.push(String(cell.value)))));
    return texts.join('\n');
  }
  if (type.includes('wordprocessingml')) return (await JSZip.loadAsync(res.rawPayload)).file('word/document.xml')!.async('string');
  return res.body;
}

const scrub = (body: string) => body.replace(/"(at|generatedAt|createdAt)":"[^"]*"/g, '"$1":"…"');

const A_PEOPLE = ['secA', 'comA', 'plainA', 'adminA'] as const;

describe("GET with B's ids, asked by the people of commune A", () => {
  it('answers exactly as for an id that does not exist (404, or 403 for what they may not ask at all), nothing of B', async () => {
    const ops = operations().filter((op) => op.method === 'GET' && takesId(op) && !BY_SECRET.has(`${op.method} ${op.path}`));
    const failures: string[] = [];
    const statuses = new Map<string, Set<number>>();
    for (const who of A_PEOPLE) {
      await Promise.all(
        ops.map(async (op) => {
          const withB = await as[who]!(request(op, (name) => bValue(op.path, name)));
          const nowhere = await as[who]!(request(op, () => NOWHERE));
          const where = `${who}: GET ${op.path}`;
          statuses.set(op.path, new Set([...(statuses.get(op.path) ?? []), withB.statusCode]));
          if (withB.statusCode !== nowhere.statusCode) failures.push(`${where} → ${withB.statusCode} with B's id, ${nowhere.statusCode} with an id of nothing`);
          else if (withB.statusCode === 200 && scrub(await readable(withB)) !== scrub(await readable(nowhere)))
            failures.push(`${where} → 200, and the answer differs from the one for an id of nothing`);
          if ((await readable(withB)).includes(B_MARK)) failures.push(`${where} shows B's names`);
        }),
      );
    }
    console.info(
      `GET operations with an id, asked with B's ids by ${A_PEOPLE.join(', ')} (${ops.length}):\n${ops.map((op) => `  GET ${op.path} → ${[...statuses.get(op.path)!].join('/')}`).join('\n')}`,
    );
    expect(ops.length).toBeGreaterThanOrEqual(25);
    expect(failures).toEqual([]);
  });

  it('the secretary of cell A gets 404 for each of them', async () => {
    const ops = operations().filter((op) => op.method === 'GET' && takesId(op) && !BY_SECRET.has(`${op.method} ${op.path}`));
    // Except where A's secretary may not ask at all (the audit trail), and the filters of
    // a list, which answer an empty list for a unit they cannot see, as for no unit.
    const notById = new Set(['/api/v1/audit', '/api/v1/members', '/api/v1/members/export.xlsx', '/api/v1/tasks']);
    const wrong: string[] = [];
    for (const op of ops.filter((o) => !notById.has(o.path))) {
      const res = await as.secA!(request(op, (name) => bValue(op.path, name)));
      if (res.statusCode !== 404) wrong.push(`GET ${op.path} → ${res.statusCode}`);
      else expect(res.headers['content-type']).toContain('application/problem+json');
    }
    expect(wrong).toEqual([]);
  });
});

describe("writes with B's ids, by the people of commune A", () => {
  it('are the same 404 as for an id of nothing, and write nothing', async () => {
    const ops = operations().filter((op) => op.method !== 'GET' && op.parameters.some((p) => p.in === 'path') && !MULTIPART.has(`${op.method} ${op.path}`));
    const failures: string[] = [];
    let conclusive = 0;
    const auditBefore = await t.database.db
      .selectFrom('audit_log')
      .select((eb) => eb.fn.max('id').as('max'))
      .executeTakeFirstOrThrow();
    for (const who of ['secA', 'comA', 'adminA'] as const) {
      for (const op of ops) {
        const withB = await as[who]!(request(op, (name) => bValue(op.path, name)));
        const nowhere = await as[who]!(request(op, () => NOWHERE));
        const where = `${who}: ${op.method} ${op.path}`;
        if (withB.statusCode === 404) conclusive += 1;
        if (withB.statusCode !== nowhere.statusCode)
          failures.push(`${where} → ${withB.statusCode} with B's id, ${nowhere.statusCode} with an id of nothing: ${withB.body.slice(0, 160)}`);
        if (withB.statusCode < 400) failures.push(`${where} → ${withB.statusCode}: changed B's record`);
      }
    }
    const written = await t.database.db
      .selectFrom('audit_log')
      .select(['action', 'unit_id'])
      .where('id', '>', Number(auditBefore.max ?? 0))
      .execute();
    console.info(`writes with B's ids: ${ops.length} operations × 3 people, ${conclusive} reached the access check (404)`);
    expect(failures).toEqual([]);
    expect(written).toEqual([]);
    expect(conclusive).toBeGreaterThan(ops.length * 2);
  });
});

/** A's record behind a path parameter, for writes whose body names B's records. */
function aValue(path: string, name: string): string {
  const area = path.split('/')[3];
  if (name === 'token') return 'cal_nothing-here';
  if (area === 'users') return String(user.plainA);
  if (area === 'members') return String(m.a3);
  if (area === 'units') return String(u.cellA);
  if (path.includes('/meetings/{id}')) return String(a.meeting);
  return NOWHERE;
}

/** B's record for an id named in a body. */
function bBodyValue(name: string): unknown {
  const values: Record<string, unknown> = {
    unitId: u.cellB,
    parentId: u.communeB,
    memberId: m.b1,
    partyGroupId: u.groupB,
    topicId: b.topic,
    preparesMeetingId: b.meeting,
    assignedByUnitId: u.communeB,
    sourceIds: [u.cellB],
    guestId: b.guest,
  };
  return values[name];
}

describe("writes naming B's records in the body, by the people of commune A", () => {
  it('are refused exactly as for an id of nothing, and write nothing', async () => {
    const propsOf = (op: Operation) => Object.keys(((op.body?.anyOf ?? op.body?.oneOf)?.[0] ?? op.body)?.properties ?? {});
    const withIds = operations().filter((op) => op.method !== 'GET' && op.body && propsOf(op).some((k) => bBodyValue(k) !== undefined));
    const failures: string[] = [];
    const covered: string[] = [];
    const auditBefore = await t.database.db
      .selectFrom('audit_log')
      .select((eb) => eb.fn.max('id').as('max'))
      .executeTakeFirstOrThrow();
    for (const who of ['secA', 'comA', 'adminA'] as const) {
      for (const op of withIds) {
        const base = request(op, (name) => aValue(op.path, name));
        for (const key of propsOf(op).filter((k) => bBodyValue(k) !== undefined)) {
          const nothing = Array.isArray(bBodyValue(key)) ? [Number(NOWHERE)] : Number(NOWHERE);
          const withB = await as[who]!({ ...base, payload: { ...(base.payload as object), [key]: bBodyValue(key) } });
          const nowhere = await as[who]!({ ...base, payload: { ...(base.payload as object), [key]: nothing } });
          const where = `${who}: ${op.method} ${op.path} with body.${key} of B`;
          covered.push(`${op.method} ${op.path} body.${key}`);
          if (withB.statusCode < 400) failures.push(`${where} → ${withB.statusCode}: accepted B's record`);
          else if (withB.statusCode !== nowhere.statusCode)
            failures.push(`${where} → ${withB.statusCode}, ${nowhere.statusCode} for an id of nothing: ${withB.body.slice(0, 160)}`);
        }
      }
    }
    const written = await t.database.db
      .selectFrom('audit_log')
      .select(['action', 'unit_id'])
      .where('id', '>', Number(auditBefore.max ?? 0))
      .where('action', 'not like', 'member.read%')
      .execute();
    console.info(`body ids of B (${new Set(covered).size}):\n${[...new Set(covered)].map((c) => `  ${c}`).join('\n')}`);
    expect(failures).toEqual([]);
    expect(written).toEqual([]);
  });
});

describe('lists, counts, exports and figures seen from commune A', () => {
  it("never show B's names, units, members or meetings", async () => {
    const bUnits = new Set([u.communeB, u.cellB, u.cellB2, u.groupB]);
    const bMembers = new Set([m.b1, m.b2, m.b3, m.b4]);
    const bMeetings = new Set([b.meeting, b.committeeMeeting]);
    const lists = operations().filter((op) => op.method === 'GET' && !op.parameters.some((p) => p.in === 'path'));
    const unitIds = [u.province, u.communeA, u.cellA];
    const failures: string[] = [];
    let asked = 0;
    const check = (where: string, value: unknown, key = '') => {
      if (Array.isArray(value)) {
        for (const v of value) check(where, v, key);
        return;
      }
      if (value && typeof value === 'object') {
        for (const [k, v] of Object.entries(value)) check(where, v, k);
        return;
      }
      if (typeof value !== 'number') return;
      if (/^(unitId|parentId|workUnitId|assignedByUnitId)$/.test(key) && bUnits.has(value)) failures.push(`${where}: ${key} ${value} is B's unit`);
      if (key === 'memberId' && bMembers.has(value)) failures.push(`${where}: memberId ${value} is B's member`);
      if (key === 'meetingId' && bMeetings.has(value)) failures.push(`${where}: meetingId ${value} is B's meeting`);
    };
    for (const who of [...A_PEOPLE, 'comAOnly'] as const) {
      for (const op of lists) {
        const unitParam = op.parameters.find((p) => p.in === 'query' && ID_QUERY.test(p.name));
        const variants = unitParam ? unitIds.map(String) : [''];
        for (const id of variants) {
          const qs = new URLSearchParams();
          for (const p of op.parameters.filter((x) => x.in === 'query')) {
            if (ID_QUERY.test(p.name)) qs.set(p.name, p.name === 'entityId' ? String(u.cellA) : id);
            else if (p.required) qs.set(p.name, p.name === 'entityType' ? 'unit' : (sampleQuery[p.name] ?? 'a'));
          }
          if (op.path === '/api/v1/members' || op.path === '/api/v1/members/export.xlsx') qs.set('status', 'all');
          const url = qs.toString() ? `${op.path}?${qs}` : op.path;
          const res = await as[who]!({ method: 'GET', url });
          asked += 1;
          const where = `${who}: GET ${url}`;
          if (res.statusCode >= 500) failures.push(`${where} → ${res.statusCode}`);
          const text = await readable(res);
          if (text.includes(B_MARK)) failures.push(`${where} shows B: …${text.slice(Math.max(0, text.indexOf(B_MARK) - 60), text.indexOf(B_MARK) + 30)}…`);
          if (String(res.headers['content-type']).includes('json')) check(where, res.json());
        }
      }
    }
    console.info(`list operations: ${lists.length}, asked ${asked} times by ${[...A_PEOPLE, 'comAOnly'].join(', ')}`);
    expect(failures).toEqual([]);
  });

  it("a grant on commune A alone reaches neither its cells' figures nor their compliance", async () => {
    const page = (await as.comAOnly!({ method: 'GET', url: `/api/v1/units/${u.communeA}` })).json();
    expect(page.counts).toEqual({ members: 0, cells: 0, grassroots: 0, exempted: 0, probationary: 0 });
    expect(page.children).toEqual([]);
    const roots = (await as.comAOnly!({ method: 'GET', url: '/api/v1/units/children' })).json().items;
    expect(roots).toEqual([expect.objectContaining({ id: u.communeA, childCount: 0, memberCount: 0 })]);
    const report = (
      await as.comAOnly!({ method: 'GET', url: `/api/v1/meetings/compliance?unitId=${u.communeA}&from=2026-01-01&to=2026-06-30&asOf=2026-06-30` })
    ).json();
    expect(report.cells).toEqual([]);
    expect(report.strikeOffWarnings).toEqual([]);
    // With the subtree, the same person sees the cell and its figures.
    const full = (await as.comA!({ method: 'GET', url: `/api/v1/units/${u.communeA}` })).json();
    expect(full.counts).toMatchObject({ members: 3, cells: 1 });
  });

  it('the root admin still sees both communes in the compliance report', async () => {
    const report = (
      await root({ method: 'GET', url: `/api/v1/meetings/compliance?unitId=${u.province}&from=2026-01-01&to=2026-06-30&asOf=2026-06-30` })
    ).json();
    expect(report.cells.map((c: { unitName: string }) => c.unitName).sort()).toEqual(['Chi bộ thôn Tây Hai', 'Chi bộ thôn Tây Một', 'Chi bộ thôn Đông Một']);
  });
});

describe('accounts: a commune admin manages only their commune', () => {
  it('cannot link an account to a member of B, nor to a member that does not exist', async () => {
    for (const memberId of [m.b1, Number(NOWHERE)]) {
      const created = await as.adminA!({
        method: 'POST',
        url: '/api/v1/users',
        payload: { username: `lien-ket-${memberId}`, displayName: 'Liên kết', password: 'mat-khau-dai-du', memberId },
      });
      expect(created.statusCode, String(memberId)).toBe(404);
    }
    const own = await as.adminA!({
      method: 'POST',
      url: '/api/v1/users',
      payload: { username: 'dong-moi', displayName: 'Đông mới', password: 'mat-khau-dai-du', memberId: m.a3 },
    });
    expect(own.statusCode).toBe(201);
    const relink = await as.adminA!({ method: 'PATCH', url: `/api/v1/users/${own.json().id}`, payload: { memberId: m.b2 } });
    expect(relink.statusCode).toBe(404);
  });

  it('sees an account holding roles in A and B with its A role only, and cannot reset its password', async () => {
    const dual = await t.user('hai-xa', [
      { role: 'secretary', unitId: u.cellA },
      { role: 'admin', unitId: u.communeB },
    ]);
    const seen = await as.adminA!({ method: 'GET', url: `/api/v1/users/${dual}` });
    expect(seen.statusCode).toBe(200);
    expect(seen.json().grants).toEqual([expect.objectContaining({ role: 'secretary', unitId: u.cellA })]);
    const reset = await as.adminA!({ method: 'PATCH', url: `/api/v1/users/${dual}`, payload: { password: 'mat-khau-chiem-quyen' } });
    expect(reset.statusCode).toBe(403);
    expect(reset.json().title).toContain('ngoài phạm vi');
    expect(
      (await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: 'hai-xa', password: 'mat-khau-chiem-quyen' } })).statusCode,
    ).toBe(401);
    // Removing its A role answers with the account as it now stands for this admin.
    const grantA = seen.json().grants[0].id;
    const removed = await as.adminA!({ method: 'DELETE', url: `/api/v1/users/${dual}/grants/${grantA}` });
    expect(removed.statusCode).toBe(200);
    expect(removed.json()).toMatchObject({ username: 'hai-xa', grants: [] });
  });

  it("does not see (or take over) a new account another commune's admin made", async () => {
    const made = await write(as.adminA!, user.adminA!, {
      method: 'POST',
      url: '/api/v1/users',
      payload: { username: 'chua-co-quyen', displayName: 'Chưa có quyền', password: 'mat-khau-dai-du' },
    });
    const adminB = await t.as('admin-tay');
    expect((await adminB({ method: 'GET', url: '/api/v1/users' })).json().items.map((x: { username: string }) => x.username)).not.toContain('chua-co-quyen');
    expect((await adminB({ method: 'PATCH', url: `/api/v1/users/${made.id}`, payload: { password: 'mat-khau-chiem-quyen' } })).statusCode).toBe(404);
    expect((await as.adminA!({ method: 'GET', url: `/api/v1/users/${made.id}` })).statusCode).toBe(200);
    expect((await root({ method: 'GET', url: `/api/v1/users/${made.id}` })).statusCode).toBe(200);
  });
});

describe('check-in and calendar tokens', () => {
  it('stops a member guessing check-in codes after 10 refused tries, even with the right code', async () => {
    const code = (await root({ method: 'GET', url: `/api/v1/meetings/${a.meeting}/check-in-code` })).json().code as string;
    const plain = as.plainA!;
    const wrong = String((Number(code) + 1) % 1_000_000).padStart(6, '0');
    for (let i = 0; i < 10; i++) expect((await plain({ method: 'POST', url: '/api/v1/meetings/check-in', payload: { code: wrong } })).statusCode).toBe(404);
    const blocked = await plain({ method: 'POST', url: '/api/v1/meetings/check-in', payload: { code } });
    expect(blocked.statusCode).toBe(429);
    expect(blocked.json().title).toContain('15 phút');
    // Someone else is not held back by it.
    expect((await as.secA!({ method: 'POST', url: '/api/v1/meetings/check-in', payload: { code: wrong } })).statusCode).toBe(404);
  });

  it('a calendar link stops working when the account is deactivated or the member leaves', async () => {
    clock.set(new Date('2026-03-20T09:00:00+07:00'));
    const url = new URL(world.calendarUrlB);
    const feed = () => t.app.inject({ method: 'GET', url: url.pathname });
    expect((await feed()).statusCode).toBe(200);
    // iCalendar folds long lines at 75 octets ("\r\n "): unfolded, the topic reads whole.
    expect((await feed()).body.replace(/\r\n /g, '')).toContain('Sinh hoạt thôn Tây tháng 3');
    await write(root, user.root!, { method: 'PATCH', url: `/api/v1/users/${user.plainB}`, payload: { isActive: false } });
    expect((await feed()).statusCode).toBe(404);

    const leaver = as.leaverB!;
    const own = await write(leaver, user.leaverB!, { method: 'POST', url: '/api/v1/me/calendar-token' });
    const leaverFeed = () => t.app.inject({ method: 'GET', url: new URL(own.url).pathname });
    expect((await leaverFeed()).statusCode).toBe(200);
    expect((await leaver({ method: 'GET', url: `/api/v1/meetings/${b.meeting}` })).statusCode).toBe(200);
    await write(root, user.root!, {
      method: 'POST',
      url: `/api/v1/members/${m.b3}/status`,
      payload: { status: 'xoa_ten', effectiveOn: '2026-06-01', decisionNumber: '12-QĐ/ĐU' },
    });
    expect((await leaverFeed()).statusCode).toBe(404);
    expect((await leaver({ method: 'GET', url: `/api/v1/meetings/${b.meeting}` })).statusCode).toBe(404);
    expect((await leaver({ method: 'GET', url: '/api/v1/me/meetings' })).statusCode).toBe(403);
    clock.reset();
  });
});

describe('the audit trail', () => {
  it('has a row by the caller for every write made through the API in this file', () => {
    expect(world.writes.count).toBeGreaterThanOrEqual(18);
    expect(world.writes.withoutAudit).toEqual([]);
  });
});

describe('new top-level units', () => {
  it('are for an admin of the whole tree, not one whose grant covers the root unit alone', async () => {
    await t.user('admin-goc', [{ role: 'admin', unitId: u.province, includeSubtree: false }]);
    const rootOnly = await t.as('admin-goc');
    const body = { code: 'NEW-ROOT', name: 'Đảng bộ tỉnh Mới', kind: 'dang_bo_tinh', parentId: null, establishedOn: '2025-07-01' };
    expect((await rootOnly({ method: 'POST', url: '/api/v1/units', payload: body })).statusCode).toBe(403);
    expect((await write(root, user.root!, { method: 'POST', url: '/api/v1/units', payload: body })).code).toBe('NEW-ROOT');
  });
});
