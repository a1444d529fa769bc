// Scale-out: the throughput of one app process against two on the same PostgreSQL database,
// side by side in one run. Two `chibo serve` processes on the province demo; closed-loop
// clients (each sends its next request when the previous answer arrives) over keep-alive
// connections, either all to process A, or split evenly between A and B. Measured for
// GET /api/v1/auth/me (the cheapest authenticated route) and the first page of the member
// list (GET /api/v1/members, a commune officer's scope), in alternating rounds (one, two,
// one, two…) so a change in the machine's load hits both setups alike.
// Writes bench/results/scale-out.json.
// Run: npm run bench -- scale-out [--seconds 8] [--rounds 2] [--clients 16] [--template DB]

import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { DEMO_ACCOUNTS } from '../src/modules/demo/seed-demo.ts';
import { type ChiboProcess, startChibo } from '../tests/helpers/chibo-process.ts';
import { writeBenchResult } from './lib/write-result.ts';

const root = path.join(path.dirname(fileURLToPath(import.meta.url)), '..');
const round1 = (n: number) => Math.round(n * 10) / 10;

interface Target {
  port: number;
  cookie: string;
  agent: http.Agent;
}

function get(target: Target, urlPath: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      { host: '127.0.0.1', port: target.port, path: urlPath, method: 'GET', agent: target.agent, headers: { cookie: target.cookie } },
      (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? 0));
      },
    );
    req.on('error', reject);
    req.end();
  });
}

/** CPU seconds (user + system) a process has used so far, from /proc. */
function cpuSeconds(pid: number): number {
  try {
    const fields = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return 0;
  }
}

/** The machine's CPU time so far (all cores): busy and idle jiffies, from /proc/stat. */
function machineCpu(): { busy: number; idle: number } {
  try {
    const f = fs.readFileSync('/proc/stat', 'utf8').split('\n')[0]!.trim().split(/\s+/).slice(1).map(Number);
    const idle = f[3]! + f[4]!;
    return { busy: f.reduce((a, b) => a + b, 0) - idle, idle };
  } catch {
    return { busy: 0, idle: 0 };
  }
}

