// Target (issue 2): `npm start` on an existing data folder is serving in under 5 s.
// Measures `chibo start` from spawn to the first healthy answer, on a data folder that
// already holds the commune demo organisation, several times; reports each and the median.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { writeBenchResult } from './lib/write-result.ts';

const root = path.join(path.dirname(fileURLToPath(import.meta.url)), '..');

async function timeStart(dataDir: string, port: number): Promise<number> {
  const started = performance.now();
  const child = spawn(process.execPath, ['bin/chibo.mjs', 'start', '--data-dir', dataDir], {
    cwd: root, env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', DATABASE_URL: '' }, stdio: 'ignore',
  });
  try {
    for (;;) {
      if (child.exitCode !== null) throw new Error('chibo exited before answering');
      try {
        if ((await fetch(`http://127.0.0.1:${port}/api/v1/health`)).ok) return performance.now() - started;
      } catch { /* not yet listening */ }
      if (performance.now() - started > 120_000) throw new Error('chibo did not start within 120 s');
      await new Promise((r) => setTimeout(r, 50));
    }
  } finally {
    const exited = new Promise((r) => child.once('exit', r));
    child.kill('SIGTERM');
    await exited;
  }
}

export default async function startupBench(args: string[] = []) {
  const runs = Number(args[0] ?? 5);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'chibo-bench-start-'));
  const dataDir = path.join(dir, 'data');
  try {
    const first = await timeStart(dataDir, 3391); // creates, migrates and fills the demo data
    const times: number[] = [];
    for (let i = 0; i < runs; i++) times.push(await timeStart(dataDir, 3391));
    const sorted = [...times].sort((a, b) => a - b);
    const median = sorted[Math.floor(sorted.length / 2)]!;
    writeBenchResult('startup', {
      target: 'serving within 5000 ms on an existing data folder',
      firstRunMs: Math.round(first),
      existingFolderMs: times.map(Math.round),
      medianMs: Math.round(median),
      maxMs: Math.round(sorted[sorted.length - 1]!),
      met: median < 5000,
      loadAverage: os.loadavg().map((l) => Number(l.toFixed(2))),
    });
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) await startupBench(process.argv.slice(2));
