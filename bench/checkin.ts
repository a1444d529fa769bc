// Benchmark: 1,000 members of one large meeting check in at once, over real HTTP, on
// PostgreSQL. The server is the real app (app.listen on 127.0.0.1); the load comes from a
// child process (so client and server do not share an event loop) with a bounded pool of
// concurrent requests. 100 duplicate requests race inside the burst and 200 more come
// after it; each must answer 200 with the first check-in (a second scan is not an error
// since ec8d813) and store nothing. Then SQL checks: exactly 1,000 check-ins, one per
// member, and one audit row each. Prints the figures, writes bench/results/checkin.json.
// Run: npm run bench -- checkin   or   node --import tsx bench/checkin.ts
// Settings: DATABASE_URL (default postgres://postgres@127.0.0.1:5432/test; a database of
// its own is created and dropped), BENCH_CONCURRENCY (default 16: requests in flight at
// once; a real cell's members arrive over half an hour, so this is already a crowd).
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { sql } from 'kysely';
import pg from 'pg';
import { failUnlessMet, writeBenchResult } from './lib/write-result.ts';

const MEMBERS = 1000;
const RACING_DUPLICATES = 100;
const LATE_DUPLICATES = 200;

interface Job {
  token: string;
  member: number;
}
interface ClientInput {
  port: number;
  code: string;
  concurrency: number;
  phases: Job[][];
}
interface Sample {
  member: number;
  status: number;
  ms: number;
}

// ---- the load generator (child process) ----
async function runClient(input: ClientInput) {
  const agent = new http.Agent({ keepAlive: true, maxSockets: input.concurrency });
  const body = JSON.stringify({ code: input.code });
  const post = (job: Job) =>
    new Promise<Sample>((resolve, reject) => {
      const started = performance.now();
      const req = http.request(
        {
          host: '127.0.0.1',
          port: input.port,
          path: '/api/v1/meetings/check-in',
          method: 'POST',
          agent,
          headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), cookie: `chibo_session=${job.token}` },
        },
        (res) => {
          res.resume();
          res.on('end', () => resolve({ member: job.member, status: res.statusCode ?? 0, ms: performance.now() - started }));
        },
      );
      req.on('error', reject);
      req.end(body);
    });
  const results: { wallMs: number; samples: Sample[] }[] = [];
  for (const jobs of input.phases) {
    const samples: Sample[] = [];
    let next = 0;
    const started = performance.now();
    await Promise.all(
      Array.from({ length: input.concurrency }, async () => {
        while (next < jobs.length) samples.push(await post(jobs[next++]!));
      }),
    );
    results.push({ wallMs: performance.now() - started, samples });
  }
  agent.destroy();
  return results;
}

