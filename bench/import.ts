// Benchmark: import 100,000 members from one .xlsx through the real server over HTTP, on
// PostgreSQL (a fresh database) and on PGlite (a fresh data folder): a dry run, then an
// apply. Records each phase's time, the server's peak RSS (VmRSS sampled from
// /proc/<pid>/status, and VmHWM), and the slowest answer to a cheap authenticated request
// (GET /api/v1/auth/me) sent every 100 ms meanwhile — what other users feel.
// Writes bench/results/import.json.
// Run: npm run bench -- import [--rows 100000] [--only postgres|pglite]
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { DEMO_ACCOUNTS } from '../src/modules/demo/seed-demo.ts';
import { startChibo } from '../tests/helpers/chibo-process.ts';
import { writeMemberFile } from './lib/member-file.ts';
import { writeBenchResult } from './lib/write-result.ts';

const root = path.join(path.dirname(fileURLToPath(import.meta.url)), '..');
const POSTGRES = process.env.BENCH_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432';
const mb = (bytes: number) => Math.round(bytes / 1024 / 1024);

interface Engine {
  name: 'postgres' | 'pglite';
  env: Record<string, string>;
  args: string[];
  dataDir?: string;
  databaseUrl?: string;
  cleanUp(): Promise<void>;
}

async function postgresEngine(): Promise<Engine> {
  const name = `chibo_bench_import_${process.pid}`;
  const admin = new pg.Client({ connectionString: `${POSTGRES}/postgres` });
  await admin.connect();
  await admin.query(`drop database if exists ${name}`);
  await admin.query(`create database ${name}`);
  await admin.end();
  return {
    name: 'postgres',
    env: { DATABASE_URL: `${POSTGRES}/${name}` },
    args: [],
    databaseUrl: `${POSTGRES}/${name}`,
    async cleanUp() {
      const c = new pg.Client({ connectionString: `${POSTGRES}/postgres` });
      await c.connect();
      await c.query(`drop database if exists ${name} with (force)`);
      await c.end();
    },
  };
}

