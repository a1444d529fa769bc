// Benchmark: 200 concurrent users on the province demo (PostgreSQL) for 3 minutes, over
// real HTTP to the real server (`chibo serve`, a separate process, CHIBO_JOBS=off, default
// DB_POOL_MAX) on 127.0.0.1. The users are accounts made for the bench, each logged in
// once: secretaries of different cells (list, search without diacritics, open a record,
// save the roll call, save the draft minutes), commune organisation officers (list, search,
// open a record over a commune) and members (check in to their cell's meetings, open their
// own record, their meetings). Each user waits a random think time between requests.
// Records requests, errors (each printed with its status and body), p50/p95/p99 per
// operation and overall, throughput, and the server's RSS every second from
// /proc/<pid>/status; "memory flat" compares the mean RSS of the second third of the run
// (the first minute after a minute of warm-up) with the last third (the last minute): ±10%.
// Run: npm run bench -- load [--duration 180] [--users 200] [--think-ms 1000] [--template DB]
// (--template copies an existing demo database instead of running `chibo demo` again.)
// Settings: DATABASE_URL (default postgres://postgres@127.0.0.1:5432/test; a database of
// its own is created and dropped).
import os from 'node:os';
import { parseArgs } from 'node:util';
import { sql } from 'kysely';
import pg from 'pg';
import { type ChiboProcess, startChibo } from '../tests/helpers/chibo-process.ts';
import { httpClient, logIn, percentile, round1, rssKib, runChibo } from './lib/serve.ts';
import { failUnlessMet, writeBenchResult } from './lib/write-result.ts';

const PASSWORD = 'bench-mat-khau-tai-nang';
const CELLS = 36;
const MEMBERS_PER_CELL = 4;
const OFFICERS = 20;
const MEETINGS_PER_CELL = 40;

type Role = 'secretary' | 'officer' | 'member';
interface BenchUser {
  username: string;
  role: Role;
  unitId: number;
  memberId: number | null;
  /** Members of the user's scope (ids and folded names for searches). */
  records: number[];
  names: string[];
  meetings: { id: number; code: string }[];
  cookie?: string;
}

