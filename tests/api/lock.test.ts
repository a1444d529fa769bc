// The data folder's lock file: a lock whose pid now belongs to another program (the pid was
// reused after a crash) never blocks a start; a chibo that is running always does.
import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { acquireDataFolderLock, processStartTime } from '../../src/db/data-folder-lock.ts';
import { AppError } from '../../src/http/app-error.ts';

const root = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'chibo-lock-'));
const children: ChildProcess[] = [];
let n = 0;
const dataDir = () => path.join(tmp, `data-${++n}`);

afterEach(() => {
  for (const c of children.splice(0)) c.kill('SIGKILL');
});
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

/** Another program, alive, whose pid a stale lock names. */
async function otherProgram(): Promise<number> {
  const child = spawn('sleep', ['60'], { stdio: 'ignore' });
  children.push(child);
  await new Promise((resolve) => child.once('spawn', resolve));
  return child.pid!;
}

/** A chibo process holding the folder's lock, as `chibo start` does through openDatabase. */
async function chiboHolding(dir: string): Promise<ChildProcess> {
  const code = `const { acquireDataFolderLock } = await import(${JSON.stringify(path.join(root, 'src/db/data-folder-lock.ts'))});
acquireDataFolderLock(${JSON.stringify(dir)}); console.log('locked'); setInterval(() => {}, 1000);`;
  const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', code], { cwd: root, stdio: ['ignore', 'pipe', 'inherit'] });
  children.push(child);
  await new Promise<void>((resolve, reject) => {
    child.stdout!.on('data', (d: Buffer) => {
      if (String(d).includes('locked')) resolve();
    });
    child.once('exit', (c) => reject(new Error(`lock holder exited ${c}`)));
  });
  return child;
}

function expectLocked(dir: string, pid: number) {
  try {
    acquireDataFolderLock(dir);
  } catch (error) {
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe('data_folder_locked');
    expect((error as AppError).params.pid).toBe(pid);
    return;
  }
  throw new Error('the folder was not locked');
}

describe('a stale lock never blocks', () => {
  it('a lock of an older chibo (pid only), written before a live program got that pid', async () => {
    const dir = dataDir();
    const pid = await otherProgram();
    fs.writeFileSync(`${dir}.lock`, String(pid));
    const anHourAgo = new Date(Date.now() - 3600_000);
    fs.utimesSync(`${dir}.lock`, anHourAgo, anHourAgo); // the crash was an hour ago
    const release = acquireDataFolderLock(dir);
    expect(JSON.parse(fs.readFileSync(`${dir}.lock`, 'utf8')).pid).toBe(process.pid);
    release();
    expect(fs.existsSync(`${dir}.lock`)).toBe(false);
  });

  it('a lock naming a live pid whose process started at another time', async () => {
    const dir = dataDir();
    const pid = await otherProgram();
    fs.writeFileSync(`${dir}.lock`, JSON.stringify({ pid, startTime: '12345', id: 'old' }));
    acquireDataFolderLock(dir)();
  });

  it('a lock left by a chibo that was killed', async () => {
    const dir = dataDir();
    const holder = await chiboHolding(dir);
    holder.kill('SIGKILL');
    await new Promise((resolve) => holder.once('exit', resolve));
    expect(fs.existsSync(`${dir}.lock`)).toBe(true);
    acquireDataFolderLock(dir)();
  });
});

describe('a live chibo always blocks', () => {
  it('a running chibo holds the folder; once it has stopped, the folder opens', async () => {
    const dir = dataDir();
    const holder = await chiboHolding(dir);
    expect(JSON.parse(fs.readFileSync(`${dir}.lock`, 'utf8'))).toMatchObject({ pid: holder.pid, startTime: processStartTime(holder.pid!) });
    expectLocked(dir, holder.pid!);
    expectLocked(dir, holder.pid!); // refusing does not remove the lock
    holder.kill('SIGTERM');
    await new Promise((resolve) => holder.once('exit', resolve));
    acquireDataFolderLock(dir)();
  });

  it('a lock of an older chibo that is still running (pid only, written after it started)', async () => {
    const dir = dataDir();
    const pid = await otherProgram();
    await new Promise((resolve) => setTimeout(resolve, 50));
    fs.writeFileSync(`${dir}.lock`, String(pid));
    expectLocked(dir, pid);
  });

  it("releasing removes only one's own lock", async () => {
    const dir = dataDir();
    const release = acquireDataFolderLock(dir);
    const holder = spawn('sleep', ['60'], { stdio: 'ignore' });
    children.push(holder);
    await new Promise((resolve) => holder.once('spawn', resolve));
    const theirs = JSON.stringify({ pid: holder.pid, startTime: processStartTime(holder.pid!), id: 'someone-else' });
    fs.writeFileSync(`${dir}.lock`, theirs); // taken over meanwhile (as if ours had looked stale)
    release();
    expect(fs.readFileSync(`${dir}.lock`, 'utf8')).toBe(theirs);
  });
});
