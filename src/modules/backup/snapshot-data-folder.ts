// A consistent copy of a PGlite data folder while the server keeps using it. PGlite has
// one connection, so a long repeatable-read backup would stall every request. Instead:
//  1. copy every file while users keep working (the copy may be torn);
//  2. take the app's connection, so no statement runs and every committed transaction
//     is in the write-ahead log, and copy again only what changed: files whose size or
//     times differ, and every file modified since shortly before step 1 began (file
//     times can be coarser than a write), dropping files that disappeared.
// Step 2 is the only wait users see. Opened elsewhere, the copy recovers exactly as after
// a power cut: every committed write, no half of any transaction.
import fs from 'node:fs';
import path from 'node:path';
import type { Database } from '../../db/connect.ts';

const snapshotPrefix = (dataDir: string) => `${path.resolve(dataDir)}.snapshot-`;
/** Writes closer than this to the start of step 1 are copied again, whatever the times say. */
const CLOCK_MARGIN_MS = 2000;
const PARALLEL_COPIES = 8;

export interface Snapshot {
  dir: string;
  blockedMs: number;
}

interface FileState {
  signature: string;
  mtimeMs: number;
}

/** In step 1 the server may remove a file between listing and copying it: step 2 settles it. */
function ignoreVanished<T>(read: () => T): T | undefined {
  try {
    return read();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}

/** Every file with its state; folders (PostgreSQL needs its empty ones too) as ''. */
function listFiles(root: string): Map<string, FileState> {
  const files = new Map<string, FileState>();
  const walk = (rel: string) => {
    for (const entry of ignoreVanished(() => fs.readdirSync(path.join(root, rel), { withFileTypes: true })) ?? []) {
      const name = path.join(rel, entry.name);
      if (entry.isDirectory()) {
        files.set(name, { signature: '', mtimeMs: 0 });
        walk(name);
        continue;
      }
      const stat = ignoreVanished(() => fs.statSync(path.join(root, name), { bigint: true }));
      if (stat) files.set(name, { signature: `${stat.size}:${stat.mtimeNs}:${stat.ctimeNs}`, mtimeMs: Number(stat.mtimeMs) });
    }
  };
  walk('');
  return files;
}

async function copyFiles(from: string, to: string, names: string[], state: Map<string, FileState>): Promise<void> {
  for (const name of names) if (state.get(name)!.signature === '') fs.mkdirSync(path.join(to, name), { recursive: true });
  const files = names.filter((name) => state.get(name)!.signature !== '');
  let next = 0;
  const copier = async () => {
    while (next < files.length) {
      const name = files[next++]!;
      fs.mkdirSync(path.dirname(path.join(to, name)), { recursive: true });
      await fs.promises.copyFile(path.join(from, name), path.join(to, name)).catch((error: NodeJS.ErrnoException) => {
        if (error.code !== 'ENOENT') throw error;
      });
    }
  };
  await Promise.all(Array.from({ length: PARALLEL_COPIES }, copier));
}

export async function snapshotDataFolder(database: Database, dataDir: string): Promise<Snapshot> {
  const source = path.resolve(dataDir);
  // mkdtemp makes it 0700: the copy holds the same personal data as the folder.
  const dir = fs.mkdtempSync(snapshotPrefix(dataDir));
  try {
    const firstPassStarted = Date.now();
    const first = listFiles(source);
    await copyFiles(source, dir, [...first.keys()], first);
    // Taking the connection waits for the transaction in progress and holds off the next.
    const blockedMs = await database.db.connection().execute(async () => {
      const started = performance.now();
      const now = listFiles(source);
      for (const name of first.keys()) if (!now.has(name)) fs.rmSync(path.join(dir, name), { recursive: true, force: true });
      const changed = [...now].filter(
        ([name, state]) =>
          !first.has(name) ||
          (state.signature !== '' && (first.get(name)!.signature !== state.signature || state.mtimeMs >= firstPassStarted - CLOCK_MARGIN_MS)),
      );
      await copyFiles(
        source,
        dir,
        changed.map(([name]) => name),
        now,
      );
      return Math.round(performance.now() - started);
    });
    return { dir, blockedMs };
  } catch (error) {
    removeSnapshot(dir);
    throw error;
  }
}

export function removeSnapshot(dir: string): void {
  fs.rmSync(dir, { recursive: true, force: true });
}

/** Copies left by a server that stopped mid-backup; called while holding the folder's lock. */
export function removeStaleSnapshots(dataDir: string): void {
  const prefix = snapshotPrefix(dataDir);
  const parent = path.dirname(prefix);
  for (const name of fs.readdirSync(parent)) {
    if (path.join(parent, name).startsWith(prefix)) removeSnapshot(path.join(parent, name));
  }
}
