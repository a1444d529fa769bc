// Property-based requests to every operation of the OpenAPI document (fast-check): in each
// round one generated request per operation — mostly a valid request with one thing wrong
// (a boundary value, a wrong type, hostile Unicode, SQL, HTML or path traversal in a field,
// a parameter or a file name), sometimes one drawn whole from the schema, a random or
// oversized body, a broken upload, no or a bogus session. For every answer: never a 5xx;
// input that plainly breaks the schema is refused; every 4xx is problem+json in Vietnamese
// (English when asked) showing nothing of the server's insides; and a refused write
// (any method but GET) changed no row of any table, by per-table checksums before and after.
//
// Complements the deterministic tests/api/bad-input-sweep.test.ts (each field × each kind of
// wrong value, every run); both build on tests/helpers (api-world, schema-values, problem-check).
//
// CHIBO_FUZZ_SEED=<n> replays a run (the seed is printed at the start and in a failure);
// CHIBO_FUZZ_RUNS=<n> sets the number of requests (default 2,000; e.g. 20000 for a long run).
import fc from 'fast-check';
import type { InjectOptions, LightMyRequestResponse } from 'fastify';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SESSION_COOKIE } from '../../src/modules/auth/authenticate.ts';
import { newSecret } from '../../src/modules/auth/tokens.ts';
import { type ApiWorld, seedApiWorld } from '../helpers/api-world.ts';
import { type FuzzRequest, injectOptions, requestArbitrary } from '../helpers/fuzz-requests.ts';
import { MULTIPART, type Operation, readOperations } from '../helpers/openapi-operations.ts';
import { problemFailures } from '../helpers/problem-check.ts';
import { BOOKKEEPING, type Checksums, changedTables, checksumReader } from '../helpers/table-checksums.ts';
import { createTestApp, type TestApp } from '../helpers/test-app.ts';

const REQUESTS = Number(process.env.CHIBO_FUZZ_RUNS ?? 2000);
const SEED = process.env.CHIBO_FUZZ_SEED ? Number(process.env.CHIBO_FUZZ_SEED) : Math.floor(Math.random() * 2 ** 31);
/** Reads in flight at once beside the one write being checked. */
const READ_CONCURRENCY = 4;

// What a refused request may still change, and why: BOOKKEEPING in tests/helpers/table-checksums.ts.

let t: TestApp;
let world: ApiWorld;
let ops: Operation[];
let templateXlsx: Buffer;
let sessionCookie = '';
let checksums: Awaited<ReturnType<typeof checksumReader>>;

/** A fresh admin session written straight into the database (no login, so no throttle). */
async function newAdminSession() {
  const { secret, hash } = newSecret();
  const user = await t.database.db.selectFrom('users').select('id').where('username', '=', world.adminUsername).executeTakeFirstOrThrow();
  await t.database.db.insertInto('sessions').values({ token_hash: hash, user_id: user.id, expires_at: sql<Date>`now() + interval '1 day'` }).execute();
  // (A fuzzed request may deactivate nobody but the spare user; keep the admin active anyway.)
  await t.database.db.updateTable('users').set({ is_active: true }).where('id', '=', user.id).execute();
  sessionCookie = secret;
}

beforeAll(async () => {
  t = await createTestApp();
  world = await seedApiWorld(t);
  ops = await readOperations(t.app);
  templateXlsx = (await world.admin({ method: 'GET', url: '/api/v1/imports/members/template.xlsx' })).rawPayload;
  await newAdminSession();
  checksums = await checksumReader(t.database.db, BOOKKEEPING);
}, 180_000);
afterAll(async () => {
  t.database.pgPool?.on('error', () => {});
  await t.close();
});

function send(request: FuzzRequest): Promise<LightMyRequestResponse> {
  const options: InjectOptions = injectOptions(request, templateXlsx);
  if (request.auth === 'session') options.cookies = { [SESSION_COOKIE]: sessionCookie };
  if (request.auth === 'bogus') options.headers = { ...options.headers, authorization: 'Bearer chibo_not-a-token', cookie: `${SESSION_COOKIE}=forged` };
  return t.app.inject(options);
}

/** What is wrong with one answer (nothing, for a good one). */
function answerFailures(request: FuzzRequest, res: LightMyRequestResponse): string[] {
  const out: string[] = [];
  if (res.statusCode >= 500) out.push(`${res.statusCode}: ${res.body.slice(0, 300)}`);
  else if (request.mustFail && res.statusCode < 400) out.push(`${res.statusCode}: bad input accepted`);
  if (res.statusCode >= 400) out.push(...problemFailures(res, request.lang).map((f) => `${res.statusCode}: ${f}`));
  return out;
}

