// The real chibo server as a separate process (`chibo serve`, or `chibo start` as a
// user's `npm start`), on a PGlite data folder or the PostgreSQL database at a URL, ready
// once /api/v1/health answers 200. The one way tests and benchmarks start a server.
import { type ChildProcess, spawn } from 'node:child_process';
import net from 'node:net';
import path from 'node:path';

const projectRoot = path.resolve(import.meta.dirname, '..', '..');

/** A port nobody listens on right now (the OS picks it). */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
    srv.on('error', reject);
  });
}

/**
 * For a chibo process that lives a minute (a test's server or command): PGlite's wasm runs on V8's
 * baseline compiler only. By default V8 recompiles PGlite's hot functions with its optimizing
 * compiler in the background, hundreds of MiB and seconds of CPU per process, which a
 * long-running server earns back (queries 1.5–1.9× faster) and a one-minute one does not:
 * three browser files took 51–56 s and 47–53 s of CPU with this flag, 60–74 s and 64–78 s
 * without (01/12). A server on PGlite sets that compile off as it starts
 * (src/db/warm-up-pglite.ts); with this flag there is none. What the server does is the same either way.
 */
export const SHORT_LIVED_PROCESS_FLAGS = ['--liftoff-only'] as const;

export interface ChiboProcessOptions {
  /** `serve` (default) or `start` (migrate, demo organisation on first run, web build, serve). */
  command?: 'serve' | 'start';
  /** A PGlite data folder (`--data-dir`); without it the server uses `databaseUrl`. */
  dataDir?: string;
  /** A PostgreSQL database (DATABASE_URL); ignored when `dataDir` is given. */
  databaseUrl?: string;
  /** Default: a free port. */
  port?: number;
  /** Background jobs (pg-boss) on; default off (CHIBO_JOBS=off). */
  jobs?: boolean;
  /** More environment, applied last (e.g. CHIBO_UPLOAD_DIR, DATABASE_REPLICA_URL). */
  env?: Record<string, string>;
  /** Node's own flags, before the script; default SHORT_LIVED_PROCESS_FLAGS (every server a test starts is one). */
  nodeFlags?: readonly string[];
  /** The Node binary; default the one running this process. */
  nodePath?: string;
  /** How long to wait for /health; default 180 s (a fresh PGlite folder on a busy machine). */
  timeoutMs?: number;
  /** Pass the server's output through to ours instead of only keeping it. */
  inheritOutput?: boolean;
}

export interface ChiboProcess {
  baseUrl: string;
  port: number;
  pid: number;
  child: ChildProcess;
  /** Milliseconds from spawn to the first healthy answer. */
  readyMs: number;
  /** What the server printed so far. */
  output(): string;
  /** SIGKILL, and wait until the process is gone. */
  kill(): Promise<void>;
  /** SIGTERM (a clean shutdown), SIGKILL after `graceMs` (default 15 s); waits for the exit. */
  stop(graceMs?: number): Promise<void>;
}

const exited = (child: ChildProcess) =>
  new Promise<void>((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) resolve();
    else child.once('exit', () => resolve());
  });

/** Starts chibo and resolves when /api/v1/health answers 200; throws (with its output) if it exits or times out. */
export async function startChibo(options: ChiboProcessOptions = {}): Promise<ChiboProcess> {
  const port = options.port ?? (await freePort());
  const command = options.command ?? 'serve';
  const args = [
    ...(options.nodeFlags ?? SHORT_LIVED_PROCESS_FLAGS),
    'bin/chibo.mjs',
    command,
    ...(command === 'serve' ? ['--port', String(port)] : []),
    ...(options.dataDir ? ['--data-dir', options.dataDir] : []),
  ];
  let log = '';
  const started = performance.now();
  const child = spawn(options.nodePath ?? process.execPath, args, {
    cwd: projectRoot,
    env: {
      ...process.env,
      DATABASE_URL: options.dataDir ? '' : (options.databaseUrl ?? ''),
      PORT: String(port),
      HOST: '127.0.0.1',
      CHIBO_JOBS: options.jobs ? 'on' : 'off',
      CHIBO_LOG: '',
      ...options.env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const keep = (d: Buffer) => {
    log += d.toString();
    if (options.inheritOutput) process.stdout.write(d);
  };
  child.stdout!.on('data', keep);
  child.stderr!.on('data', keep);
  const baseUrl = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + (options.timeoutMs ?? 180_000);
  for (;;) {
    if (child.exitCode !== null || child.signalCode !== null) throw new Error(`chibo ${command} exited (${child.exitCode ?? child.signalCode}):\n${log}`);
    try {
      const res = await fetch(`${baseUrl}/api/v1/health`);
      if (res.ok) break;
    } catch {
      /* not listening yet */
    }
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      await exited(child);
      throw new Error(`chibo ${command} did not answer within ${options.timeoutMs ?? 180_000} ms:\n${log}`);
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  const readyMs = performance.now() - started;
  return {
    baseUrl,
    port,
    pid: child.pid!,
    child,
    readyMs,
    output: () => log,
    async kill() {
      child.kill('SIGKILL');
      await exited(child);
    },
    async stop(graceMs = 15_000) {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
      await exited(child);
      clearTimeout(timer);
    },
  };
}
