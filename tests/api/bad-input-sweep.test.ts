// Every operation of the OpenAPI document, fed bad input: malformed JSON, an array for an
// object, each body property (and nested property) with the wrong type, an unknown field,
// 100 kB strings, NUL characters, impossible dates, huge and negative integers, ids of no
// record, bad query values, and bogus ids in the path. Bad input is the caller's mistake,
// never the server's: no answer is a 5xx, input the schema refuses is a 4xx, and every
// 4xx is application/problem+json with a Vietnamese title (English when asked). The
// caller is an admin of the root unit, so access never masks validation. Each failure
// names the method, path and payload kind.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LightMyRequestResponse } from 'fastify';
import { hasMessage } from '../../src/i18n/messages.ts';
import { hashSecret } from '../../src/modules/auth/tokens.ts';
import { createTestApp, type Client, type TestApp } from '../helpers/test-app.ts';
import { MULTIPART, readOperations, type Operation, type Schema } from '../helpers/openapi-operations.ts';

interface Case { kind: string; url: string; payload?: string; contentType?: string; mustFail: boolean }

// Multipart uploads: their file parts are not described in OpenAPI and are not swept here,
// only a JSON request to them (which must be refused) and their query strings.
const CONCURRENCY = 8;
const KB100 = 'x'.repeat(100 * 1024);
const BOGUS_IDS = ['abc', '-1', '0', '99999999999', 'y'.repeat(300)];
const VIETNAMESE = /[ăâđêôơưàáảãạằắẳẵặầấẩẫậèéẻẽẹềếểễệìíỉĩịòóỏõọồốổỗộờớởỡợùúủũụừứửữựỳýỷỹỵ]/i;
const MESSAGE_KEY = /^[a-z_]+(\.[a-z0-9_]+)+$/;

let t: TestApp;
let admin: Client;
let ops: Operation[];
const ids: Record<string, number> = {};
let calendarToken = '';
let spareCard = '';