const describeBody = (r: FuzzRequest) => {
  const json = r.body && 'json' in r.body ? JSON.stringify(r.body.json) : undefined;
  return json === undefined ? '' : ` body ${json.length > 300 ? `${json.slice(0, 300)}… (${json.length} chars)` : json}`;
};
const describeRequest = (r: FuzzRequest) =>
  `${r.method} ${r.url.length > 160 ? `${r.url.slice(0, 160)}…` : r.url} [${r.kind}]${r.lang === 'en' ? ' (en)' : ''}${r.auth !== 'session' ? ` (${r.auth} auth)` : ''}${describeBody(r)}`;

let sessionLost = false;
async function renewSession() {
  await newAdminSession();
  sessionLost = false;
}

const stats = { requests: 0, refusedWrites: 0, statuses: new Map<number, number>(), perOperation: new Map<string, number>() };

/** One round: the reads run a few at a time while the writes go one by one between checksums. */
async function runRound(requests: FuzzRequest[]): Promise<string[]> {
  const failures: string[] = [];
  if (sessionLost) await renewSession();
  const record = (request: FuzzRequest, res: LightMyRequestResponse) => {
    stats.requests += 1;
    stats.statuses.set(res.statusCode, (stats.statuses.get(res.statusCode) ?? 0) + 1);
    stats.perOperation.set(request.op, (stats.perOperation.get(request.op) ?? 0) + 1);
    for (const f of answerFailures(request, res)) failures.push(`${describeRequest(request)} → ${f}`);
    if (request.auth === 'session' && res.statusCode === 401 && !request.op.includes('/auth/login')) sessionLost = true;
  };
  const reads = requests.filter((r) => r.method === 'GET');
  const writes = requests.filter((r) => r.method !== 'GET');

  const readLoop = async () => {
    for (let i = 0; i < reads.length; i += READ_CONCURRENCY) {
      await Promise.all(reads.slice(i, i + READ_CONCURRENCY).map(async (r) => record(r, await send(r))));
    }
  };
  const writeLoop = async () => {
    let before: Checksums = await checksums.read();
    for (const request of writes) {
      const res = await send(request);
      record(request, res);
      const after = await checksums.read();
      if (res.statusCode >= 400) {
        stats.refusedWrites += 1;
        const changed = changedTables(before, after);
        if (changed.length) failures.push(`${describeRequest(request)} → ${res.statusCode} but changed ${changed.join(', ')}`);
      }
      before = after;
      // A fuzzed logout or password change ends the admin's session: open another.
      if (sessionLost) {
        await renewSession();
        before = await checksums.read();
      }
    }
  };
  await Promise.all([readLoop(), writeLoop()]);
  return failures;
}

describe('property-based requests to every operation of the OpenAPI document', () => {
  it(`never answers 5xx, refuses bad input with problem+json in the caller's language, and a refused write writes nothing`, async () => {
    const rounds = Math.ceil(REQUESTS / ops.length);
    const roundArbitrary = fc.tuple(...ops.map((op) => requestArbitrary(op, { named: world.namedValue, realPathValue: world.realPathValue, templateXlsx })));
    console.info(
      `fuzz: seed ${SEED} (CHIBO_FUZZ_SEED=${SEED} replays it), ${rounds} rounds × ${ops.length} operations, checksums over ${checksums.tables.length} tables`,
    );
    const started = Date.now();
    await fc.assert(
      fc.asyncProperty(roundArbitrary, async (requests) => {
        const failures = await runRound(requests);
        if (failures.length) throw new Error(`${failures.length} failure(s) — CHIBO_FUZZ_SEED=${SEED} replays this run:\n${failures.join('\n')}`);
      }),
      { seed: SEED, numRuns: rounds, endOnFailure: true },
    );
    const statuses = [...stats.statuses.entries()]
      .sort(([a], [b]) => a - b)
      .map(([s, n]) => `${s}×${n}`)
      .join(' ');
    console.info(
      `fuzz: ${stats.requests} requests (${stats.refusedWrites} refused writes checked) in ${((Date.now() - started) / 1000).toFixed(1)} s; ${statuses}`,
    );
    expect(stats.requests).toBeGreaterThanOrEqual(REQUESTS);
    expect([...stats.perOperation.keys()].sort()).toEqual(ops.map((o) => `${o.method} ${o.path}`).sort());
  }, 600_000);

  it('knows the upload routes, which get multipart bodies', () => {
    for (const m of MULTIPART)
      expect(
        ops.map((o) => `${o.method} ${o.path}`),
        `${m} is an operation`,
      ).toContain(m);
  });
});
