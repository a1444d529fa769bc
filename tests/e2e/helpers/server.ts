// Starts the real chibo (`chibo start`: migrate, demo organisation, serve) on a fresh
// PGlite data folder and a free port, exactly as a user's `npm start` does.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startChibo } from '../../helpers/chibo-process.ts';

export { freePort } from '../../helpers/chibo-process.ts';

export interface RunningServer {
  baseUrl: string;
  dataDir: string;
  stop(): Promise<void>;
  output(): string;
}

export async function startServer(): Promise<RunningServer> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'chibo-e2e-'));
  const server = await startChibo({ command: 'start', dataDir: path.join(dataDir, 'data'), timeoutMs: 120_000 });
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
