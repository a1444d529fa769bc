// `npm run bench -- NAME` runs bench/NAME.ts (its default export) and lists them without a name.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { SERVER_NODE_FLAGS } from './lib/serve.ts';

const dir = path.dirname(fileURLToPath(import.meta.url));
const available = fs
  .readdirSync(dir)
  .filter((f) => f.endsWith('.ts') && f !== 'run.ts' && !f.startsWith('_'))
  .map((f) => f.slice(0, -3));
const name = process.argv[2];
if (!name || !available.includes(name)) {
  console.log(`Usage: npm run bench -- NAME\nAvailable: ${available.join(', ')}`);
  process.exitCode = name ? 2 : 0;
} else if (SERVER_NODE_FLAGS.some((flag) => !process.execArgv.includes(flag))) {
  // Benchmarks that run the app in this process (app.inject) measure it with the heap flags
  // `npm start` gives the server: with V8's default young generation a commune dashboard met
  // more scavenges (6-10 ms each on this machine, 01/12), and its p95 with them.
  const run = spawnSync(process.execPath, [...SERVER_NODE_FLAGS, ...process.execArgv, ...process.argv.slice(1)], { stdio: 'inherit' });
  process.exitCode = run.status ?? 1;
} else {
  const mod = (await import(pathToFileURL(path.join(dir, `${name}.ts`)).href)) as { default: (args: string[]) => Promise<void> };
  await mod.default(process.argv.slice(3));
}