beforeAll(async () => {
  t = await createTestApp();
  const db = t.database.db;
  const province = await t.unit({ code: 'SW', name: 'Đảng bộ tỉnh Thử Nghiệm', kind: 'dang_bo_tinh' });
  const commune = await t.unit({ code: 'SW-X', name: 'Đảng bộ xã Thử', kind: 'dang_bo_xa', parentId: province });
  const cell = await t.unit({ code: 'SW-C1', name: 'Chi bộ thôn Một', parentId: commune });
  const group = await t.unit({ code: 'SW-C1-T', name: 'Tổ đảng số 1', kind: 'to_dang', parentId: cell });
  // The records that writes in the sweep may change (a bad value that happens to be
  // valid is an ordinary request): never the admin, their session or the main cell.
  const spareCell = await t.unit({ code: 'SW-C2', name: 'Chi bộ thôn Hai', parentId: commune });
  const self = await t.member({ fullName: 'Nguyễn Văn Quản', unitId: cell });
  spareCard = 'TC900001';
  const spareMember = await t.member({ fullName: 'Trần Thị Thử', unitId: spareCell, partyCardNumber: spareCard });
  await t.member({ fullName: 'Lê Văn Ba', unitId: cell });
  await t.user('sweep-admin', [{ role: 'admin', unitId: province }], self);
  const spareUser = await t.user('sweep-spare', [{ role: 'secretary', unitId: spareCell }]);
  const grant = await db.selectFrom('role_grants').select('id').where('user_id', '=', spareUser).executeTakeFirstOrThrow();
  admin = await t.as('sweep-admin');

  const ok = async (res: Promise<LightMyRequestResponse>) => {
    const r = await res;
    if (r.statusCode >= 300) throw new Error(`seeding failed: ${r.statusCode} ${r.body}`);
    return r.json();
  };
  const token = await ok(admin({ method: 'POST', url: '/api/v1/me/tokens', payload: { name: 'quét' } }));
  const meeting = await ok(admin({ method: 'POST', url: '/api/v1/meetings', payload: {
    unitId: cell, kind: 'regular', date: '2025-03-10', startTime: '19:00', endTime: '21:00', place: 'Nhà văn hóa thôn',
    topic: 'Sinh hoạt tháng 3', focalIssues: ['Thu nộp đảng phí', 'Làm đường giao thông'],
  } }));
  const committeeMeeting = await ok(admin({ method: 'POST', url: '/api/v1/meetings', payload: {
    unitId: cell, kind: 'committee', date: '2025-03-05', startTime: '19:00', endTime: '20:00', place: 'Nhà bí thư',
    topic: 'Chuẩn bị sinh hoạt tháng 3', preparesMeetingId: meeting.id,
  } }));
  const withGuest = await ok(admin({ method: 'POST', url: `/api/v1/meetings/${meeting.id}/guests`, payload: { fullName: 'Đồng chí Khách', position: 'Đảng ủy viên' } }));
  const topics = await ok(admin({ method: 'POST', url: '/api/v1/meeting-topics', payload: { unitId: commune, title: 'Tự soi, tự sửa', published: true } }));
  const committee = await ok(admin({ method: 'POST', url: `/api/v1/units/${cell}/committee`, payload: { fullName: 'Nguyễn Văn Quản', position: 'bi_thu', validFrom: '2021-01-01' } }));
  const links = await ok(admin({ method: 'POST', url: '/api/v1/residence-links', payload: { partyCardNumber: spareCard, unitId: cell, validFrom: '2024-01-01' } }));
  const document = await db.insertInto('meeting_documents').values({
    meeting_id: meeting.id, file_name: 'nghi-quyet.pdf', content_type: 'application/pdf', size_bytes: 4, content: Buffer.from('%PDF'), uploaded_by: null,
  }).returning('id').executeTakeFirstOrThrow();
  const notice = await db.insertInto('notices').values({ member_id: self, kind: 'meeting_planned', meeting_id: meeting.id, params: '{}', dedupe_key: 'sweep' })
    .returning('id').executeTakeFirstOrThrow();
  // A residence request and an identifier conflict, for the routes that act on them.
  const residenceRequest = await db.insertInto('residence_link_requests').values({ unit_id: cell, party_card_number: 'CHO-XAC-NHAN', member_id: spareMember, valid_from: '2024-01-01' })
    .returning('id').executeTakeFirstOrThrow();
  const identifierConflict = await db.insertInto('identifier_conflicts').values({
    kind: 'party_card_number', value: spareCard, source: 'import', from_unit_id: cell, existing_member_id: spareMember, existing_unit_id: spareCell,
  }).returning('id').executeTakeFirstOrThrow();
  calendarToken = 'cal_sweep-token-0123456789';
  await db.insertInto('calendar_tokens').values({ member_id: self, token_hash: hashSecret(calendarToken) }).execute();

  Object.assign(ids, {
    province, commune, cell, group, spareCell, self, spareMember, spareUser, grant: grant.id, token: token.id, meeting: meeting.id,
    committeeMeeting: committeeMeeting.id, guest: withGuest.guests[0].id, topic: topics.items[0].id, committeeMember: committee.id,
    residenceLink: links.items[0].id, document: document.id, notice: Number(notice.id), residenceRequest: residenceRequest.id, identifierConflict: identifierConflict.id,
  });
  ops = await readOperations(t.app);
});
afterAll(async () => {
  t.database.pgPool?.on('error', () => {});
  await t.close();
});

// ---- what a valid value looks like, from the schema ----

/** The real record behind a path parameter. */
function realPathValue(path: string, name: string): string {
  if (name === 'token') return calendarToken;
  if (name === 'grantId') return String(ids.grant);
  if (name === 'committeeId') return String(ids.committeeMember);
  if (name === 'documentId') return String(ids.document);
  if (name === 'guestId') return String(ids.guest);
  const area = path.split('/')[3];
  if (area === 'users') return String(ids.spareUser);
  if (area === 'members') return String(ids.spareMember);
  if (area === 'units') return String(ids.spareCell);
  if (area === 'residence-links') return String(ids.residenceLink);
  if (area === 'residence-link-requests') return String(ids.residenceRequest);
  if (area === 'identifier-conflicts') return String(ids.identifierConflict);
  if (path.startsWith('/api/v1/me/tokens')) return String(ids.token);
  if (path.startsWith('/api/v1/me/notices')) return String(ids.notice);
  if (path.includes('/preparation')) return String(ids.committeeMeeting);
  return String(ids.meeting);
}

