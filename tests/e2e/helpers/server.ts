// Starts the real chibo (`chibo start`, exactly as a user's `npm start` does) on a data
// folder of its own and a free port: a copy of the folder the global setup seeded with the
// demo organisation, or, with `fresh`, an empty folder (migrate and seed on first run).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { inject } from 'vitest';
import { startChibo } from '../../helpers/chibo-process.ts';

export { freePort } from '../../helpers/chibo-process.ts';

export interface RunningServer {
  baseUrl: string;
  dataDir: string;
  stop(): Promise<void>;
  output(): string;
}

export async function startServer(options: { fresh?: boolean } = {}): Promise<RunningServer> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'chibo-e2e-'));
  const data = path.join(dataDir, 'data');
  if (!options.fresh) fs.cpSync(inject('e2eDataTemplate'), data, { recursive: true });
  const server = await startChibo({ command: 'start', dataDir: data, timeoutMs: 120_000 });
  return {
    baseUrl: server.baseUrl,
    dataDir,
    output: server.output,
    async stop() {
      await server.stop(10_000);
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