/** Accounts, meetings for today with check-in open, and what each user will touch. */
async function setUp(url: string): Promise<BenchUser[]> {
  const { openDatabase } = await import('../src/db/connect.ts');
  const { hashPassword } = await import('../src/modules/auth/passwords.ts');
  const { buildAccess, loadGrants } = await import('../src/modules/access/access.ts');
  const { planMeeting } = await import('../src/modules/meetings/plan-meeting.ts');
  const { foldForSearch } = await import('../src/domain/vietnamese.ts');
  const { todayInVietnam } = await import('../src/domain/calendar.ts');
  const database = await openDatabase({ url });
  const db = database.db;
  try {
    const hash = await hashPassword(PASSWORD);
    const cells = (
      await sql<{ id: number; parent_id: number }>`
      select u.id, u.parent_id from units u where u.kind = 'chi_bo'
        and (select count(*) from members m where m.unit_id = u.id and m.status in ('chinh_thuc', 'du_bi')) >= ${MEMBERS_PER_CELL + 4}
      order by u.id`.execute(db)
    ).rows;
    const picked = Array.from({ length: CELLS }, (_, i) => cells[Math.floor((i * cells.length) / CELLS)]!);
    const communes = (await sql<{ id: number }>`select id from units where kind = 'dang_bo_xa' order by id`.execute(db)).rows;
    const officerUnits = Array.from({ length: OFFICERS }, (_, i) => communes[Math.floor((i * communes.length) / OFFICERS)]!.id);
    const membersOf = async (unitId: number, subtree: boolean) =>
      (
        await sql<{ id: number; full_name: string }>`
      select m.id, m.full_name from members m join units u on u.id = m.unit_id
      where m.status in ('chinh_thuc', 'du_bi') and ${subtree ? sql`u.path like (select path from units where id = ${unitId}) || '%'` : sql`u.id = ${unitId}`}
      order by m.id`.execute(db)
      ).rows;
    const users: BenchUser[] = [];
    const now = new Date(Date.now() + 7 * 3600_000);
    const hhmm = (d: Date) => d.toISOString().slice(11, 16);
    // Meetings today, started 10 minutes ago (not before 00:00), ending at the end of the day.
    const startTime = hhmm(new Date(Math.max(now.getTime() - 600_000, Date.parse(`${todayInVietnam()}T00:00:00Z`))));
    for (const [i, cell] of picked.entries()) {
      const people = await membersOf(cell.id, false);
      const records = people.map((p) => p.id);
      const names = people.map((p) => foldForSearch(p.full_name));
      const secretary = await db
        .insertInto('users')
        .values({ username: `bench.bithu.${i}`, display_name: `Bí thư ${i}`, password_hash: hash })
        .returning(['id', 'username', 'display_name', 'member_id'])
        .executeTakeFirstOrThrow();
      await db.insertInto('role_grants').values({ user_id: secretary.id, role: 'secretary', unit_id: cell.id, include_subtree: true }).execute();
      const access = buildAccess(secretary, await loadGrants(db, secretary.id));
      const meetings: BenchUser['meetings'] = [];
      for (let k = 0; k < MEETINGS_PER_CELL; k++) {
        const id = await planMeeting(db, access, {
          unitId: cell.id,
          kind: 'thematic',
          date: todayInVietnam(),
          startTime,
          endTime: '23:59',
          place: 'Nhà văn hóa',
          topic: `Chuyên đề thử tải ${k + 1}`,
          focalIssues: [],
        });
        const row = await db.selectFrom('meetings').select('check_in_code').where('id', '=', id).executeTakeFirstOrThrow();
        meetings.push({ id, code: row.check_in_code });
      }
      users.push({ username: secretary.username, role: 'secretary', unitId: cell.id, memberId: null, records, names, meetings });
      for (let k = 0; k < MEMBERS_PER_CELL; k++) {
        const memberId = records[k]!;
        const u = await db
          .insertInto('users')
          .values({ username: `bench.dv.${i}.${k}`, display_name: `Đảng viên ${i}.${k}`, password_hash: hash, member_id: memberId })
          .returning('id')
          .executeTakeFirstOrThrow();
        await db.insertInto('role_grants').values({ user_id: u.id, role: 'member', unit_id: cell.id, include_subtree: false }).execute();
        users.push({ username: `bench.dv.${i}.${k}`, role: 'member', unitId: cell.id, memberId, records: [memberId], names: [], meetings: [...meetings] });
      }
    }
    for (const [i, unitId] of officerUnits.entries()) {
      const people = await membersOf(unitId, true);
      const u = await db
        .insertInto('users')
        .values({ username: `bench.tochuc.${i}`, display_name: `Tổ chức ${i}`, password_hash: hash })
        .returning('id')
        .executeTakeFirstOrThrow();
      await db.insertInto('role_grants').values({ user_id: u.id, role: 'org_officer', unit_id: unitId, include_subtree: true }).execute();
      users.push({
        username: `bench.tochuc.${i}`,
        role: 'officer',
        unitId,
        memberId: null,
        records: people.map((p) => p.id),
        names: people.map((p) => foldForSearch(p.full_name)),
        meetings: [],
      });
    }
    await sql`analyze`.execute(db);
    return users;
  } finally {
    await database.close();
  }
}

interface Sample {
  op: string;
  ms: number;
  at: number;
}

