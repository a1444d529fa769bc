// Uploads that must sit on disk while they are read (an import's .xlsx) go to one known
// folder per database, in a subfolder named after the process that owns it. A request
// removes its subfolder when it ends; a process killed midway leaves it behind, so a
// starting server removes the subfolders of processes that are no longer running.
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { databaseOptionsFromEnv } from '../config.ts';

/** CHIBO_UPLOAD_DIR, else a folder in the system's temporary folder named for the database. */
export function uploadRoot(): string {
  if (process.env.CHIBO_UPLOAD_DIR) return path.resolve(process.env.CHIBO_UPLOAD_DIR);
  const options = databaseOptionsFromEnv();
  // Without the password: the name is visible to every user of the machine.
  const identity = 'url' in options ? options.url.replace(/\/\/[^@/]*@/, '//') : 'dataDir' in options ? options.dataDir : 'memory';
  return path.join(os.tmpdir(), `chibo-uploads-${createHash('sha256').update(identity).digest('hex').slice(0, 12)}`);
}

/** A new private folder for one upload; the caller removes it. */
export async function makeUploadDir(root = uploadRoot()): Promise<string> {
  await fsp.mkdir(root, { recursive: true, mode: 0o700 });
  return fsp.mkdtemp(path.join(root, `${process.pid}-`));
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Removes what dead processes left in the upload folder (called at start, before any
 * upload of this process exists); returns how many folders were removed.
 */
export function removeStaleUploads(root = uploadRoot()): number {
  let removed = 0;
  let names: string[];
  try {
    names = fs.readdirSync(root);
  } catch {
    return 0;
  }
  for (const name of names) {
    const pid = Number(/^(\d+)-/.exec(name)?.[1]);
    if (pid && pid !== process.pid && isRunning(pid)) continue;
    fs.rmSync(path.join(root, name), { recursive: true, force: true });
    removed++;
  }
  return removed;
}
