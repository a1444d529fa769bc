// Shared by the lists and export benchmarks: demo databases on either engine, a real
// `chibo serve` process per database, a keep-alive HTTP client with the session cookie,
// the server's RSS from /proc, and percentiles.
import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';

export const root = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const DEMO_PASSWORD = 'chibo@2026';
export type Engine = 'postgres' | 'pglite';

export function percentile(sorted: number[], p: number) {
  return sorted.length ? sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]! : 0;
}
export const round1 = (n: number) => Math.round(n * 10) / 10;
export const round2 = (n: number) => Math.round(n * 100) / 100;
export function summary(ms: number[]) {
  const s = [...ms].sort((a, b) => a - b);
  return { n: s.length, p50: round2(percentile(s, 50)), p95: round2(percentile(s, 95)), p99: round2(percentile(s, 99)), max: round2(s[s.length - 1] ?? 0) };
}
export const loadAverage = () => os.loadavg().map(round2);

/** The Node flags `npm start` gives the server (package.json's start script), so a measured server runs as a real one. */
export const SERVER_NODE_FLAGS: string[] = (() => {
  const start: string = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')).scripts.start;
  return /^node ((?:--\S+ )*)bin\/chibo\.mjs/.exec(start)?.[1]?.trim().split(' ').filter(Boolean) ?? [];
})();

function statusKib(pid: number, field: 'VmRSS' | 'VmHWM'): number {
  const m = new RegExp(`${field}:\\s+(\\d+) kB`).exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? Number(m[1]) : 0;
}
export const rssKib = (pid: number) => statusKib(pid, 'VmRSS');
/** The kernel's own peak RSS of the process since `resetPeakRss`: no spike is missed between samples. */
export const peakRssKib = (pid: number) => statusKib(pid, 'VmHWM');
/** Resets the peak RSS to the current RSS (Linux ≥ 4.0); false where /proc does not allow it. */
export function resetPeakRss(pid: number): boolean {
  try {
    fs.writeFileSync(`/proc/${pid}/clear_refs`, '5');
    return true;
  } catch {
    return false;
  }
}

/** The CPU time (user + system, in clock ticks of 10 ms) the process has used so far. */
function cpuTicks(pid: number): number {
  const fields = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  return Number(fields[11]) + Number(fields[12]);
}

/**
 * Waits until the process has used under 20 ms of CPU in a whole second (at most 60 s): a
 * server that has finished starting, its own background work done (on PGlite, V8's
 * optimizing compile of the executor it sets off as it starts; db/warm-up-pglite.ts).
 */
export async function waitUntilIdle(pid: number): Promise<void> {
  let before = cpuTicks(pid);
  for (let i = 0; i < 60; i++) {
    await new Promise((r) => setTimeout(r, 1000));
    const now = cpuTicks(pid);
    if (now - before < 2) return;
    before = now;
  }
}

export function runChibo(args: string[], env: Record<string, string>) {
  return new Promise<void>((resolve, reject) => {
    const child = spawn(process.execPath, ['bin/chibo.mjs', ...args], { cwd: root, env: { ...process.env, ...env }, stdio: ['ignore', 'ignore', 'inherit'] });
    child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`chibo ${args.join(' ')} exited with ${code}`))));
  });
}

/**
 * A demo database of the given scale: on PostgreSQL a database `name` (copied from
 * `template` when given, else made by `chibo demo`), on PGlite a data folder under the
 * temporary directory (or `existingDir`, used as it is). Returns the environment that
 * points `chibo` at it and a function that removes what was made.
 */
