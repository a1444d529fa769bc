// Every benchmark prints its figures and writes them to bench/results/NAME.json with the
// machine it ran on, so a figure quoted in a note can be traced to a run.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export function writeBenchResult(name: string, figures: Record<string, unknown>) {
  const dir = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'results');
  fs.mkdirSync(dir, { recursive: true });
  const record = {
    name,
    at: new Date().toISOString(),
    node: process.version,
    cpus: os.cpus().length,
    memoryGiB: Math.round(os.totalmem() / 2 ** 30),
    ...figures,
  };
  fs.writeFileSync(path.join(dir, `${name}.json`), `${JSON.stringify(record, null, 2)}\n`);
  console.log(JSON.stringify(record, null, 2));
}

/** Names the checks a run missed, if any, and makes the command fail (exit code 1). */
export function failUnlessMet(checks: Record<string, boolean>) {
  const failed = Object.entries(checks)
    .filter(([, ok]) => !ok)
    .map(([k]) => k);
  if (failed.length) {
    console.error(`FAILED: ${failed.join(', ')}`);
    process.exitCode = 1;
  }
}