/** The next request a user makes, by role, as a real user's day would mix them. */
function nextRequest(u: BenchUser, rnd: () => number): { op: string; method: string; path: string; body?: unknown } {
  const pick = <T>(items: readonly T[]) => items[Math.floor(rnd() * items.length)]!;
  const searchTerm = () => {
    const words = pick(u.names).split(' ');
    return encodeURIComponent(`${words[0]} ${words[words.length - 1]}`);
  };
  const r = rnd();
  if (u.role === 'member') {
    if (r < 0.3 && u.meetings.length) return { op: 'check in', method: 'POST', path: '/api/v1/meetings/check-in', body: { code: u.meetings.shift()!.code } };
    if (r < 0.65) return { op: 'open a record', method: 'GET', path: `/api/v1/members/${u.memberId}` };
    return { op: 'my meetings', method: 'GET', path: '/api/v1/me/meetings' };
  }
  if (u.role === 'officer') {
    if (r < 0.4) return { op: 'list members', method: 'GET', path: `/api/v1/members?unitId=${u.unitId}&page=${1 + Math.floor(rnd() * 5)}` };
    if (r < 0.8) return { op: 'search members', method: 'GET', path: `/api/v1/members?q=${searchTerm()}` };
    return { op: 'open a record', method: 'GET', path: `/api/v1/members/${pick(u.records)}` };
  }
  const meeting = pick(u.meetings);
  if (r < 0.25) return { op: 'list members', method: 'GET', path: `/api/v1/members?unitId=${u.unitId}` };
  if (r < 0.5) return { op: 'search members', method: 'GET', path: `/api/v1/members?q=${searchTerm()}` };
  if (r < 0.7) return { op: 'open a record', method: 'GET', path: `/api/v1/members/${pick(u.records)}` };
  if (r < 0.85) {
    const entries = [pick(u.records), pick(u.records)]
      .filter((id, i, all) => all.indexOf(id) === i)
      .map((memberId) => {
        const s = pick(['present', 'absent_excused', 'absent_unexcused'] as const);
        return { memberId, status: s, ...(s === 'absent_excused' ? { reason: 'Đi công tác' } : {}) };
      });
    return { op: 'save attendance', method: 'PUT', path: `/api/v1/meetings/${meeting.id}/attendance`, body: { entries } };
  }
  return {
    op: 'save minutes',
    method: 'PUT',
    path: `/api/v1/meetings/${meeting.id}/minutes`,
    body: {
      content: {
        openedAt: '08:00',
        chairName: 'Nguyễn Văn An',
        minuteTakerName: 'Trần Thị Bình',
        purpose: 'Quán triệt chuyên đề',
        agendaItems: [{ title: 'Quán triệt chuyên đề', summary: `Ý kiến thảo luận lúc ${new Date().toISOString()}` }],
        conclusions: 'Chi bộ thống nhất',
      },
    },
  };
}

