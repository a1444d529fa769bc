// Backup of the whole database to one gzip'd JSON-lines file: a header naming the
// migrations, then each table's rows as row_to_json, read in key order in pages so a
// large database streams through without being held in memory. The same format comes
// out of PGlite and PostgreSQL, so a backup of one restores into the other.
import fs from 'node:fs';
import zlib from 'node:zlib';
import { once } from 'node:events';
import { sql, type Kysely } from 'kysely';
import type { DB } from '../../db/types.ts';
import { listTables, quoteIdent } from './table-catalog.ts';

export const BACKUP_FORMAT = 'chibo-backup';
const PAGE = 5000;

export interface BackupHeader { format: typeof BACKUP_FORMAT; version: 1; createdAt: string; migrations: string[] }
export type BackupLine = BackupHeader | { table: string; rows: unknown[] };

export async function backupDatabase(db: Kysely<DB>, file: string): Promise<{ tables: number; rows: number }> {
  const gzip = zlib.createGzip();
  const out = fs.createWriteStream(file);
  gzip.pipe(out);
  const write = async (line: BackupLine) => {
    if (!gzip.write(JSON.stringify(line) + '\n')) await once(gzip, 'drain');
  };
  const migrations = await sql<{ name: string }>`select name from schema_migrations order by name`.execute(db);
  await write({ format: BACKUP_FORMAT, version: 1, createdAt: new Date().toISOString(), migrations: migrations.rows.map((r) => r.name) });
  let total = 0;
  const tables = await listTables(db);
  // One snapshot for every table, so the file is consistent even while the app writes.
  await db.transaction().setIsolationLevel('repeatable read').execute(async (trx) => {
    for (const table of tables) {
      let last: unknown = null;
      for (;;) {
        const t = sql.raw(quoteIdent(table.name));
        const k = sql.raw(quoteIdent(table.key));
        const page = await sql<{ j: unknown; k: unknown }>`
          select row_to_json(t) as j, t.${k} as k from ${t} t
          where ${last === null ? sql`true` : sql`t.${k} > ${last}`} order by t.${k} limit ${PAGE}`.execute(trx);
        if (page.rows.length === 0) break;
        await write({ table: table.name, rows: page.rows.map((r) => r.j) });
        total += page.rows.length;
        last = page.rows[page.rows.length - 1]!.k;
        if (page.rows.length < PAGE) break;
      }
    }
  });
  gzip.end();
  await once(out, 'finish');
  return { tables: tables.length, rows: total };
}
