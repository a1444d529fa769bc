// One process per PGlite data folder: two writers would corrupt it. The lock file names
// its owner by pid AND the process's start time (Linux: /proc/<pid>/stat), so a lock left
// by a crashed chibo whose pid the system has since given to another program is seen as
// stale and taken over; a live chibo always blocks. A random id lets the owner remove only
// its own lock.
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { AppError } from '../http/app-error.ts';

interface LockOwner {
  pid: number;
  startTime: string | null;
  id: string;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Field 22 of /proc/<pid>/stat (clock ticks since boot), or null where there is no /proc. */
export function processStartTime(pid: number): string | null {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name (field 2) may hold spaces and parentheses: count from the last ')'.
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19] ?? null;
  } catch {
    return null;
  }
}

/** Seconds since the epoch at which the process started, from /proc; null where unknown. */
function processStartedAt(pid: number): number | null {
  const ticks = processStartTime(pid);
  try {
    const btime = /^btime (\d+)$/m.exec(fs.readFileSync('/proc/stat', 'utf8'))?.[1];
    // USER_HZ is 100 on every Linux that Node runs on.
    return ticks && btime ? Number(btime) + Number(ticks) / 100 : null;
  } catch {
    return null;
  }
}

function readOwner(lockPath: string): LockOwner | null {
  try {
    const text = fs.readFileSync(lockPath, 'utf8').trim();
    // Older versions wrote the pid alone.
    if (/^\d+$/.test(text)) return { pid: Number(text), startTime: null, id: '' };
    const owner = JSON.parse(text) as Partial<LockOwner>;
    return typeof owner.pid === 'number' ? { pid: owner.pid, startTime: owner.startTime ?? null, id: String(owner.id ?? '') } : null;
  } catch {
    return null; // gone meanwhile, or garbage: nobody can be holding it
  }
}

/** Is the process that wrote this lock still running? */
function ownerIsRunning(owner: LockOwner, lockPath: string): boolean {
  if (!isAlive(owner.pid)) return false;
  const now = processStartTime(owner.pid);
  if (now === null) return true; // no /proc: a live pid is all we can know
  if (owner.startTime !== null) return owner.startTime === now;
  // A lock of an older version (pid only): a process started after the lock was written
  // cannot have written it.
  const startedAt = processStartedAt(owner.pid);
  let writtenAt: number;
  try {
    writtenAt = fs.statSync(lockPath).mtimeMs / 1000;
  } catch {
    return false;
  }
  return startedAt === null || startedAt <= writtenAt + 2;
}

export function acquireDataFolderLock(dataDir: string): () => void {
  const lockPath = `${path.resolve(dataDir)}.lock`;
  fs.mkdirSync(path.dirname(lockPath), { recursive: true });
  const me: LockOwner = { pid: process.pid, startTime: processStartTime(process.pid), id: randomBytes(8).toString('hex') };
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = fs.openSync(lockPath, 'wx');
      fs.writeSync(fd, JSON.stringify(me));
      fs.closeSync(fd);
      return () => {
        if (readOwner(lockPath)?.id === me.id) fs.rmSync(lockPath, { force: true });
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const owner = readOwner(lockPath);
      // This very process may reopen its own folder (its earlier handle is being replaced).
      if (owner && owner.pid !== process.pid && ownerIsRunning(owner, lockPath)) {
        throw new AppError('data_folder_locked', 409, { path: dataDir, pid: owner.pid });
      }
      fs.rmSync(lockPath, { force: true });
    }
  }
  throw new AppError('data_folder_locked', 409, { path: dataDir, pid: 0 });
}
