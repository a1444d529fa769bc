// Target (issue 2): `npm start` on an existing data folder is serving in under 5 s.
// Measures `chibo start` from spawn to the first healthy answer, on a data folder that
// already holds the commune demo organisation, several times; reports each and the median.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startChibo } from '../tests/helpers/chibo-process.ts';
import { writeBenchResult } from './lib/write-result.ts';

async function timeStart(dataDir: string, port: number): Promise<number> {
  const server = await startChibo({ command: 'start', dataDir, port, timeoutMs: 120_000 });
  await server.stop();
  return server.readyMs;
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