// ---- the benchmark (parent process) ----
function percentile(sorted: number[], p: number) {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

function shuffle<T>(items: T[], seed = 7): T[] {
  const out = [...items];
  let s = seed;
  for (let i = out.length - 1; i > 0; i--) {
    s = (s * 1103515245 + 12345) % 2 ** 31;
    const j = s % (i + 1);
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

async function setUp(url: string) {
  const { openDatabase } = await import('../src/db/connect.ts');
  const { migrate } = await import('../src/db/migrate.ts');
  const { insertUnit } = await import('../src/modules/units/create-unit.ts');
  const { buildAccess, loadGrants } = await import('../src/modules/access/access.ts');
  const { planMeeting } = await import('../src/modules/meetings/plan-meeting.ts');
  const { newSecret } = await import('../src/modules/auth/tokens.ts');
  const { foldForSearch, personSortKey, splitName } = await import('../src/domain/vietnamese.ts');

  const database = await openDatabase({ url });
  await migrate(database);
  const db = database.db;
  const commune = await insertUnit(db, null, { code: 'BENCH', name: 'Đảng bộ xã Thử Tải', kind: 'dang_bo_xa', parentId: null, establishedOn: '2020-01-01' });
  const cell = await insertUnit(db, null, { code: 'BENCH-1', name: 'Chi bộ khu dân cư lớn', kind: 'chi_bo', parentId: commune, establishedOn: '2020-01-01' });
  // 1,000 members in one cell, their placements and statuses, and an account each with a
  // live session (inserted directly: logging 1,000 people in is not what is measured).
  const families = ['Nguyễn', 'Trần', 'Lê', 'Phạm', 'Hoàng', 'Vũ', 'Đặng', 'Bùi'];
  const given = ['An', 'Bình', 'Cường', 'Dung', 'Giang', 'Hà', 'Khoa', 'Lan', 'Minh', 'Nga'];
  const memberIds: number[] = [];
  for (let start = 0; start < MEMBERS; start += 250) {
    const rows = Array.from({ length: Math.min(250, MEMBERS - start) }, (_, k) => {
      const i = start + k;
      const fullName = `${families[i % 8]} Văn ${given[Math.floor(i / 8) % 10]} ${i}`;
      return {
        full_name: fullName,
        given_name: splitName(fullName).given,
        search_name: foldForSearch(fullName),
        sort_key: personSortKey(fullName),
        sex: 'nam' as const,
        date_of_birth: '1980-01-01',
        ethnicity: 'Kinh',
        religion: 'Không',
        party_card_number: `BENCH${String(i).padStart(6, '0')}`,
        unit_id: cell,
        status: 'chinh_thuc' as const,
      };
    });
    const inserted = await db.insertInto('members').values(rows).returning('id').execute();
    memberIds.push(...inserted.map((r) => r.id));
  }
  await db
    .insertInto('member_placements')
    .values(memberIds.map((id) => ({ member_id: id, unit_id: cell, valid_from: '2020-01-01' })))
    .execute();
  await db
    .insertInto('member_statuses')
    .values(memberIds.map((id) => ({ member_id: id, status: 'chinh_thuc' as const, valid_from: '2020-01-01' })))
    .execute();
  const secretary = await db
    .insertInto('users')
    .values({ username: 'bench-bithu', display_name: 'Bí thư', password_hash: 'not-used' })
    .returning('id')
    .executeTakeFirstOrThrow();
  await db.insertInto('role_grants').values({ user_id: secretary.id, role: 'secretary', unit_id: cell }).execute();
  const jobs: Job[] = [];
  for (let start = 0; start < MEMBERS; start += 250) {
    const slice = memberIds.slice(start, start + 250);
    const users = await db
      .insertInto('users')
      .values(slice.map((id) => ({ username: `bench-${id}`, display_name: `Đảng viên ${id}`, password_hash: 'not-used', member_id: id })))
      .returning(['id', 'member_id'])
      .execute();
    await db
      .insertInto('role_grants')
      .values(users.map((u) => ({ user_id: u.id, role: 'member' as const, unit_id: cell })))
      .execute();
    const sessions = users.map((u) => ({ user: u, ...newSecret() }));
    await db
      .insertInto('sessions')
      .values(sessions.map((s) => ({ token_hash: s.hash, user_id: s.user.id, expires_at: sql<Date>`now() + interval '1 day'` })))
      .execute();
    jobs.push(...sessions.map((s) => ({ token: s.secret, member: s.user.member_id! })));
  }
  const user = await db.selectFrom('users').select(['id', 'username', 'display_name', 'member_id']).where('id', '=', secretary.id).executeTakeFirstOrThrow();
  const access = buildAccess(user, await loadGrants(db, user.id));
  const meetingId = await planMeeting(db, access, {
    unitId: cell,
    kind: 'regular',
    date: '2026-03-05',
    startTime: '19:00',
    endTime: '21:30',
    place: 'Sân nhà văn hóa',
    topic: 'Sinh hoạt chi bộ tháng 3',
    focalIssues: ['Vấn đề một', 'Vấn đề hai'],
  });
  const code = (await db.selectFrom('meetings').select('check_in_code').where('id', '=', meetingId).executeTakeFirstOrThrow()).check_in_code;
  await sql`analyze`.execute(db);
  return { database, jobs, meetingId, code };
}

export default async function checkinBenchmark() {
  const baseUrl = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
  const concurrency = Number(process.env.BENCH_CONCURRENCY ?? 16);
  const name = `chibo_bench_checkin_${process.pid}`;
  const admin = new pg.Client({ connectionString: baseUrl });
  await admin.connect();
  await admin.query(`create database ${name}`);
  const url = new URL(baseUrl);
  url.pathname = `/${name}`;
  // The background jobs are not what is measured here.
  process.env.CHIBO_JOBS = 'off';
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'chibo-bench-checkin-'));
  try {
    const setupStarted = performance.now();
    const { database, jobs, meetingId, code } = await setUp(url.toString());
    const setupMs = performance.now() - setupStarted;
    const { buildApp } = await import('../src/server.ts');
    const { clock } = await import('../src/modules/meetings/clock.ts');
    clock.set(new Date('2026-03-05T19:05:00+07:00')); // inside the meeting's check-in window
    const app = await buildApp(database);
    await app.listen({ port: 0, host: '127.0.0.1' });
    const port = (app.server.address() as { port: number }).port;

    const loadAtStart = os.loadavg();
    const racing = shuffle(jobs, 11).slice(0, RACING_DUPLICATES);
    const burst = shuffle([...jobs, ...racing], 3);
    const late = shuffle(jobs, 5).slice(0, LATE_DUPLICATES);
    const input: ClientInput = { port, code, concurrency, phases: [burst, late] };
    const inputFile = path.join(tmp, 'input.json');
    fs.writeFileSync(inputFile, JSON.stringify(input));
    const child = spawn(process.execPath, ['--import', 'tsx', fileURLToPath(import.meta.url), '--client', inputFile], { stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString();
    });
    const exitCode = await new Promise<number>((resolve) => child.on('close', (c) => resolve(c ?? 1)));
    if (exitCode !== 0) throw new Error(`load client exited with ${exitCode}`);
    const [burstResult, lateResult] = JSON.parse(out) as { wallMs: number; samples: Sample[] }[];
    await app.close();

    const counts = (samples: Sample[]) =>
      samples.reduce<Record<string, number>>((acc, s) => {
        acc[s.status] = (acc[s.status] ?? 0) + 1;
        return acc;
      }, {});
    const latencies = burstResult!.samples.map((s) => s.ms).sort((a, b) => a - b);
    const db = database.db;
    const stored = await sql<{ n: number; members: number; audits: number }>`
      select (select count(*) from meeting_check_ins where meeting_id = ${meetingId}) as n,
             (select count(distinct member_id) from meeting_check_ins where meeting_id = ${meetingId}) as members,
             (select count(*) from audit_log where action = 'meeting.check_in' and entity_id = ${String(meetingId)}) as audits`.execute(db);
    const okMembers = new Set(burstResult!.samples.filter((s) => s.status === 201).map((s) => s.member));
    const figures = {
      database: 'postgresql',
      // Other work on the machine during the run (1, 5, 15 minutes): the figures move with it.
      loadAverageAtStart: loadAtStart.map((l) => +l.toFixed(2)),
      members: MEMBERS,
      concurrency,
      setupMs: Math.round(setupMs),
      burstRequests: burst.length,
      burstWallMs: Math.round(burstResult!.wallMs),
      requestsPerSecond: Math.round(burst.length / (burstResult!.wallMs / 1000)),
      latencyMs: {
        p50: +percentile(latencies, 50).toFixed(1),
        p95: +percentile(latencies, 95).toFixed(1),
        p99: +percentile(latencies, 99).toFixed(1),
        max: +latencies[latencies.length - 1]!.toFixed(1),
      },
      burstStatuses: counts(burstResult!.samples),
      lateDuplicateStatuses: counts(lateResult!.samples),
      stored: stored.rows[0],
      checks: {
        within10s: burstResult!.wallMs < 10_000,
        p99Under200ms: percentile(latencies, 99) < 200,
        exactly1000: Number(stored.rows[0]!.n) === MEMBERS && Number(stored.rows[0]!.members) === MEMBERS && okMembers.size === MEMBERS,
        oneAuditEach: Number(stored.rows[0]!.audits) === MEMBERS,
        // The first scan of each member 201, every repeat 200 (nothing stored: exactly1000).
        duplicatesAnsweredOnce:
          counts(burstResult!.samples)['201'] === MEMBERS &&
          counts(burstResult!.samples)['200'] === RACING_DUPLICATES &&
          counts(lateResult!.samples)['200'] === LATE_DUPLICATES,
      },
    };
    // The database is dropped right after: ended clients may still be closing (see finally).
    database.pgPool?.on('error', () => {});
    await database.close();
    writeBenchResult('checkin', figures);
    failUnlessMet(figures.checks);
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
    await admin.query(`drop database if exists ${name} with (force)`);
    await admin.end();
  }
}

const self = process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href;
if (self && process.argv[2] === '--client') {
  const input = JSON.parse(fs.readFileSync(process.argv[3]!, 'utf8')) as ClientInput;
  process.stdout.write(JSON.stringify(await runClient(input)));
} else if (self) {
  await checkinBenchmark();
}