async function drive(targets: Target[], urlPath: string, clients: number, ms: number, pids: number[]) {
  const latencies: number[] = [];
  let errors = 0;
  const cpuBefore = pids.map(cpuSeconds);
  const machineBefore = machineCpu();
  const clientBefore = process.cpuUsage();
  const started = performance.now();
  await Promise.all(
    Array.from({ length: clients }, async (_, i) => {
      const target = targets[i % targets.length]!;
      while (performance.now() - started < ms) {
        const sent = performance.now();
        const status = await get(target, urlPath).catch(() => 0);
        if (status !== 200) errors += 1;
        latencies.push(performance.now() - sent);
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  const client = process.cpuUsage(clientBefore);
  const machineAfter = machineCpu();
  const busy = machineAfter.busy - machineBefore.busy;
  const idle = machineAfter.idle - machineBefore.idle;
  latencies.sort((a, b) => a - b);
  const at = (p: number) => round1(latencies[Math.min(latencies.length - 1, Math.floor(latencies.length * p))] ?? 0);
  return {
    requests: latencies.length,
    errors,
    perSecond: round1(latencies.length / seconds),
    p50Ms: at(0.5),
    p95Ms: at(0.95),
    cpuSecondsPerProcess: pids.map((pid, i) => round1(cpuSeconds(pid) - cpuBefore[i]!)),
    clientCpuSeconds: round1((client.user + client.system) / 1e6),
    /** Share of the machine's CPU time that was idle meanwhile (every tenant counted). */
    machineIdle: busy + idle > 0 ? Math.round((idle / (busy + idle)) * 100) / 100 : null,
  };
}

type Figures = Awaited<ReturnType<typeof drive>>;

async function login(port: number): Promise<string> {
  const account = DEMO_ACCOUNTS.find((a) => a.username === 'tochuc')!;
  const res = await fetch(`http://127.0.0.1:${port}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: account.username, password: account.password }),
  });
  if (res.status !== 200) throw new Error(`login: ${res.status} ${await res.text()}`);
  return res.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
}

export default async function scaleOutBenchmark(argv: string[] = []) {
  const { values } = parseArgs({
    args: argv,
    options: {
      seconds: { type: 'string', default: '8' },
      rounds: { type: 'string', default: '2' },
      clients: { type: 'string', default: '16' },
      template: { type: 'string' },
    },
  });
  const ms = Number(values.seconds) * 1000;
  const rounds = Number(values.rounds);
  const clients = Number(values.clients);
  const baseUrl = process.env.BENCH_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
  const name = `chibo_bench_scale_${process.pid}`;
  const admin = new pg.Client({ connectionString: baseUrl });
  await admin.connect();
  await admin.query(`create database ${name}${values.template ? ` template ${values.template.replace(/[^a-z0-9_]/g, '')}` : ''}`);
  const url = new URL(baseUrl);
  url.pathname = `/${name}`;
  const servers: ChiboProcess[] = [];
  try {
    let t0 = performance.now();
    if (!values.template) {
      const demo = spawnSync(process.execPath, ['bin/chibo.mjs', 'demo', '--scale', 'province'], {
        cwd: root,
        encoding: 'utf8',
        env: { ...process.env, DATABASE_URL: url.toString() },
      });
      if (demo.status !== 0) throw new Error(`chibo demo: ${demo.stderr}`);
    }
    const demoMs = Math.round(performance.now() - t0);
    t0 = performance.now();
    servers.push(...(await Promise.all([startChibo({ databaseUrl: url.toString() }), startChibo({ databaseUrl: url.toString() })])));
    const startMs = Math.round(performance.now() - t0);
    const targets: Target[] = [];
    for (const s of servers) {
      targets.push({ port: s.port, agent: new http.Agent({ keepAlive: true, maxSockets: clients }), cookie: await login(s.port) });
    }
    const [a, b] = targets as [Target, Target];
    const routes = { authMe: '/api/v1/auth/me', memberList: '/api/v1/members?pageSize=20' } as const;
    // Warm both processes (JIT, connection pools, PostgreSQL's caches).
    for (const urlPath of Object.values(routes)) await drive([a, b], urlPath, clients, 2000, []);

    const loadAtStart = os.loadavg().map(round1);
    const results: Record<string, { one: Figures[]; two: Figures[] }> = {};
    for (const [key, urlPath] of Object.entries(routes)) {
      results[key] = { one: [], two: [] };
      for (let r = 0; r < rounds; r++) {
        const one = await drive(
          [a],
          urlPath,
          clients,
          ms,
          servers.map((s) => s.pid),
        );
        const two = await drive(
          [a, b],
          urlPath,
          clients,
          ms,
          servers.map((s) => s.pid),
        );
        results[key]!.one.push(one);
        results[key]!.two.push(two);
        console.log(`${key} round ${r + 1}: one process ${one.perSecond}/s (p95 ${one.p95Ms} ms), two processes ${two.perSecond}/s (p95 ${two.p95Ms} ms)`);
      }
    }
    const sum = (xs: { requests: number }[]) => xs.reduce((n, x) => n + x.requests, 0);
    const summary = Object.fromEntries(
      Object.entries(results).map(([key, r]) => {
        const one = sum(r.one) / ((rounds * ms) / 1000);
        const two = sum(r.two) / ((rounds * ms) / 1000);
        return [key, { onePerSecond: round1(one), twoPerSecond: round1(two), ratio: Math.round((two / one) * 100) / 100 }];
      }),
    );
    writeBenchResult('scale-out', {
      database: 'postgresql (local, same machine)',
      dataset: values.template ? `template ${values.template}` : 'province demo (chibo demo --scale province)',
      setup: `two chibo serve processes (CHIBO_JOBS=off); ${clients} closed-loop keep-alive clients in this process; ${rounds} alternating rounds of ${values.seconds} s per setup and route; account tochuc (commune officer)`,
      note: 'client, both app processes and PostgreSQL share the same cores: the ratio says how much a second process adds here, not on separate machines',
      demoMs,
      startMs,
      loadAverageAtStart: loadAtStart,
      loadAverageAtEnd: os.loadavg().map(round1),
      summary,
      rounds: results,
    });
  } finally {
    await Promise.all(servers.map((s) => s.stop()));
    await admin.query(`drop database if exists ${name} with (force)`);
    await admin.end();
  }
}