/** Values by property name, so that a request is valid but for the one thing changed. */
function namedValue(name: string | undefined): unknown {
  switch (name) {
    case 'unitId': return ids.spareCell;
    case 'parentId': return ids.commune;
    case 'memberId': return ids.spareMember;
    case 'partyGroupId': return ids.group;
    case 'topicId': return ids.topic;
    case 'preparesMeetingId': return ids.meeting;
    case 'guestId': return ids.guest;
    case 'assignedByUnitId': return ids.commune;
    case 'sourceIds': return [ids.spareCell];
    case 'memberIds': case 'childUnitIds': case 'focalIssues': return [];
    case 'partyCardNumber': return spareCard;
    case 'endTime': return '21:00';
    case 'password': case 'newPassword': return 'mat-khau-moi-123';
    default: return undefined;
  }
}

const typeOf = (s: Schema): string | undefined => {
  if (Array.isArray(s.type)) return s.type.find((x) => x !== 'null');
  if (s.type) return s.type;
  if (s.properties) return 'object';
  if (s.anyOf || s.oneOf) return typeOf((s.anyOf ?? s.oneOf)![0]!);
  return undefined;
};
const variant = (s: Schema): Schema => (s.anyOf ?? s.oneOf)?.[0] ?? (s.allOf ? Object.assign({}, ...s.allOf) : s);

const STRING_CANDIDATES = ['19:00', 'SW-NEW-1', 'TC123456', '1', 'abc', 'Nội dung thử', 'sweep-user', '0912345678'];

function sampleValue(schema: Schema, name?: string): unknown {
  const named = namedValue(name);
  if (named !== undefined) return named;
  const s = variant(schema);
  if (s.const !== undefined) return s.const;
  if (s.enum) return s.enum[0];
  switch (typeOf(s)) {
    case 'string': {
      if (s.format === 'date') return '2025-03-10';
      if (s.format === 'email') return 'sweep@example.vn';
      const fits = (v: string) => (!s.pattern || new RegExp(s.pattern).test(v)) && v.length <= (s.maxLength ?? Infinity);
      const found = STRING_CANDIDATES.find(fits) ?? 'abc';
      return found.padEnd(s.minLength ?? 0, 'x');
    }
    case 'integer': case 'number': return Math.max(1, typeof s.minimum === 'number' ? s.minimum : 1);
    case 'boolean': return true;
    case 'array': return s.minItems ? Array.from({ length: s.minItems }, () => sampleValue(s.items ?? {})) : [];
    case 'object': {
      const out: Record<string, unknown> = {};
      for (const key of s.required ?? []) out[key] = sampleValue(s.properties?.[key] ?? {}, key);
      return out;
    }
    default: return 'abc';
  }
}

// ---- what is clearly wrong for a schema ----

function isDateString(v: string) {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(v);
  if (!m) return false;
  const d = new Date(`${v}T00:00:00Z`);
  // The domain's dates run from 1900 to 2100.
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === v && v >= '1900-01-01' && v <= '2100-12-31';
}