export default async function loadBenchmark(argv: string[]) {
  const { values } = parseArgs({
    args: argv,
    options: {
      duration: { type: 'string', default: '180' },
      users: { type: 'string', default: '200' },
      'think-ms': { type: 'string', default: '1000' },
      template: { type: 'string' },
    },
  });
  const durationMs = Number(values.duration) * 1000;
  const thinkMs = Number(values['think-ms']);
  const baseUrl = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
  const name = `chibo_bench_load_${process.pid}`;
  const admin = new pg.Client({ connectionString: baseUrl });
  await admin.connect();
  await admin.query(`create database ${name}${values.template ? ` template ${values.template.replace(/[^a-z0-9_]/g, '')}` : ''}`);
  const url = new URL(baseUrl);
  url.pathname = `/${name}`;
  const env = { DATABASE_URL: url.toString(), CHIBO_JOBS: 'off', HOST: '127.0.0.1', CHIBO_LOG: '' };
  let server: ChiboProcess | undefined;
  try {
    let t0 = performance.now();
    if (!values.template) await runChibo(['demo', '--scale', 'province'], env);
    const demoMs = performance.now() - t0;
    t0 = performance.now();
    const allUsers = await setUp(url.toString());
    const users = allUsers.slice(0, Number(values.users));
    const setupMs = performance.now() - t0;

    server = await startChibo({ databaseUrl: url.toString(), inheritOutput: true, timeoutMs: 120_000 });
    const port = server.port;
    const client = httpClient(port, users.length + 10);
    const { request } = client;
    // Each user logs in once (8 at a time: argon2 is deliberately slow).
    t0 = performance.now();
    for (let i = 0; i < users.length; i += 8) {
      await Promise.all(
        users.slice(i, i + 8).map(async (u) => {
          u.cookie = await logIn(client, u.username, PASSWORD);
        }),
      );
    }
    const loginMs = performance.now() - t0;

    const loadAtStart = os.loadavg();
    const samples: Sample[] = [];
    const errors: { op: string; status: number; body: string }[] = [];
    const rss: { at: number; kib: number }[] = [];
    const started = performance.now();
    const sampler = setInterval(() => rss.push({ at: performance.now() - started, kib: rssKib(server!.pid) }), 1000);
    let seed = 12345;
    const rnd = () => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed / 2 ** 31;
    };
    await Promise.all(
      users.map(async (u, i) => {
        // Users arrive over the first 5 seconds, not all in the same millisecond.
        await new Promise((r) => setTimeout(r, (i * 5000) / users.length));
        while (performance.now() - started < durationMs) {
          const next = nextRequest(u, rnd);
          const sent = performance.now();
          try {
            const res = await request(next.method, next.path, next.body, u.cookie);
            if (res.status >= 300) {
              errors.push({ op: next.op, status: res.status, body: res.body.slice(0, 400) });
              if (errors.length <= 20) console.error(`ERROR ${next.op} ${next.method} ${next.path} (${u.username}): ${res.status} ${res.body.slice(0, 400)}`);
            }
          } catch (error) {
            errors.push({ op: next.op, status: 0, body: (error as Error).message });
            if (errors.length <= 20) console.error(`ERROR ${next.op} ${next.method} ${next.path} (${u.username}): ${(error as Error).message}`);
          }
          samples.push({ op: next.op, ms: performance.now() - sent, at: sent - started });
          await new Promise((r) => setTimeout(r, rnd() * thinkMs));
        }
      }),
    );
    const wallMs = performance.now() - started;
    clearInterval(sampler);
    client.close();

    const latency = (list: Sample[]) => {
      const sorted = list.map((s) => s.ms).sort((a, b) => a - b);
      return {
        requests: list.length,
        p50: round1(percentile(sorted, 50)),
        p95: round1(percentile(sorted, 95)),
        p99: round1(percentile(sorted, 99)),
        max: round1(sorted[sorted.length - 1] ?? 0),
      };
    };
    const ops = [...new Set(samples.map((s) => s.op))].sort();
    const perOperation = Object.fromEntries(
      ops.map((op) => [op, { ...latency(samples.filter((s) => s.op === op)), errors: errors.filter((e) => e.op === op).length }]),
    );
    const third = durationMs / 3;
    const meanMib = (from: number, to: number) => {
      const window = rss.filter((r) => r.at >= from && r.at < to);
      return round1(window.reduce((a, r) => a + r.kib, 0) / Math.max(1, window.length) / 1024);
    };
    const afterWarmUp = meanMib(third, 2 * third);
    const last = meanMib(2 * third, durationMs + 1);
    const change = round1(((last - afterWarmUp) / afterWarmUp) * 100);
    const figures = {
      database: 'postgresql',
      dataset: 'province demo (chibo demo --scale province)',
      // Other work on the machine (1, 5, 15 minutes) when the load began: the figures move with it.
      loadAverageAtStart: loadAtStart.map((l) => round1(l)),
      users: {
        total: users.length,
        secretaries: users.filter((u) => u.role === 'secretary').length,
        officers: users.filter((u) => u.role === 'officer').length,
        members: users.filter((u) => u.role === 'member').length,
      },
      thinkMs: `uniform 0–${thinkMs}`,
      durationS: round1(wallMs / 1000),
      demoMs: Math.round(demoMs),
      setupMs: Math.round(setupMs),
      loginMs: Math.round(loginMs),
      requests: samples.length,
      errors: errors.length,
      throughputPerS: round1(samples.length / (wallMs / 1000)),
      latencyMs: latency(samples),
      perOperation,
      rssMiB: {
        samples: rss.length,
        min: round1(Math.min(...rss.map((r) => r.kib)) / 1024),
        max: round1(Math.max(...rss.map((r) => r.kib)) / 1024),
        meanAfterWarmUp: afterWarmUp,
        meanLast: last,
        changePercent: change,
        perSecond: rss.map((r) => round1(r.kib / 1024)),
      },
      checks: { noErrors: errors.length === 0, memoryFlat: Math.abs(change) <= 10 },
    };
    writeBenchResult('load', figures);
    failUnlessMet(figures.checks);
  } finally {
    await server?.stop(10_000);
    await admin.query(`drop database if exists ${name} with (force)`);
    await admin.end();
  }
}