function pgliteEngine(dir: string): Engine {
  const dataDir = path.join(dir, 'data');
  return {
    name: 'pglite',
    env: { DATABASE_URL: '' },
    args: ['--data-dir', dataDir],
    dataDir,
    async cleanUp() {
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

function chibo(engine: Engine, ...args: string[]) {
  const res = spawnSync(process.execPath, ['bin/chibo.mjs', ...args, ...engine.args], { cwd: root, encoding: 'utf8', env: { ...process.env, ...engine.env } });
  if (res.status !== 0) throw new Error(`chibo ${args.join(' ')}: ${res.stderr}`);
}

function procStatus(pid: number, field: 'VmRSS' | 'VmHWM'): number {
  try {
    const m = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) * 1024 : 0;
  } catch {
    return 0;
  }
}

async function phase(base: string, cookie: string, pid: number, file: Buffer, unitId: number, mode: 'dry-run' | 'apply') {
  let peak = procStatus(pid, 'VmRSS');
  const sampler = setInterval(() => {
    peak = Math.max(peak, procStatus(pid, 'VmRSS'));
  }, 50);
  // Another user: a cheap request every 100 ms, each waiting for the previous one.
  let probing = true;
  const latencies: number[] = [];
  let probeErrors = 0;
  const probe = (async () => {
    while (probing) {
      const t0 = performance.now();
      // A kept-alive socket the server has just closed fails the request: count it, go on.
      try {
        const res = await fetch(`${base}/api/v1/auth/me`, { headers: { cookie } });
        await res.arrayBuffer();
        latencies.push(performance.now() - t0);
      } catch {
        probeErrors++;
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  })();
  const form = new FormData();
  form.append('file', new Blob([new Uint8Array(file)]), 'dang-vien.xlsx');
  const started = performance.now();
  const res = await fetch(`${base}/api/v1/imports/members?unitId=${unitId}&mode=${mode}`, { method: 'POST', headers: { cookie }, body: form });
  const body = (await res.json()) as { totalRows?: number; created?: number; updated?: number; errors?: unknown[]; title?: string };
  const ms = Math.round(performance.now() - started);
  probing = false;
  await probe;
  clearInterval(sampler);
  peak = Math.max(peak, procStatus(pid, 'VmRSS'));
  latencies.sort((a, b) => a - b);
  const summary = {
    status: res.status,
    ms,
    totalRows: body.totalRows,
    created: body.created,
    updated: body.updated,
    errors: body.errors?.length,
    problem: body.title,
    peakRssMb: mb(peak),
    hwmMb: mb(procStatus(pid, 'VmHWM')),
    otherRequests: {
      count: latencies.length,
      errors: probeErrors,
      p50Ms: Math.round(latencies[Math.floor(latencies.length / 2)] ?? 0),
      maxMs: Math.round(latencies.at(-1) ?? 0),
    },
  };
  console.log(
    `  ${mode.padEnd(8)} ${res.status} ${String(ms).padStart(7)} ms  peak RSS ${summary.peakRssMb} MiB (HWM ${summary.hwmMb})  other requests: ${latencies.length}, max ${summary.otherRequests.maxMs} ms`,
  );
  return summary;
}

async function run(engine: Engine, file: Buffer, dir: string) {
  console.log(`${engine.name}: demo commune…`);
  chibo(engine, 'demo', '--scale', 'commune', '--seed', '1');
  const server = await startChibo({
    dataDir: engine.dataDir,
    databaseUrl: engine.databaseUrl,
    env: { CHIBO_UPLOAD_DIR: path.join(dir, `uploads-${engine.name}`) },
  });
  const base = server.baseUrl;
  try {
    const tochuc = DEMO_ACCOUNTS.find((a) => a.username === 'tochuc')!;
    const login = await fetch(`${base}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: tochuc.username, password: tochuc.password }),
    });
    if (login.status !== 200) throw new Error(`login: ${login.status}`);
    const cookie = login.headers
      .getSetCookie()
      .map((c) => c.split(';')[0])
      .join('; ');
    const units = await fetch(`${base}/api/v1/units/search?q=VP.X001`, { headers: { cookie } });
    const commune = ((await units.json()) as { items: { id: number; code: string }[] }).items.find((u) => u.code === 'VP.X001');
    if (!commune) throw new Error('commune VP.X001 not found');
    const idleRssMb = mb(procStatus(server.pid, 'VmRSS'));
    const dryRun = await phase(base, cookie, server.pid, file, commune.id, 'dry-run');
    const apply = await phase(base, cookie, server.pid, file, commune.id, 'apply');
    return { idleRssMb, dryRun, apply };
  } finally {
    await server.stop();
    await engine.cleanUp();
  }
}

export default async function importBenchmark(argv: string[] = []) {
  const { values } = parseArgs({ args: argv, options: { rows: { type: 'string', default: '100000' }, only: { type: 'string' } } });
  const rows = Number(values.rows);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'chibo-bench-import-'));
  const results: Record<string, unknown> = { rows, via: 'HTTP, chibo serve with CHIBO_JOBS=off' };
  try {
    const filePath = path.join(dir, 'import.xlsx');
    const t0 = Date.now();
    await writeMemberFile(filePath, rows);
    results.file = { ms: Date.now() - t0, megabytes: Math.round(fs.statSync(filePath).size / 1e5) / 10 };
    const file = fs.readFileSync(filePath);
    console.log(`file: ${rows} rows, ${(results.file as { megabytes: number }).megabytes} MB`);
    if (values.only !== 'pglite') results.postgres = await run(await postgresEngine(), file, dir);
    if (values.only !== 'postgres') results.pglite = await run(pgliteEngine(dir), file, dir);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
  writeBenchResult('import', results);
  return results;
}