/** True when the value plainly breaks the schema (so the answer must be a 4xx). */
function breaks(schema: Schema, value: unknown): boolean {
  const s = variant(schema);
  if (value === null) return !(schema.nullable || s.nullable || (Array.isArray(schema.type) && schema.type.includes('null')));
  const type = typeOf(s);
  if (s.enum) return !s.enum.includes(value);
  switch (type) {
    case 'string':
      if (typeof value !== 'string') return true;
      if (s.maxLength !== undefined && value.length > s.maxLength) return true;
      if (s.minLength !== undefined && value.trim().length < s.minLength) return true;
      if (s.format === 'date' && !isDateString(value)) return true;
      return Boolean(s.pattern && !new RegExp(s.pattern).test(value));
    case 'integer': case 'number': {
      const n = typeof value === 'number' ? value : Number.NaN;
      if (Number.isNaN(n)) return true;
      if (type === 'integer' && !Number.isInteger(n)) return true;
      if (typeof s.minimum === 'number' && (s.exclusiveMinimum === true ? n <= s.minimum : n < s.minimum)) return true;
      return n > 2_147_483_647 || (typeof s.maximum === 'number' && n > s.maximum);
    }
    case 'boolean': return typeof value !== 'boolean';
    case 'array': return !Array.isArray(value);
    case 'object': return typeof value !== 'object' || Array.isArray(value);
    default: return false;
  }
}

/** A query-string or path value against its schema (they arrive as text). */
function breaksText(schema: Schema, value: string): boolean {
  const s = variant(schema);
  const type = typeOf(s);
  if (type === 'integer' || type === 'number') return !/^[0-9]+$/.test(value) || breaks(s, Number(value));
  if (type === 'array') return s.items ? breaksText(s.items, value) : false;
  return breaks(s, value);
}

// ---- the cases ----

function setAt(root: unknown, path: (string | number)[], value: unknown, schema: Schema): unknown {
  const copy = structuredClone(root) as Record<string | number, unknown>;
  let node = copy;
  let s = variant(schema);
  for (const [i, key] of path.entries()) {
    const last = i === path.length - 1;
    const sub = typeof key === 'number' ? (s.items ?? {}) : (s.properties?.[key] ?? {});
    if (last) { node[key] = value; break; }
    if (node[key] === undefined || node[key] === null || typeof node[key] !== 'object') node[key] = typeof path[i + 1] === 'number' ? [] : sampleValue(sub, String(key));
    const next = node[key] as Record<string | number, unknown>;
    if (Array.isArray(next) && next.length === 0 && typeof path[i + 1] === 'number') next.push(sampleValue(variant(sub).items ?? {}));
    node = next;
    s = variant(sub);
  }
  return copy;
}

/** Wrong values for one property: the other JSON types, and the edges of its own. */
function wrongValues(schema: Schema, name: string | number | undefined): Array<[string, unknown]> {
  const s = variant(schema);
  const type = typeOf(s);
  const out: Array<[string, unknown]> = [];
  if (type !== 'string') out.push(['string', 'abc']);
  if (type !== 'integer' && type !== 'number') out.push(['number', 12345]);
  if (type !== 'object') out.push(['object', { a: 1 }]);
  out.push(['null', null]);
  if (type === 'string') {
    out.push(['100 kB string', KB100]);
    // PostgreSQL text and jsonb cannot hold NUL: it must be refused, not fail in the database.
    if (!s.enum && !s.pattern && s.format === undefined) out.push(['NUL character', 'Nguyễn\u0000Văn']);
    if (s.format === 'date') out.push(['date 2025-02-30', '2025-02-30'], ['date 30/02/2025', '30/02/2025'], ['date 0000-01-01', '0000-01-01'], ['date 1950-06-15 (before any rule set)', '1950-06-15']);
  }
  if (type === 'integer' || type === 'number') out.push(['huge integer', 99999999999], ['negative', -1], ['fraction', 1.5]);
  // A well-formed id of nothing: a reference that must be looked up, not left to a foreign key.
  if (type === 'integer' && (typeof name === 'number' || /Ids?$/.test(name ?? ''))) out.push(['id of no record', 2_000_000_000]);
  return out;
}

