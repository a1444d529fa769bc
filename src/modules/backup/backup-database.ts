// Backup of the whole database to one gzip'd JSON-lines file, format version 2:
//   a header naming the migrations and the tables,
//   per table: lines {"table": name, "rows": [row_to_json, …]} in primary-key order,
//   then {"end": name, "rows": count, "sha256": hash of that table's row lines}.
// Rows are read through a cursor in one snapshot, a page at a time, so a large database
// streams through without being held in memory and no row is skipped whatever its key
// (paging by the first key column alone lost rows of composite-key tables). The row
// text is written as the database produced it, never re-serialised. The same format comes
// out of PGlite and PostgreSQL, so a backup of one restores into the other.
import crypto from 'node:crypto';
import { once } from 'node:events';
import fs from 'node:fs';
import zlib from 'node:zlib';
import { type Kysely, sql } from 'kysely';
import type { DB } from '../../db/types.ts';
import { listTables, quoteIdent } from './table-catalog.ts';

export const BACKUP_FORMAT = 'chibo-backup';
export const BACKUP_VERSION = 2;
const PAGE = 5000;

/** Version 1 files (no `tables`, no table ends) are still read, without verification. */
export interface BackupHeader {
  format: typeof BACKUP_FORMAT;
  version: 1 | 2;
  createdAt: string;
  migrations: string[];
  tables?: string[];
}
export interface TableRows {
  table: string;
  rows: unknown[];
}
export interface TableEnd {
  end: string;
  rows: number;
  sha256: string;
}
export type BackupLine = BackupHeader | TableRows | TableEnd;

export interface BackupOptions {
  /** Rows per fetch (tests use a tiny page). */ pageSize?: number;
}
export interface BackupResult {
  tables: number;
  rows: number;
}

/** The digest a table's end line carries: sha256 over its row lines, each with its newline. */
export const tableDigest = () => crypto.createHash('sha256');

export async function backupDatabase(db: Kysely<DB>, file: string, options: BackupOptions = {}): Promise<BackupResult> {
  const pageSize = options.pageSize ?? PAGE;
  if (!Number.isInteger(pageSize) || pageSize < 1) throw new RangeError('pageSize');
  // Written beside the target and renamed at the end: a failed backup never leaves a
  // file that looks like a backup.
  const partial = `${file}.partial`;
  const gzip = zlib.createGzip();
  const out = fs.createWriteStream(partial, { mode: 0o600 });
  gzip.pipe(out);
  const write = async (text: string) => {
    if (!gzip.write(`${text}\n`)) await once(gzip, 'drain');
  };
  let total = 0;
  const tables = await listTables(db);
  try {
    // One snapshot for every table, so the file is consistent even while the app writes.
    await db
      .transaction()
      .setIsolationLevel('repeatable read')
      .execute(async (trx) => {
        const migrations = await sql<{ name: string }>`select name from schema_migrations order by name`.execute(trx);
        const header: BackupHeader = {
          format: BACKUP_FORMAT,
          version: BACKUP_VERSION,
          createdAt: new Date().toISOString(),
          migrations: migrations.rows.map((r) => r.name),
          tables: tables.map((t) => t.name),
        };
        await write(JSON.stringify(header));
        for (const table of tables) {
          const order = table.key.length ? sql`order by ${sql.raw(table.key.map((k) => `t.${quoteIdent(k)}`).join(', '))}` : sql``;
          await sql`declare chibo_backup no scroll cursor for
                  select row_to_json(t)::text as j from ${sql.raw(quoteIdent(table.name))} t ${order}`.execute(trx);
          const digest = tableDigest();
          let count = 0;
          for (;;) {
            const page = await sql<{ j: string }>`fetch forward ${sql.raw(String(pageSize))} from chibo_backup`.execute(trx);
            if (page.rows.length === 0) break;
            const line = `{"table":${JSON.stringify(table.name)},"rows":[${page.rows.map((r) => r.j).join(',')}]}`;
            digest.update(`${line}\n`);
            await write(line);
            count += page.rows.length;
            if (page.rows.length < pageSize) break;
          }
          await sql`close chibo_backup`.execute(trx);
          const end: TableEnd = { end: table.name, rows: count, sha256: digest.digest('hex') };
          await write(JSON.stringify(end));
          total += count;
        }
      });
    gzip.end();
    await once(out, 'finish');
    fs.renameSync(partial, file);
  } catch (error) {
    gzip.destroy();
    out.destroy();
    fs.rmSync(partial, { force: true });
    throw error;
  }
  return { tables: tables.length, rows: total };
}
