// Every operation of the OpenAPI document, fed bad input: malformed JSON, an array for an
// object, each body property (and nested property) with the wrong type, an unknown field,
// 100 kB strings, NUL characters, impossible dates, huge and negative integers, ids of no
// record, bad query values, and bogus ids in the path. Bad input is the caller's mistake,
// never the server's: no answer is a 5xx, input the schema refuses is a 4xx, and every
// 4xx is application/problem+json with a Vietnamese title (English when asked). The
// caller is an admin of the root unit, so access never masks validation. Each failure
// names the method, path and payload kind. Deterministic: every field gets every kind of
// wrong value on every run; tests/api/fuzz.test.ts samples random combinations, hostile
// text, uploads and oversized bodies, and checks refused writes wrote nothing. Both share
// the organisation and schema helpers in tests/helpers.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ApiWorld, seedApiWorld } from '../helpers/api-world.ts';
import { MULTIPART, type Operation, readOperations, type Schema } from '../helpers/openapi-operations.ts';
import { problemFailures } from '../helpers/problem-check.ts';
import { bodyPaths, breaks, breaksText, sampleValue as sampleFor, setAt as setAtFor, typeOf, urlOf, variant } from '../helpers/schema-values.ts';
import { type Client, createTestApp, type TestApp } from '../helpers/test-app.ts';

interface Case {
  kind: string;
  url: string;
  payload?: string;
  contentType?: string;
  mustFail: boolean;
}

// Multipart uploads: their file parts are not described in OpenAPI and are not swept here
// (the fuzzer sends them files), only a JSON request to them (which must be refused) and
// their query strings.
const CONCURRENCY = 8;
const KB100 = 'x'.repeat(100 * 1024);
const BOGUS_IDS = ['abc', '-1', '0', '99999999999', 'y'.repeat(300)];

let t: TestApp;
let world: ApiWorld;
let admin: Client;
let ops: Operation[];
let ids: Record<string, number>;

beforeAll(async () => {
  t = await createTestApp();
  world = await seedApiWorld(t);
  ({ admin, ids } = world);
  ops = await readOperations(t.app);
});
afterAll(async () => {
  t.database.pgPool?.on('error', () => {});
  await t.close();
});

const sampleValue = (schema: Schema, name?: string) => sampleFor(schema, world.namedValue, name);
const setAt = (root: unknown, path: (string | number)[], value: unknown, schema: Schema) => setAtFor(root, path, value, schema, world.namedValue);
const realPathValue = (path: string, name: string) => world.realPathValue(path, name);

// ---- the cases ----

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
    if (s.format === 'date')
      out.push(
        ['date 2025-02-30', '2025-02-30'],
        ['date 30/02/2025', '30/02/2025'],
        ['date 0000-01-01', '0000-01-01'],
        ['date 1950-06-15 (before any rule set)', '1950-06-15'],
      );
  }
  if (type === 'integer' || type === 'number') out.push(['huge integer', 99999999999], ['negative', -1], ['fraction', 1.5]);
  // A well-formed id of nothing: a reference that must be looked up, not left to a foreign key.
  if (type === 'integer' && (typeof name === 'number' || /Ids?$/.test(name ?? ''))) out.push(['id of no record', 2_000_000_000]);
  return out;
}

const operations = () => ops;

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
  const json = (kind: string, body: unknown, mustFail: boolean, at = url): Case => ({
    kind,
    url: at,
    payload: JSON.stringify(body),
    contentType: 'application/json',
    mustFail,
  });
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
      cases.push({
        kind: `query ${p.name}=${value.length > 20 ? '300-char string' : JSON.stringify(value).replace('\\u0000', 'NUL')}`,
        url: urlOf(op, realPath, { ...baseQuery, [p.name]: value }),
        mustFail,
        ...(hasBody ? { payload: JSON.stringify(baseline), contentType: 'application/json' } : {}),
      });
    }
    cases.push({
      kind: `query ${p.name} twice`,
      url: urlOf(op, realPath, { ...baseQuery, [p.name]: ['abc', 'def'] }),
      mustFail: typeOf(variant(p.schema)) !== 'array',
    });
  }
  if (queryParams.length > 0) cases.push({ kind: 'unknown query parameter', url: urlOf(op, realPath, { ...baseQuery, bogusParam: '1' }), mustFail: true });
  return cases;
}

// ---- checking the answers ----

async function sweep(op: Operation): Promise<{ failures: string[]; count: number }> {
  const cases = casesFor(op);
  const failures: string[] = [];
  for (let i = 0; i < cases.length; i += CONCURRENCY) {
    await Promise.all(
      cases.slice(i, i + CONCURRENCY).map(async (c, j) => {
        // One request in five asks for English.
        const lang = (i + j) % 5 === 4 ? 'en' : 'vi';
        const res = await admin({
          method: op.method as 'GET',
          url: c.url,
          headers: { ...(c.contentType ? { 'content-type': c.contentType } : {}), ...(lang === 'en' ? { 'accept-language': 'en-US,en;q=0.9' } : {}) },
          ...(c.payload !== undefined ? { payload: c.payload } : {}),
        });
        const where = `${op.method} ${op.path} [${c.kind}]${lang === 'en' ? ' (en)' : ''}`;
        if (res.statusCode >= 500) failures.push(`${where} → ${res.statusCode}: ${res.body.slice(0, 200)}`);
        else if (c.mustFail && res.statusCode < 400) failures.push(`${where} → ${res.statusCode}: bad input accepted`);
        if (res.statusCode >= 400) for (const f of problemFailures(res, lang)) failures.push(`${where} → ${res.statusCode}: ${f}`);
      }),
    );
  }
  return { failures, count: cases.length };
}

describe('every operation in the OpenAPI document, fed bad input', () => {
  it('finds the whole API in the document', () => {
    const ops = operations();
    expect(ops.length).toBeGreaterThan(70);
    for (const m of MULTIPART)
      expect(
        ops.map((o) => `${o.method} ${o.path}`),
        `${m} is listed as a multipart route`,
      ).toContain(m);
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
    // Thousands of requests: ~15 s alone, more on a loaded machine; the limit is a hang guard.
  }, 120_000);

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
      await race({
        method: 'POST',
        url: '/api/v1/units',
        payload: { code: 'RACE-1', name: 'Chi bộ đua', kind: 'chi_bo', parentId: ids.commune, establishedOn: '2025-01-01' },
      }),
      // Not the caller's own member: the sweep's "Tôi sẽ dự" (POST …/attend) made them a guest already.
      await race({ method: 'POST', url: `/api/v1/meetings/${ids.meeting}/guests`, payload: { memberId: ids.spareMember } }),
      await race({
        method: 'POST',
        url: '/api/v1/meeting-quality-scales',
        payload: { unitId: ids.cell, templateCode: 'vi-du-tinh-100-diem', effectiveFrom: '2026-02-01' },
      }),
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
      if (type === 'string' && s.maxLength === undefined && !s.enum && s.format !== 'date' && !(s.pattern && !/[+*]|\{\d+,\}/.test(s.pattern)))
        problems.push(`${where}: string without maxLength`);
      if (type === 'integer' && (s.maximum === undefined || s.maximum > 2_147_483_647) && !where.startsWith('POST /api/v1/me/notices/{id}/read'))
        problems.push(`${where}: integer without an int4 maximum (${s.maximum})`);
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