function bodyPaths(schema: Schema, prefix: (string | number)[] = [], depth = 0): Array<{ path: (string | number)[]; schema: Schema }> {
  const s = variant(schema);
  const out: Array<{ path: (string | number)[]; schema: Schema }> = [];
  if (depth > 3) return out;
  if (typeOf(s) === 'object' && s.properties) {
    for (const [key, sub] of Object.entries(s.properties)) {
      out.push({ path: [...prefix, key], schema: sub });
      out.push(...bodyPaths(sub, [...prefix, key], depth + 1));
    }
  } else if (typeOf(s) === 'array' && s.items) {
    out.push({ path: [...prefix, 0], schema: s.items });
    out.push(...bodyPaths(s.items, [...prefix, 0], depth + 1));
  }
  return out;
}

const operations = () => ops;

function urlOf(op: Operation, pathValues: Record<string, string>, query: Record<string, string | string[]>): string {
  const path = op.path.replace(/\{(\w+)\}/g, (_, name: string) => encodeURIComponent(pathValues[name]!));
  const qs = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) for (const x of Array.isArray(v) ? v : [v]) qs.append(k, x);
  const text = qs.toString();
  return text ? `${path}?${text}` : path;
}

function casesFor(op: Operation): Case[] {
  const key = `${op.method} ${op.path}`;
  const pathParams = op.parameters.filter((p) => p.in === 'path');
  const queryParams = op.parameters.filter((p) => p.in === 'query');
  const realPath = Object.fromEntries(pathParams.map((p) => [p.name, realPathValue(op.path, p.name)]));
  const baseQuery: Record<string, string> = {};
  for (const p of queryParams.filter((q) => q.required)) {
    const v = sampleValue(p.schema, p.name);
    baseQuery[p.name] = String(Array.isArray(v) ? v[0] : v);
  }
  const url = urlOf(op, realPath, baseQuery);
  const hasBody = op.body !== undefined;
  const baseline = hasBody ? sampleValue(op.body!) : undefined;
  const json = (kind: string, body: unknown, mustFail: boolean, at = url): Case => ({ kind, url: at, payload: JSON.stringify(body), contentType: 'application/json', mustFail });
  const cases: Case[] = [];

  // Bogus ids in the path (with an otherwise valid request), and the real one.
  for (const p of pathParams) {
    for (const bogus of BOGUS_IDS) {
      const at = urlOf(op, { ...realPath, [p.name]: bogus }, baseQuery);
      const kind = `path ${p.name}=${bogus.length > 20 ? `${bogus.length}-char string` : bogus}`;
      cases.push(hasBody ? json(kind, baseline, true, at) : { kind, url: at, mustFail: true });
    }
  }
  // A broken %-escape in the path, which the router itself refuses.
  if (pathParams.length > 0) {
    const at = op.path.replace(/\{(\w+)\}/, '%E0%A4%A').replace(/\{(\w+)\}/g, (_, name: string) => encodeURIComponent(realPath[name]!));
    cases.push(hasBody ? json('path with a broken %-escape', baseline, true, at) : { kind: 'path with a broken %-escape', url: at, mustFail: true });
  }
  // The real record without a body: a read, or a bodiless action on a spare record.
  if (pathParams.length > 0 && !hasBody && !MULTIPART.has(key)) cases.push({ kind: 'real id', url, mustFail: false });

  // Bodies.
  if (op.method !== 'GET') cases.push({ kind: 'malformed JSON', url, payload: '{"a": "Nguyễn', contentType: 'application/json', mustFail: true });
  if (MULTIPART.has(key)) cases.push(json('JSON instead of multipart', {}, true));
  if (hasBody) {
    cases.push(json('JSON array instead of object', [baseline], true));
    cases.push(json('unknown extra field', { ...(baseline as object), isAdmin: true }, true));
    for (const { path, schema } of bodyPaths(op.body!)) {
      for (const [what, value] of wrongValues(schema, path.at(-1))) {
        const mustFail = what === 'id of no record' || what === 'NUL character' || breaks(schema, value);
        cases.push(json(`body.${path.join('.')}: ${what}`, setAt(baseline, path, value, op.body!), mustFail));
      }
    }
  }

  // Query strings.
  for (const p of queryParams) {
    const bad = ['abc', '-1', '99999999999', 'z'.repeat(300), '2025-02-30', '30/02/2025', '0000-01-01', '1950-06-15', '', 'a\u0000b'];
    for (const value of bad) {
      const mustFail = value.includes('\u0000') || (value === '' ? Boolean(p.required) && breaksText(p.schema, value) : breaksText(p.schema, value));
      cases.push({ kind: `query ${p.name}=${value.length > 20 ? '300-char string' : JSON.stringify(value).replace('\\u0000', 'NUL')}`, url: urlOf(op, realPath, { ...baseQuery, [p.name]: value }), mustFail, ...(hasBody ? { payload: JSON.stringify(baseline), contentType: 'application/json' } : {}) });
    }
    cases.push({ kind: `query ${p.name} twice`, url: urlOf(op, realPath, { ...baseQuery, [p.name]: ['abc', 'def'] }), mustFail: typeOf(variant(p.schema)) !== 'array' });
  }
  if (queryParams.length > 0) cases.push({ kind: 'unknown query parameter', url: urlOf(op, realPath, { ...baseQuery, bogusParam: '1' }), mustFail: true });
  return cases;
}

