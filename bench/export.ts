// Benchmark: the member export of the whole province demo (100,000 members) by its admin,
// over real HTTP from a real `chibo serve`, on PostgreSQL and on PGlite: time to the first
// byte, total time, file size, and the server's RSS growth. RSS growth = the server's peak
// RSS during the export (the kernel's high-water mark VmHWM, reset just before each export,
// and RSS sampled every 20 ms from /proc) minus its RSS after the warm start (started,
// /health answered, logged in, idle for a second, before any export). The peak RSS of the
// start itself is kept apart (`rssStartPeakMiB`): on PGlite it holds V8's one-off optimizing
// compile of the executor that the server sets off as it starts (db/warm-up-pglite.ts). Every run is measured from that same
// warm-start baseline, so a second export does not hide behind the memory the first one
// left. Targets: first byte ≤ 1 s, RSS growth ≤ 100 MiB. Each engine exports `--repeat`
// times; figures per run.
// Run: npm run bench -- export [--engines postgres,pglite] [--repeat 2]
//   [--postgres-template DB] [--pglite-template DIR] [--keep]
//   [--node-flags '--flag …' (the server's Node flags instead of `npm start`'s, to compare)]
import http from 'node:http';
import { parseArgs } from 'node:util';
import {
  demoDatabase,
  type Engine,
  loadAverage,
  peakRssKib,
  resetPeakRss,
  round1,
  rssKib,
  SERVER_NODE_FLAGS,
  startServer,
  waitUntilIdle,
} from './lib/serve.ts';
import { writeBenchResult } from './lib/write-result.ts';

interface ExportRun {
  firstByteMs: number;
  totalMs: number;
  bytes: number;
  /** The server's RSS after its warm start, before any export. */
  rssWarmMiB: number;
  /** The server's peak RSS from its start to the warm start. */
  rssStartPeakMiB: number;
  /** The server's RSS just before this export (after the previous one, for a second run). */
  rssBeforeMiB: number;
  rssPeakMiB: number;
  /** Peak minus the warm-start RSS. */
  rssGrowthMiB: number;
  /** Whether the peak includes the kernel's high-water mark (else 20 ms samples only). */
  kernelPeak: boolean;
}

function download(port: number, cookie: string, pid: number, warmKib: number, startPeakKib: number): Promise<ExportRun> {
  return new Promise((resolve, reject) => {
    const before = rssKib(pid);
    const kernelPeak = resetPeakRss(pid);
    let peak = before;
    const sampler = setInterval(() => {
      peak = Math.max(peak, rssKib(pid));
    }, 20);
    const started = performance.now();
    let firstByteMs = 0;
    let bytes = 0;
    const req = http.request({ host: '127.0.0.1', port, path: '/api/v1/members/export.xlsx', headers: { cookie } }, (res) => {
      if (res.statusCode !== 200) {
        clearInterval(sampler);
        reject(new Error(`export: ${res.statusCode}`));
        return;
      }
      res.on('data', (chunk: Buffer) => {
        if (bytes === 0) firstByteMs = performance.now() - started;
        bytes += chunk.length;
      });
      res.on('end', () => {
        clearInterval(sampler);
        peak = Math.max(peak, rssKib(pid), kernelPeak ? peakRssKib(pid) : 0);
        resolve({
          firstByteMs: round1(firstByteMs),
          totalMs: round1(performance.now() - started),
          bytes,
          rssWarmMiB: round1(warmKib / 1024),
          rssStartPeakMiB: round1(startPeakKib / 1024),
          rssBeforeMiB: round1(before / 1024),
          rssPeakMiB: round1(peak / 1024),
          rssGrowthMiB: round1((peak - warmKib) / 1024),
          kernelPeak,
        });
      });
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end();
  });
}

export default async function exportBench(args: string[]) {
  const { values } = parseArgs({
    args,
    options: {
      engines: { type: 'string', default: 'postgres,pglite' },
      repeat: { type: 'string', default: '2' },
      'postgres-template': { type: 'string' },
      'pglite-template': { type: 'string' },
      keep: { type: 'boolean', default: false },
      'node-flags': { type: 'string' },
    },
  });
  const loadAtStart = loadAverage();
  const nodeFlags = values['node-flags'] === undefined ? SERVER_NODE_FLAGS : values['node-flags'].split(' ').filter(Boolean);
  const results: Record<string, unknown> = { nodeFlags };
  for (const engine of String(values.engines).split(',') as Engine[]) {
    const database = await demoDatabase(engine, 'bench_export_province', 'province', values[`${engine}-template`]);
    const server = await startServer(database.env, 22000 + (process.pid % 10000) + (engine === 'pglite' ? 1 : 0), nodeFlags);
    try {
      const cookie = await server.login('admin');
      const pid = server.process.pid!;
      await waitUntilIdle(pid);
      const warmKib = rssKib(pid);
      const startPeakKib = peakRssKib(pid);
      const runs: ExportRun[] = [];
      for (let i = 0; i < Number(values.repeat); i++) {
        const run = await download(server.port, cookie, pid, warmKib, startPeakKib);
        console.log(
          `${engine} #${i + 1}: first byte ${run.firstByteMs} ms, total ${run.totalMs} ms, ${run.bytes} bytes, RSS +${run.rssGrowthMiB} MiB (start peak ${run.rssStartPeakMiB} MiB; load ${loadAverage().join(' ')})`,
        );
        runs.push(run);
      }
      results[engine] = {
        runs,
        targets: { firstByteWithin1s: runs.every((r) => r.firstByteMs <= 1000), rssGrowthWithin100MiB: runs.every((r) => r.rssGrowthMiB <= 100) },
      };
    } finally {
      await server.stop();
      if (!values.keep) await database.drop();
    }
  }
  writeBenchResult('export', { members: 100_000, loadAverage: { start: loadAtStart, end: loadAverage() }, ...results });
}
