// Restore of a backup file into an empty, migrated database, in one transaction: either
// everything is back or nothing changed. Each table's rows are counted and hashed as
// they are read and checked against the table's end line; any difference, a table that
// never ends, or a damaged file rolls the whole restore back with a message naming the
// table. Foreign keys are checked by PostgreSQL only at the end of each statement, and
// tables reference each other in cycles (units ↔ unit_events), so triggers (which
// enforce them) are paused for the load with session_replication_role; this needs a
// superuser, as restores usually do. A file from before a kept read model existed is
// restored with that model recomputed (KEPT_TABLES).
import fs from 'node:fs';
import readline from 'node:readline';
import { pipeline } from 'node:stream';
import zlib from 'node:zlib';
import { type Kysely, sql } from 'kysely';
import type { DB } from '../../db/types.ts';
import { AppError } from '../../http/app-error.ts';
import { REFRESH_ALL_MEETING_FACTS } from '../figures/refresh-meeting-facts.ts';
import { BACKUP_FORMAT, BACKUP_VERSION, type BackupHeader, type BackupLine, tableDigest } from './backup-database.ts';
import { listTables, quoteIdent } from './table-catalog.ts';

export interface RestoreResult {
  rows: number;
  /** False for a version 1 file, which carries no counts or checksums. */
  verified: boolean;
}

interface TableState {
  rows: number;
  digest: ReturnType<typeof tableDigest>;
  ended: boolean;
}

function parseLine(text: string): BackupLine {
  try {
    return JSON.parse(text) as BackupLine;
  } catch {
    throw new AppError('backup.bad_file', 400);
  }
}

const mismatch = (table: string, expected: number, found: number) => new AppError('backup.table_mismatch', 400, { table, expected, found });

/**
 * The read models kept by triggers (which the load pauses), each with the statement that
 * recomputes it from what it is kept from, in the order they depend on one another. A file
 * written before a table existed does not carry it: it is recomputed after the load.
 */
const KEPT_TABLES: readonly { table: string; rebuild: string }[] = [
  { table: 'member_facts', rebuild: 'insert into member_facts select * from compute_member_facts(array(select id from members))' },
  { table: 'meeting_facts', rebuild: REFRESH_ALL_MEETING_FACTS },
  { table: 'subtree_member_counts', rebuild: 'select rebuild_subtree_member_counts()' },
  { table: 'cell_month_facts', rebuild: 'select rebuild_cell_month_facts()' },
  // With cell_islands, cell_year_held, subtree_year_patterns and subtree_island_shapes (one rebuild).
  { table: 'subtree_month_sums', rebuild: 'select rebuild_subtree_meeting_sums()' },
  { table: 'unexcused_absences', rebuild: 'select rebuild_unexcused_absences()' },
];

export async function restoreDatabase(db: Kysely<DB>, file: string): Promise<RestoreResult> {
  if (!fs.existsSync(file)) throw new AppError('backup.no_file', 404, { file });
  const tables = await listTables(db);
  const known = new Map(tables.map((t) => [t.name, t]));
  let rows = 0;
  let header: BackupHeader | undefined;
  const seen = new Map<string, TableState>();
  await db.transaction().execute(async (trx) => {
    for (const table of tables) {
      const any = await sql`select 1 from ${sql.raw(quoteIdent(table.name))} limit 1`.execute(trx);
      if (any.rows.length) throw new AppError('backup.not_empty', 409, { table: table.name });
    }
    await sql`set local session_replication_role = replica`.execute(trx);
    // Opened only now: readline starts reading at once, and lines read before the loop
    // begins would be lost. A gzip stream cut short or corrupted fails the read.
    let damaged: Error | undefined;
    const input = pipeline(fs.createReadStream(file), zlib.createGunzip(), (error) => {
      if (error) {
        damaged = error;
        lines.close();
      }
    });
    const lines = readline.createInterface({ input, crlfDelay: Infinity });
    for await (const text of lines) {
      if (!text.trim()) continue;
      const line = parseLine(text);
      if (!header) {
        if (!('format' in line) || line.format !== BACKUP_FORMAT) throw new AppError('backup.bad_file', 400);
        if (line.version > BACKUP_VERSION) throw new AppError('backup.newer_format', 400, { version: line.version });
        const applied = new Set((await sql<{ name: string }>`select name from schema_migrations`.execute(trx)).rows.map((r) => r.name));
        const missing = line.migrations.filter((m) => !applied.has(m));
        if (missing.length) throw new AppError('backup.newer_schema', 400, { migrations: missing.join(', ') });
        header = line;
        continue;
      }
      if ('end' in line) {
        const state = seen.get(line.end) ?? { rows: 0, digest: tableDigest(), ended: false };
        if (state.ended) throw new AppError('backup.bad_file', 400);
        if (state.rows !== line.rows || state.digest.digest('hex') !== line.sha256) throw mismatch(line.end, line.rows, state.rows);
        state.ended = true;
        seen.set(line.end, state);
        continue;
      }
      if (!('table' in line) || !known.has(line.table) || !Array.isArray(line.rows)) throw new AppError('backup.bad_file', 400);
      const state = seen.get(line.table) ?? { rows: 0, digest: tableDigest(), ended: false };
      if (state.ended) throw mismatch(line.table, state.rows, state.rows + line.rows.length);
      seen.set(line.table, state);
      state.digest.update(`${text}\n`);
      state.rows += line.rows.length;
      // The line's own text goes to the database, so values arrive exactly as written.
      const t = sql.raw(quoteIdent(line.table));
      await sql`insert into ${t} select * from json_populate_recordset(null::${t}, (${text}::json)->'rows')`.execute(trx);
      rows += line.rows.length;
    }
    if (damaged) throw new AppError('backup.damaged', 400, { reason: damaged.message });
    if (!header) throw new AppError('backup.bad_file', 400);
    if (header.version >= 2) {
      // Every table the header names must have ended, and no other table may appear.
      for (const name of header.tables ?? []) {
        const _state = seen.get(name);
        if (!seen.get(name)?.ended) throw new AppError('backup.table_unfinished', 400, { table: name });
      }
      for (const name of seen.keys()) if (!header.tables?.includes(name)) throw new AppError('backup.bad_file', 400);
    }
    const carried = new Set(header.tables ?? seen.keys());
    for (const kept of KEPT_TABLES) if (known.has(kept.table) && !carried.has(kept.table)) await sql.raw(kept.rebuild).execute(trx);
    for (const table of tables) {
      for (const column of table.serialColumns) {
        const c = sql.raw(quoteIdent(column));
        await sql`select setval(pg_get_serial_sequence(${table.name}, ${column}), coalesce((select max(${c}) from ${sql.raw(quoteIdent(table.name))}), 1),
                  (select max(${c}) is not null from ${sql.raw(quoteIdent(table.name))}))`.execute(trx);
      }
    }
  });
  return { rows, verified: (header?.version ?? 1) >= 2 };
}
