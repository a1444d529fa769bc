// `chibo backup` while `chibo serve` runs on the same PGlite folder: how long other users
// wait. A client reads a members page every 25 ms before and during the backup; the
// figures are its latencies, the server's own measure of the time it held its connection
// (copying what changed since the first pass), and the backup's duration.
// npm run bench -- backup-live [commune|province] [existing data folder with that demo]
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { openDatabase } from '../src/db/connect.ts';
import { hashSecret } from '../src/modules/auth/tokens.ts';
import { type ChiboProcess, startChibo } from '../tests/helpers/chibo-process.ts';
import { writeBenchResult } from './lib/write-result.ts';

const root = path.join(path.dirname(fileURLToPath(import.meta.url)), '..');
const env = { ...process.env, DATABASE_URL: '', CHIBO_JOBS: 'off', HOST: '127.0.0.1' };
const token = 'chibo-bench-backup-live-token-0123456789';

function run(args: string[]): Promise<{ status: number | null; out: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['bin/chibo.mjs', ...args], { cwd: root, env });
    let out = '';
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
    });
    child.stderr.on('data', (d: Buffer) => {
      out += d.toString();
    });
    child.on('exit', (status) => resolve({ status, out }));
  });
}

const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return Math.round(sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))] ?? 0);
};

export default async function backupLiveBench(args: string[] = []) {
  const scale = args[0] ?? 'commune';
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'chibo-bench-backup-'));
  const dataDir = args[1] ? path.resolve(args[1]) : path.join(dir, 'data');
  let server: ChiboProcess | undefined;
  try {
    if (!args[1]) {
      const demo = await run(['demo', '--scale', scale, '--data-dir', dataDir]);
      if (demo.status !== 0) throw new Error(demo.out);
    }
    const setup = await openDatabase({ dataDir });
    const admin = await setup.db.selectFrom('users').select('id').where('username', '=', 'admin').executeTakeFirstOrThrow();
    await setup.db.deleteFrom('api_tokens').where('name', '=', 'bench backup-live').execute();
    await setup.db
      .insertInto('api_tokens')
      .values({ user_id: admin.id, name: 'bench backup-live', token_hash: hashSecret(token), expires_at: new Date(Date.now() + 86_400_000) })
      .execute();
    const folderBytes = fs
      .readdirSync(dataDir, { recursive: true, withFileTypes: true })
      .filter((e) => e.isFile())
      .reduce((n, e) => n + fs.statSync(path.join(e.parentPath, e.name)).size, 0);
    await setup.close();

    server = await startChibo({ dataDir });
    const url = `${server.baseUrl}/api/v1/members?pageSize=20`;
    const get = async () => {
      const started = performance.now();
      const res = await fetch(url, { headers: { authorization: `Bearer ${token}` } });
      await res.arrayBuffer();
      if (!res.ok) throw new Error(`GET members: ${res.status}`);
      return performance.now() - started;
    };
    const probe = async (until: () => boolean) => {
      const times: number[] = [];
      while (!until()) {
        times.push(await get());
        await new Promise((r) => setTimeout(r, 25));
      }
      return times;
    };
    const baselineEnd = Date.now() + 5000;
    const baseline = await probe(() => Date.now() > baselineEnd);
    let done = false;
    const started = performance.now();
    const [backup, during] = await Promise.all([
      run(['backup', path.join(dir, 'live.backup'), '--data-dir', dataDir]).finally(() => {
        done = true;
      }),
      probe(() => done),
    ]);
    const backupMs = Math.round(performance.now() - started);
    if (backup.status !== 0) throw new Error(backup.out);
    const blocked = /tạm dừng ghi (\d+) ms/.exec(backup.out);
    writeBenchResult(`backup-live-${scale}`, {
      scale,
      folderMiB: Math.round(folderBytes / 2 ** 20),
      backupFileMiB: Math.round((fs.statSync(path.join(dir, 'live.backup')).size / 2 ** 20) * 10) / 10,
      backupMs,
      serverHeldConnectionMs: blocked ? Number(blocked[1]) : null,
      readsBefore: { count: baseline.length, p50Ms: percentile(baseline, 0.5), maxMs: percentile(baseline, 1) },
      readsDuring: { count: during.length, p50Ms: percentile(during, 0.5), p99Ms: percentile(during, 0.99), maxMs: percentile(during, 1) },
      loadAverage: os.loadavg().map((l) => Math.round(l * 10) / 10),
      output: backup.out.trim(),
    });
  } finally {
    await server?.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
