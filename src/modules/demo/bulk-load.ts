// Loading many rows fast, in one transaction, with PostgreSQL's COPY: through
// pg-copy-streams on a server, and through PGlite's '/dev/blob' COPY when embedded.
// Rows are buffered per table as COPY text and sent in chunks of a few megabytes.
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { from as copyFrom } from 'pg-copy-streams';
import type { Database } from '../../db/connect.ts';

export type CopyValue = string | number | boolean | null;

export interface BulkSession {
  /** COPY text rows (tab-separated, \N for null, one row per line) into `table`. */
  copy(table: string, columns: readonly string[], text: string): Promise<void>;
  query<R>(sql: string, params?: unknown[]): Promise<R[]>;
  /** True when foreign-key triggers are off for this load: the caller must check the references itself. */
  referencesUnchecked: boolean;
}

const ESCAPES: Record<string, string> = { '\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r' };

/** One row in COPY's text format. */
export function copyLine(values: readonly CopyValue[]): string {
  let line = '';
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (i > 0) line += '\t';
    if (v === null || v === undefined) line += '\\N';
    else if (typeof v === 'string') line += /[\\\t\n\r]/.test(v) ? v.replace(/[\\\t\n\r]/g, (c) => ESCAPES[c]!) : v;
    else line += String(v);
  }
  return `${line}\n`;
}

/**
 * Foreign-key checks run one query per inserted row, which dominates a bulk load on
 * PGlite. A superuser may switch them off for this transaction only
 * (session_replication_role = replica); the caller then checks every reference with a
 * few set-wise queries before committing, so nothing dangling is ever committed.
 */
async function skipPerRowReferenceChecks(query: (sql: string) => Promise<unknown[]>): Promise<boolean> {
  const [row] = (await query(`select current_setting('is_superuser') = 'on' as superuser`)) as { superuser: boolean }[];
  if (!row?.superuser) return false;
  await query('set local session_replication_role = replica');
  return true;
}

/** Runs `work` in one transaction with COPY available; rolls everything back on error. */
export async function withBulkSession<T>(database: Database, work: (session: BulkSession) => Promise<T>): Promise<T> {
  if (database.pglite) {
    return database.pglite.transaction(async (tx) => {
      const query = async <R>(sql: string, params: unknown[] = []) => (await tx.query<R>(sql, params)).rows;
      return work({
        async copy(table, columns, text) {
          await tx.query(`copy ${table} (${columns.join(', ')}) from '/dev/blob'`, [], { blob: new Blob([text]) });
        },
        query,
        referencesUnchecked: await skipPerRowReferenceChecks(query),
      });
    });
  }
  if (!database.pgPool) throw new Error('bulk load needs PGlite or a pg pool');
  const client = await database.pgPool.connect();
  try {
    await client.query('begin');
    const query = async <R>(sql: string, params: unknown[] = []) => (await client.query(sql, params)).rows as R[];
    const result = await work({
      async copy(table, columns, text) {
        await pipeline(Readable.from([text]), client.query(copyFrom(`copy ${table} (${columns.join(', ')}) from stdin`)));
      },
      query,
      referencesUnchecked: await skipPerRowReferenceChecks(query),
    });
    await client.query('commit');
    return result;
  } catch (error) {
    await client.query('rollback').catch(() => {});
    throw error;
  } finally {
    client.release();
  }
}

/**
 * Collects rows for one table; the caller flushes tables in foreign-key order (units
 * before members, members before their placements) whenever the buffers grow large.
 */
export class TableBuffer {
  private text = '';
  rows = 0;
  private readonly session: BulkSession;
  readonly table: string;
  readonly columns: readonly string[];

  constructor(session: BulkSession, table: string, columns: readonly string[]) {
    this.session = session;
    this.table = table;
    this.columns = columns;
  }

  add(values: readonly CopyValue[]): void {
    this.text += copyLine(values);
    this.rows++;
  }

  get size(): number {
    return this.text.length;
  }

  async flush(): Promise<void> {
    await this.send(this.take());
  }

  /** The rows collected so far, leaving the buffer empty. */
  take(): string {
    const text = this.text;
    this.text = '';
    return text;
  }

  async send(text: string): Promise<void> {
    if (text) await this.session.copy(this.table, this.columns, text);
  }
}

/**
 * Sends buffers while the caller generates the next rows: on a server, PostgreSQL takes
 * one chunk on its core while Node builds the next on another. One chunk is in flight at
 * a time, tables in the order given (foreign-key order); an error surfaces at the next
 * `next()` or at `done()`.
 * The caller calls `pump()` as it goes (once a cell): the chunk travels on Node's event loop,
 * which a generation loop that never awaits does not let run — the socket then stays full
 * and PostgreSQL idles until the next flush (the nation's load took turns, Node at 70 % of
 * a core and PostgreSQL at 30 %, rather than running side by side; 03/12).
 */
export class BackgroundFlush {
  private pending: Promise<void> = Promise.resolve();
  private inFlight = false;

  async next(buffers: readonly TableBuffer[]): Promise<void> {
    await this.pending;
    const chunks = buffers.map((b) => [b, b.take()] as const);
    this.inFlight = true;
    this.pending = (async () => {
      try {
        for (const [b, text] of chunks) await b.send(text);
      } finally {
        this.inFlight = false;
      }
    })();
    // Awaited at the next call or at done(); until then a failure must not count as unhandled.
    this.pending.catch(() => {});
  }

  /** While a chunk is in flight, one turn of the event loop, so that its socket writes and replies go on. */
  async pump(): Promise<void> {
    if (this.inFlight) await new Promise<void>((resolve) => setImmediate(resolve));
  }

  async done(): Promise<void> {
    await this.pending;
  }
}

/**
 * For a load of millions of rows on a PostgreSQL server: drops the secondary indexes and
 * unique constraints of `tables` (primary keys stay) and returns what builds them again.
 * Building a B-tree or trigram index once over sorted data is several times cheaper than
 * keeping it up to date row by row. Everything happens inside the load's transaction, so
 * a failure leaves the schema as it was.
 */
export async function deferIndexes(session: BulkSession, tables: readonly string[]): Promise<() => Promise<void>> {
  const rows = await session.query<{
    index_name: string;
    table_name: string;
    index_def: string;
    constraint_name: string | null;
    constraint_def: string | null;
  }>(
    `select i.indexrelid::regclass::text as index_name, t.relname as table_name, pg_get_indexdef(i.indexrelid) as index_def,
            c.conname as constraint_name, pg_get_constraintdef(c.oid) as constraint_def
       from pg_index i
       join pg_class t on t.oid = i.indrelid
       left join pg_constraint c on c.conindid = i.indexrelid and c.conrelid = t.oid and c.contype in ('u', 'x')
      where t.relname = any($1::text[]) and t.relnamespace = 'public'::regnamespace and not i.indisprimary`,
    [[...tables]],
  );
  for (const r of rows) {
    if (r.constraint_name) await session.query(`alter table ${r.table_name} drop constraint ${r.constraint_name}`);
    else await session.query(`drop index ${r.index_name}`);
  }
  return async () => {
    await session.query(`set local maintenance_work_mem = '512MB'`);
    for (const r of rows) {
      if (r.constraint_name) await session.query(`alter table ${r.table_name} add constraint ${r.constraint_name} ${r.constraint_def}`);
      else await session.query(r.index_def);
    }
  };
}
