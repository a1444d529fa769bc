// One process per PGlite data folder: two writers would corrupt it. The lock file holds
// the owner's pid; a lock left by a dead process is taken over.
import fs from 'node:fs';
import path from 'node:path';
import { AppError } from '../http/app-error.ts';

function isAlive(pid: number): boolean {
  try { process.kill(pid, 0); return true; } catch { return false; }
}

export function acquireDataFolderLock(dataDir: string): () => void {
  const lockPath = path.resolve(dataDir) + '.lock';
  fs.mkdirSync(path.dirname(lockPath), { recursive: true });
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = fs.openSync(lockPath, 'wx');
      fs.writeSync(fd, String(process.pid));
      fs.closeSync(fd);
      return () => { try { fs.unlinkSync(lockPath); } catch { /* already gone */ } };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const owner = Number(fs.readFileSync(lockPath, 'utf8'));
      if (owner && owner !== process.pid && isAlive(owner)) {
        throw new AppError('data_folder_locked', 409, { path: dataDir, pid: owner });
      }
      fs.unlinkSync(lockPath);
    }
  }
  throw new AppError('data_folder_locked', 409, { path: dataDir, pid: 0 });
}
