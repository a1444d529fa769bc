// The real chibo server as a separate process (`chibo serve`), so a test can SIGKILL it
// mid-write and start it again on the same data: a PGlite data folder, or the PostgreSQL
// database named by `databaseUrl`.
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { freePort } from '../e2e/helpers/server.ts';

const projectRoot = path.resolve(import.meta.dirname, '..', '..');

export type DataLocation = { dataDir: string } | { databaseUrl: string };

export interface ServerProcess {
  baseUrl: string;
  pid: number;
  /** SIGKILL, and wait until the process is gone. */
  kill(): Promise<void>;
  output(): string;
}

const exited = (child: ChildProcess) => new Promise<void>((resolve) => {
  if (child.exitCode !== null || child.signalCode !== null) resolve();
  else child.once('exit', () => resolve());
});

/** Starts `chibo serve` and resolves when /api/v1/health answers 200. */
export async function startServerProcess(data: DataLocation, extraEnv: Record<string, string> = {}): Promise<ServerProcess> {
  const port = await freePort();
  const args = ['bin/chibo.mjs', 'serve', '--port', String(port), ...('dataDir' in data ? ['--data-dir', data.dataDir] : [])];
  let log = '';
  const child = spawn(process.execPath, args, {
    cwd: projectRoot,
    env: { ...process.env, DATABASE_URL: 'databaseUrl' in data ? data.databaseUrl : '', HOST: '127.0.0.1', CHIBO_JOBS: 'off', CHIBO_LOG: '', ...extraEnv },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout!.on('data', (d: Buffer) => { log += d.toString(); });
  child.stderr!.on('data', (d: Buffer) => { log += d.toString(); });
  const baseUrl = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 180_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`chibo serve exited with ${child.exitCode}:\n${log}`);
    try {
      const res = await fetch(`${baseUrl}/api/v1/health`);
      if (res.ok) break;
    } catch { /* not listening yet */ }
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`chibo serve did not answer within 180 s:\n${log}`);
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  return {
    baseUrl,
    pid: child.pid!,
    output: () => log,
    async kill() {
      child.kill('SIGKILL');
      await exited(child);
    },
  };
}

export interface HttpAnswer { status: number; body: string; json<T = unknown>(): T }
export type HttpClient = (method: string, url: string, body?: unknown, headers?: Record<string, string>) => Promise<HttpAnswer>;

/** Logs in over HTTP and returns a client that carries the session cookie. */
export async function loginOverHttp(baseUrl: string, username: string, password: string): Promise<HttpClient> {
  const res = await fetch(`${baseUrl}/api/v1/auth/login`, {
    method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password }),
  });
  if (res.status !== 200) throw new Error(`login ${username} failed: ${res.status} ${await res.text()}`);
  const cookie = res.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
  return async (method, url, body, headers = {}) => {
    const isBuffer = Buffer.isBuffer(body);
    const answer = await fetch(`${baseUrl}${url}`, {
      method,
      headers: { cookie, ...(body !== undefined && !isBuffer ? { 'content-type': 'application/json' } : {}), ...headers },
      body: body === undefined ? undefined : isBuffer ? new Uint8Array(body) : JSON.stringify(body),
    });
    const text = await answer.text();
    return { status: answer.status, body: text, json: <T>() => JSON.parse(text) as T };
  };
}