// ---- checking the answers ----

function problemFailures(res: LightMyRequestResponse, lang: 'vi' | 'en'): string[] {
  const out: string[] = [];
  if (!String(res.headers['content-type']).includes('application/problem+json')) return [`content-type ${res.headers['content-type']}, not application/problem+json`];
  let body: { title?: unknown; status?: unknown; code?: unknown; errors?: { path?: string; message?: unknown }[] };
  try { body = res.json(); } catch { return ['body is not JSON']; }
  const title = typeof body.title === 'string' ? body.title.trim() : '';
  if (!title) out.push('empty title');
  else if (MESSAGE_KEY.test(title) || /\{\w+\}/.test(title)) out.push(`title is an untranslated key or template: "${title}"`);
  else if (lang === 'vi' && !VIETNAMESE.test(title)) out.push(`title is not Vietnamese: "${title}"`);
  // (An English title may quote a Vietnamese name; what matters is that it has its English text.)
  else if (lang === 'en' && VIETNAMESE.test(title) && !hasMessage('en', `errors.${String(body.code)}`)) out.push(`title is not English: "${title}"`);
  if (body.status !== res.statusCode) out.push(`problem status ${String(body.status)} ≠ HTTP ${res.statusCode}`);
  for (const e of body.errors ?? []) {
    const message = typeof e.message === 'string' ? e.message : '';
    if (!message || MESSAGE_KEY.test(message) || /\{\w+\}/.test(message)) out.push(`field error ${e.path}: untranslated message "${message}"`);
  }
  return out;
}

async function sweep(op: Operation): Promise<{ failures: string[]; count: number }> {
  const cases = casesFor(op);
  const failures: string[] = [];
  for (let i = 0; i < cases.length; i += CONCURRENCY) {
    await Promise.all(cases.slice(i, i + CONCURRENCY).map(async (c, j) => {
      // One request in five asks for English.
      const lang = (i + j) % 5 === 4 ? 'en' : 'vi';
      const res = await admin({
        method: op.method as 'GET', url: c.url,
        headers: { ...(c.contentType ? { 'content-type': c.contentType } : {}), ...(lang === 'en' ? { 'accept-language': 'en-US,en;q=0.9' } : {}) },
        ...(c.payload !== undefined ? { payload: c.payload } : {}),
      });
      const where = `${op.method} ${op.path} [${c.kind}]${lang === 'en' ? ' (en)' : ''}`;
      if (res.statusCode >= 500) failures.push(`${where} → ${res.statusCode}: ${res.body.slice(0, 200)}`);
      else if (c.mustFail && res.statusCode < 400) failures.push(`${where} → ${res.statusCode}: bad input accepted`);
      if (res.statusCode >= 400) for (const f of problemFailures(res, lang)) failures.push(`${where} → ${res.statusCode}: ${f}`);
    }));
  }
  return { failures, count: cases.length };
}