export async function demoDatabase(
  engine: Engine,
  name: string,
  scale: 'commune' | 'province',
  template?: string,
): Promise<{ env: Record<string, string>; drop: () => Promise<void> }> {
  if (engine === 'pglite') {
    if (template) return { env: { DATABASE_URL: '', CHIBO_DATA_DIR: template }, drop: async () => {} };
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), `${name}-`));
    const dataDir = path.join(dir, 'data');
    await runChibo(['demo', '--scale', scale, '--data-dir', dataDir], { DATABASE_URL: '' });
    return { env: { DATABASE_URL: '', CHIBO_DATA_DIR: dataDir }, drop: async () => fs.rmSync(dir, { recursive: true, force: true }) };
  }
  const base = process.env.DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/postgres';
  const admin = new pg.Client({ connectionString: base });
  await admin.connect();
  const safe = name.replace(/[^a-z0-9_]/g, '');
  await admin.query(`drop database if exists ${safe}`);
  await admin.query(`create database ${safe}${template ? ` template ${template.replace(/[^a-z0-9_]/g, '')}` : ''}`);
  await admin.end();
  const url = new URL(base);
  url.pathname = `/${safe}`;
  const env = { DATABASE_URL: url.toString() };
  // A copied template may predate a migration: `chibo migrate` brings it up to date.
  await runChibo(template ? ['migrate'] : ['demo', '--scale', scale], env);
  return {
    env,
    drop: async () => {
      const c = new pg.Client({ connectionString: base });
      await c.connect();
      await c.query(`drop database if exists ${safe} with (force)`);
      await c.end();
    },
  };
}

export interface Response {
  status: number;
  body: string;
  cookies: string[];
  headers: http.IncomingHttpHeaders;
}

export interface Server {
  port: number;
  process: ChildProcess;
  request(method: string, reqPath: string, body?: unknown, cookie?: string): Promise<Response>;
  login(username: string): Promise<string>;
  stop(): Promise<void>;
}

export interface HttpClient {
  request(method: string, reqPath: string, body?: unknown, cookie?: string): Promise<Response>;
  /** Closes the kept-alive connections. */
  close(): void;
}

/** A keep-alive HTTP client for a server on 127.0.0.1: JSON bodies, the session cookie, the whole answer as text. */
export function httpClient(port: number, maxSockets = 64): HttpClient {
  const agent = new http.Agent({ keepAlive: true, maxSockets });
  const request = (method: string, reqPath: string, body?: unknown, cookie?: string) =>
    new Promise<Response>((resolve, reject) => {
      const payload = body === undefined ? undefined : JSON.stringify(body);
      const req = http.request(
        {
          host: '127.0.0.1',
          port,
          path: reqPath,
          method,
          agent,
          headers: {
            ...(payload ? { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) } : {}),
            ...(cookie ? { cookie } : {}),
          },
        },
        (res) => {
          let text = '';
          res.setEncoding('utf8');
          res.on('data', (c: string) => {
            text += c;
          });
          res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text, cookies: res.headers['set-cookie'] ?? [], headers: res.headers }));
        },
      );
      req.on('error', reject);
      req.end(payload);
    });
  return { request, close: () => agent.destroy() };
}

/** Logs in with a password; the cookie header to send afterwards. */
export async function logIn(client: HttpClient, username: string, password = DEMO_PASSWORD): Promise<string> {
  const res = await client.request('POST', '/api/v1/auth/login', { username, password });
  if (res.status !== 200) throw new Error(`login ${username}: ${res.status} ${res.body}`);
  return res.cookies.map((c) => c.split(';')[0]).join('; ');
}

/** `chibo serve` on a port of its own (jobs off), answering once /health does. */
export async function startServer(env: Record<string, string>, port: number, nodeFlags = SERVER_NODE_FLAGS): Promise<Server> {
  const args = [...nodeFlags, 'bin/chibo.mjs', 'serve', '--port', String(port), ...(env.CHIBO_DATA_DIR ? ['--data-dir', env.CHIBO_DATA_DIR] : [])];
  const child = spawn(process.execPath, args, {
    cwd: root,
    env: { ...process.env, ...env, CHIBO_JOBS: 'off', HOST: '127.0.0.1', CHIBO_LOG: '' },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const client = httpClient(port);
  const { request } = client;
  for (let i = 0; ; i++) {
    if (child.exitCode !== null) throw new Error(`chibo serve exited with ${child.exitCode}`);
    try {
      if ((await request('GET', '/api/v1/health')).status === 200) break;
    } catch {
      /* starting */
    }
    if (i > 1200) throw new Error('the server did not start in 2 minutes');
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    port,
    process: child,
    request,
    login: (username) => logIn(client, username),
    async stop() {
      client.close();
      if (child.exitCode !== null) return;
      const gone = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      await Promise.race([gone, new Promise((r) => setTimeout(r, 10_000))]);
      if (child.exitCode === null) child.kill('SIGKILL');
    },
  };
}
