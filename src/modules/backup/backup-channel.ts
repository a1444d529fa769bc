// The local control channel of a server on PGlite: a Unix socket `<data-dir>.sock` beside
// the data folder, mode 0600 (only the account that runs chibo can connect), removed on
// close. `chibo backup`, finding the folder held by the running server, asks here for a
// snapshot, reads the backup from it in its own process (so the server's event loop and
// memory stay free for users), then says it is done: the server writes the audit row and
// removes the snapshot. One JSON object per line:
//   client {"op":"snapshot"}                              server {"snapshot": dir, "blockedMs": n}
//   client {"op":"done","file":…,"tables":n,"rows":n}     server {"ok": true}
//   on any error                                          server {"error": {"code", "params"} | {"message"}}
// Windows has no Unix sockets: there, stop the server to back up (or use PostgreSQL).

import { once } from 'node:events';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import readline from 'node:readline';
import { z } from 'zod';
import { type Database, openDatabase } from '../../db/connect.ts';
import { AppError } from '../../http/app-error.ts';
import { type BackupOptions, type BackupResult, backupDatabase } from './backup-database.ts';
import { recordBackup } from './record-backup.ts';
import { removeSnapshot, removeStaleSnapshots, type Snapshot, snapshotDataFolder } from './snapshot-data-folder.ts';

export const backupChannelPath = (dataDir: string) => `${path.resolve(dataDir)}.sock`;

const request = z.discriminatedUnion('op', [
  z.strictObject({ op: z.literal('snapshot') }),
  z.strictObject({ op: z.literal('done'), file: z.string().min(1), tables: z.number().int(), rows: z.number().int() }),
]);
const reply = z.union([
  z.object({ snapshot: z.string(), blockedMs: z.number() }),
  z.object({ ok: z.literal(true) }),
  z.object({
    error: z.object({
      code: z.string().optional(),
      params: z.record(z.string(), z.union([z.string(), z.number()])).optional(),
      message: z.string().optional(),
    }),
  }),
]);
type Reply = z.infer<typeof reply>;

const send = (socket: net.Socket, message: Reply) => {
  socket.write(`${JSON.stringify(message)}\n`);
};

async function answer(database: Database, dataDir: string, socket: net.Socket): Promise<void> {
  let snapshot: Snapshot | undefined;
  const drop = () => {
    if (snapshot) removeSnapshot(snapshot.dir);
    snapshot = undefined;
  };
  socket.on('close', drop);
  socket.on('error', () => {
    /* the client went away: 'close' cleans up */
  });
  try {
    for await (const text of readline.createInterface({ input: socket, crlfDelay: Infinity })) {
      const message = request.parse(JSON.parse(text));
      if (message.op === 'snapshot' && !snapshot) {
        snapshot = await snapshotDataFolder(database, dataDir);
        send(socket, { snapshot: snapshot.dir, blockedMs: snapshot.blockedMs });
      } else if (message.op === 'done' && snapshot) {
        drop();
        await recordBackup(database.db, message.file, { tables: message.tables, rows: message.rows }, 'server');
        send(socket, { ok: true });
        socket.end();
      } else {
        throw new Error(`unexpected ${message.op}`);
      }
    }
  } catch (error) {
    send(socket, {
      error: error instanceof AppError ? { code: error.code, params: error.params } : { message: error instanceof Error ? error.message : String(error) },
    });
    socket.end();
  }
}

/** Opens the channel; the function returned closes it and removes the socket file. */
export async function openBackupChannel(database: Database, dataDir: string): Promise<() => Promise<void>> {
  const socketPath = backupChannelPath(dataDir);
  // The caller holds the folder's lock, so a socket or snapshot found here is stale.
  removeStaleSnapshots(dataDir);
  fs.rmSync(socketPath, { force: true });
  const sockets = new Set<net.Socket>();
  const server = net.createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    void answer(database, dataDir, socket);
  });
  // The socket file is created with the umask's mode: make it owner-only from the start.
  const umask = process.umask(0o177);
  try {
    server.listen(socketPath);
  } finally {
    process.umask(umask);
  }
  await once(server, 'listening');
  fs.chmodSync(socketPath, 0o600);
  return async () => {
    for (const socket of sockets) socket.destroy();
    await new Promise<void>((resolve) => server.close(() => resolve()));
    fs.rmSync(socketPath, { force: true });
  };
}

/**
 * Backs up through the server that holds `dataDir`. Rejects with the socket's error
 * (ENOENT, ECONNREFUSED) when no server answers there.
 */
export async function backupThroughServer(dataDir: string, file: string, options: BackupOptions = {}): Promise<BackupResult & { blockedMs: number }> {
  const socket = net.createConnection(backupChannelPath(dataDir));
  await once(socket, 'connect');
  socket.on('error', () => {
    /* surfaces as the end of the replies below */
  });
  const replies = readline.createInterface({ input: socket, crlfDelay: Infinity })[Symbol.asyncIterator]();
  const ask = async (message: z.infer<typeof request>) => {
    socket.write(`${JSON.stringify(message)}\n`);
    const next = await replies.next();
    if (next.done) throw new AppError('backup.server_gone', 503);
    const answer = reply.parse(JSON.parse(next.value as string));
    if ('error' in answer) {
      throw answer.error.code ? new AppError(answer.error.code, 500, answer.error.params) : new Error(answer.error.message);
    }
    return answer;
  };
  try {
    const snapshot = await ask({ op: 'snapshot' });
    if (!('snapshot' in snapshot)) throw new AppError('backup.server_gone', 503);
    const copy = await openDatabase({ dataDir: snapshot.snapshot, lock: false });
    let result: BackupResult;
    try {
      result = await backupDatabase(copy.db, file, options);
    } finally {
      await copy.close();
    }
    await ask({ op: 'done', file, ...result });
    return { ...result, blockedMs: snapshot.blockedMs };
  } finally {
    socket.destroy();
  }
}