describe('every operation in the OpenAPI document, fed bad input', () => {
  it('finds the whole API in the document', () => {
    const ops = operations();
    expect(ops.length).toBeGreaterThan(70);
    for (const m of MULTIPART) expect(ops.map((o) => `${o.method} ${o.path}`), `${m} is listed as a multipart route`).toContain(m);
  });

  it('never answers 5xx; refuses bad input with a 4xx problem+json in Vietnamese (English when asked)', async () => {
    const all: string[] = [];
    let requests = 0;
    const ops = operations();
    for (const op of ops) {
      const { failures, count } = await sweep(op);
      all.push(...failures);
      requests += count;
    }
    console.info(`bad-input sweep: ${ops.length} operations, ${requests} requests, ${all.length} failures`);
    expect(all).toEqual([]);
  });

  it('refuses a check-in QR for a meeting id past int4 or with a broken %-escape (400, not a 500)', async () => {
    for (const qr of [`M9999999999.${'A'.repeat(22)}`, 'https://chibo.vn/check-in?qr=%E0%A4%A', 'qr=']) {
      const res = await admin({ method: 'POST', url: '/api/v1/meetings/check-in', payload: { qr } });
      expect(res.statusCode, qr).toBe(400);
      expect(problemFailures(res, 'vi')).toEqual([]);
    }
  });

  it('answers racing duplicates (same unit code, guest, scale, username) with one success and 409s, never 500', async () => {
    const race = (options: Parameters<Client>[0]) => Promise.all(Array.from({ length: 6 }, () => admin(options)));
    const cases = [
      await race({ method: 'POST', url: '/api/v1/units', payload: { code: 'RACE-1', name: 'Chi bộ đua', kind: 'chi_bo', parentId: ids.commune, establishedOn: '2025-01-01' } }),
      await race({ method: 'POST', url: `/api/v1/meetings/${ids.meeting}/guests`, payload: { memberId: ids.self } }),
      await race({ method: 'POST', url: '/api/v1/meeting-quality-scales', payload: { unitId: ids.cell, templateCode: 'vi-du-tinh-100-diem', effectiveFrom: '2026-02-01' } }),
      await race({ method: 'POST', url: '/api/v1/users', payload: { username: 'race-user', displayName: 'Đua', password: 'mat-khau-dai-du' } }),
    ];
    for (const results of cases) {
      const statuses = results.map((r) => r.statusCode).sort();
      expect(statuses).toEqual([201, 409, 409, 409, 409, 409]);
      for (const r of results.filter((x) => x.statusCode === 409)) expect(problemFailures(r, 'vi')).toEqual([]);
    }
  });

  it('declares a bound for every string and integer it accepts (no unbounded text, ids within int4)', () => {
    const problems: string[] = [];
    const walk = (where: string, schema: Schema, depth = 0) => {
      const s = variant(schema);
      const type = typeOf(s);
      if (type === 'string' && s.maxLength === undefined && !s.enum && s.format !== 'date' && !(s.pattern && !/[+*]|\{\d+,\}/.test(s.pattern))) problems.push(`${where}: string without maxLength`);
      if (type === 'integer' && (s.maximum === undefined || s.maximum > 2_147_483_647) && !where.startsWith('POST /api/v1/me/notices/{id}/read')) problems.push(`${where}: integer without an int4 maximum (${s.maximum})`);
      if (depth > 5) return;
      for (const [k, sub] of Object.entries(s.properties ?? {})) walk(`${where}.${k}`, sub, depth + 1);
      if (s.items) walk(`${where}[]`, s.items, depth + 1);
      if (typeof s.additionalProperties === 'object') walk(`${where}{}`, s.additionalProperties, depth + 1);
    };
    for (const op of operations()) {
      for (const p of op.parameters) walk(`${op.method} ${op.path} ${p.in} ${p.name}`, p.schema);
      if (op.body) walk(`${op.method} ${op.path} body`, op.body);
    }
    expect(problems).toEqual([]);
  });
});
