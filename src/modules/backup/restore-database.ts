// Restore of a backup file into an empty, migrated database, in one transaction: either
// everything is back or nothing changed. Foreign keys are checked by PostgreSQL only
// at the end of each statement, and tables reference each other in cycles (units ↔
// unit_events), so triggers (which enforce them) are paused for the load with
// session_replication_role; this needs a superuser, as restores usually do.
import fs from 'node:fs';
import readline from 'node:readline';
import zlib from 'node:zlib';
import { sql, type Kysely } from 'kysely';
import type { DB } from '../../db/types.ts';
import { AppError } from '../../http/app-error.ts';
import { BACKUP_FORMAT, type BackupLine } from './backup-database.ts';
import { listTables, quoteIdent } from './table-catalog.ts';

export async function restoreDatabase(db: Kysely<DB>, file: string): Promise<{ rows: number }> {
  const tables = await listTables(db);
  const known = new Map(tables.map((t) => [t.name, t]));
  let rows = 0;
  await db.transaction().execute(async (trx) => {
    for (const table of tables) {
      const any = await sql`select 1 from ${sql.raw(quoteIdent(table.name))} limit 1`.execute(trx);
      if (any.rows.length) throw new AppError('backup.not_empty', 409, { table: table.name });
    }
    await sql`set local session_replication_role = replica`.execute(trx);
    // Opened only now: readline starts reading at once, and lines read before the loop
    // begins would be lost.
    const lines = readline.createInterface({ input: fs.createReadStream(file).pipe(zlib.createGunzip()), crlfDelay: Infinity });
    let header = true;
    for await (const text of lines) {
      if (!text.trim()) continue;
      const line = JSON.parse(text) as BackupLine;
      if (header) {
        if (!('format' in line) || line.format !== BACKUP_FORMAT) throw new AppError('backup.bad_file', 400);
        const applied = new Set((await sql<{ name: string }>`select name from schema_migrations`.execute(trx)).rows.map((r) => r.name));
        const missing = line.migrations.filter((m) => !applied.has(m));
        if (missing.length) throw new AppError('backup.newer_schema', 400, { migrations: missing.join(', ') });
        header = false;
        continue;
      }
      if (!('table' in line) || !known.has(line.table)) throw new AppError('backup.bad_file', 400);
      const t = sql.raw(quoteIdent(line.table));
      await sql`insert into ${t} select * from json_populate_recordset(null::${t}, ${JSON.stringify(line.rows)}::json)`.execute(trx);
      rows += line.rows.length;
    }
    for (const table of tables) {
      for (const column of table.serialColumns) {
        const c = sql.raw(quoteIdent(column));
        await sql`select setval(pg_get_serial_sequence(${table.name}, ${column}), coalesce((select max(${c}) from ${sql.raw(quoteIdent(table.name))}), 1),
                  (select max(${c}) is not null from ${sql.raw(quoteIdent(table.name))}))`.execute(trx);
      }
    }
  });
  return { rows };
}
