// The real chibo server as a separate process (`chibo serve`), so a test can SIGKILL it
// mid-write and start it again on the same data: a PGlite data folder, or the PostgreSQL
// database named by `databaseUrl`.
import { startChibo } from '../helpers/chibo-process.ts';

export type DataLocation = { dataDir: string } | { databaseUrl: string };

export interface ServerProcess {
  baseUrl: string;
  pid: number;
  /** SIGKILL, and wait until the process is gone. */
  kill(): Promise<void>;
  output(): string;
}

/** Starts `chibo serve` (jobs off) and resolves when /api/v1/health answers 200. */
export async function startServerProcess(data: DataLocation, extraEnv: Record<string, string> = {}): Promise<ServerProcess> {
  const server = await startChibo({ ...data, env: extraEnv });
  return { baseUrl: server.baseUrl, pid: server.pid, output: server.output, kill: server.kill };
}

export interface HttpAnswer {
  status: number;
  body: string;
  json<T = unknown>(): T;
}
export type HttpClient = (method: string, url: string, body?: unknown, headers?: Record<string, string>) => Promise<HttpAnswer>;

/** Logs in over HTTP and returns a client that carries the session cookie. */
export async function loginOverHttp(baseUrl: string, username: string, password: string): Promise<HttpClient> {
  const res = await fetch(`${baseUrl}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
  if (res.status !== 200) throw new Error(`login ${username} failed: ${res.status} ${await res.text()}`);
  const cookie = res.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
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
