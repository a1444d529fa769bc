// Runs `chibo start` once on a fresh PGlite data folder (migrate, demo organisation, web
// build check), stops it cleanly, and offers that folder as the template every browser-test
// file copies: each file still gets its own data, and none pays for seeding the demo again.
// The first run itself stays tested: a file may ask for a fresh folder (startServer({ fresh: true })).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { startChibo } from '../../helpers/chibo-process.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    e2eDataTemplate: string;
  }
}

export default async function setup(project: TestProject) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'chibo-e2e-template-'));
  const dataDir = path.join(dir, 'data');
  const server = await startChibo({ command: 'start', dataDir, timeoutMs: 180_000 });
  await server.stop(30_000);
  if (server.child.exitCode !== 0)
    throw new Error(`chibo start did not shut down cleanly (${server.child.exitCode ?? server.child.signalCode}):\n${server.output()}`);
  project.provide('e2eDataTemplate', dataDir);
  return () => fs.rmSync(dir, { recursive: true, force: true });
}
