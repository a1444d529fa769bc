// Opens the database: PGlite in a data folder (default) or PostgreSQL at DATABASE_URL.
// Both give the same Kysely<DB>; date columns come back as 'YYYY-MM-DD' strings and
// int8/numeric as numbers on both, so the rest of the code never sees a difference.

import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { Kysely, type PostgresCursor, PostgresDialect, type PostgresPool, type PostgresPoolClient } from 'kysely';
import pg from 'pg';
import { acquireDataFolderLock } from './data-folder-lock.ts';
import { createPglitePool } from './pglite-pool.ts';
import { keptStatements, letGo, reusedPlanName } from './reused-plans.ts';
import type { DB } from './types.ts';

const OID_INT8 = 20;
const OID_NUMERIC = 1700;
const OID_DATE = 1082;

export interface Database {
  db: Kysely<DB>;
  /**
   * Where report, figure and export reads go: a read replica (DATABASE_REPLICA_URL) when
   * one is configured, else the same instance as `db`. Never written through.
   */
  reportDb: Kysely<DB>;
  kind: 'pglite' | 'postgres';
  /** Runs a multi-statement SQL script (migrations, restore). */
  execScript(sql: string): Promise<void>;
  /** The PGlite instance when embedded: backup needs it. */
  pglite?: PGlite;
  /** The pg pool when on a server: COPY needs a raw client. */
  pgPool?: pg.Pool;
  close(): Promise<void>;
}

export type DatabaseOptions =
  | { url: string; replicaUrl?: string }
  | { dataDir: string; loadDataDir?: Blob; lock?: boolean }
  | { memory: true; loadDataDir?: Blob };

const parseNumber = (v: string) => Number(v);
const keepText = (v: string) => v;
/** The least work_mem of a session, on either engine (see postgresPool and openPglite). */
const WORK_MEM_MB = 64;

export async function openDatabase(options: DatabaseOptions): Promise<Database> {
  if ('url' in options) return openPostgres(options.url, options.replicaUrl);
  return openPglite(options);
}

function postgresPool(url: string, sessionSetup = ''): pg.Pool {
  const types = {
    getTypeParser(oid: number, format?: 'text' | 'binary') {
      if (oid === OID_INT8 || oid === OID_NUMERIC) return parseNumber;
      if (oid === OID_DATE) return keepText;
      return pg.types.getTypeParser(oid, format ?? 'text');
    },
  };
  // No JIT: a figure's correlated subqueries are estimated far above their real cost, and at
  // the nation compiling them took 1.1 s of a query that runs in 12 ms (docs/SCALING.md). Set
  // on each new connection before the pool hands it out (onConnect), not as a startup
  // option, which would replace PGOPTIONS and which some connection poolers refuse.
  //
  // work_mem at least 64 MB (raised, never lowered below what the operator set): the meeting
  // figures group each cell's facts with their month lists; over a province-year (62,000
  // facts, 4,100 cells) the default 4 MB spilled that grouping to disk in 5 batches — 277 ms
  // against 156 ms in memory (chibo_prov, 01/12). It bounds each sort or hash node of a
  // query (a hash node up to hash_mem_multiplier × that, 2× by default).
  const setup = `set jit = off; select set_config('work_mem', '${WORK_MEM_MB}MB', false) where pg_size_bytes(current_setting('work_mem')) < ${WORK_MEM_MB} * 1024 * 1024; ${sessionSetup}`;
  const pool = new pg.Pool({
    connectionString: url,
    max: Number(process.env.DB_POOL_MAX ?? 10),
    types: types as pg.CustomTypesConfig,
    onConnect: (client) => client.query(setup).then(() => {}),
  });
  // An idle connection dropped by the server (restart, dropped database) must not crash
  // the process: the pool discards it and the next query opens a new one.
  pool.on('error', (error) => {
    console.error(`PostgreSQL: ${error.message}`);
  });
  return pool;
}

/** The pg driver's record of the statements it has prepared on a connection (not in its types). */
type PreparedOn = { connection: { parsedStatements: Record<string, string> } };

/**
 * The pool as Kysely drives it, a statement marked by reused-plans.ts sent as a named
 * (prepared) one; past the connection's bound, the least recently used is deallocated, and
 * forgotten by the driver so that it prepares it again if it comes back.
 */
function reusingPlans(pool: pg.Pool): PostgresPool {
  const keptOn = new WeakMap<pg.PoolClient, ReturnType<typeof keptStatements>>();
  return {
    async connect() {
      const client = await pool.connect();
      let kept = keptOn.get(client);
      if (!kept) {
        kept = keptStatements();
        keptOn.set(client, kept);
      }
      const query = (text: string | PostgresCursor<unknown>, values?: readonly unknown[]) => {
        if (typeof text !== 'string') return client.query(text as unknown as pg.Submittable);
        const name = reusedPlanName(text);
        if (!name) return client.query({ text, values: values as unknown[] });
        const prepared = (client as unknown as PreparedOn).connection.parsedStatements;
        const out = kept.use(name).filter((n) => n in prepared);
        const run = () => client.query({ name, text, values: values as unknown[] });
        if (out.length === 0) return run();
        return (async () => {
          for (const n of out) if (await letGo((s) => client.query(s), n)) delete prepared[n];
          return run();
        })();
      };
      return { query, release: () => client.release() } as unknown as PostgresPoolClient;
    },
    end: () => pool.end(),
  };
}

function openPostgres(url: string, replicaUrl?: string): Database {
  const pool = postgresPool(url);
  const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool: reusingPlans(pool) }) });
  // The replica's connections are read-only sessions: a write sent there by mistake fails
  // loudly instead of landing on a standby (where it would fail anyway) or a copy.
  const replicaPool = replicaUrl ? postgresPool(replicaUrl, 'set session characteristics as transaction read only') : undefined;
  const reportDb = replicaPool ? new Kysely<DB>({ dialect: new PostgresDialect({ pool: reusingPlans(replicaPool) }) }) : db;
  return {
    db,
    reportDb,
    kind: 'postgres',
    pgPool: pool,
    async execScript(sql) {
      await pool.query(sql);
    },
    async close() {
      await db.destroy();
      if (reportDb !== db) await reportDb.destroy();
    },
  };
}

async function openPglite(options: { dataDir: string; loadDataDir?: Blob; lock?: boolean } | { memory: true; loadDataDir?: Blob }): Promise<Database> {
  const releaseLock = 'dataDir' in options && options.lock !== false ? acquireDataFolderLock(options.dataDir) : () => {};
  try {
    const pglite = await PGlite.create('dataDir' in options ? options.dataDir : undefined, {
      loadDataDir: options.loadDataDir,
      // Trigram indexes for name search (migration 20261130T0650); PostgreSQL ships it too.
      extensions: { pg_trgm },
      parsers: { [OID_INT8]: parseNumber, [OID_NUMERIC]: parseNumber, [OID_DATE]: keepText },
    });
    // The embedded database has no operator to tune it: the figures' aggregates over a
    // province (100,000 member facts, 60,000 meeting facts) fit in memory at WORK_MEM_MB,
    // where the default 4 MB sends them to sorts on the virtual disk (2-3× slower). The
    // planner budgets each cell's month lists (array_agg) at 8 kB: at 32 MB the 4,131 cells of
    // a province-year still hashed in 5 batches on disk. One session.
    await pglite.exec(`set work_mem = '${WORK_MEM_MB}MB'`);
    const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool: createPglitePool(pglite) }) });
    return {
      db,
      reportDb: db,
      kind: 'pglite',
      pglite,
      async execScript(sql) {
        await pglite.exec(sql);
      },
      async close() {
        await db.destroy();
        await pglite.close();
        releaseLock();
      },
    };
  } catch (error) {
    releaseLock();
    throw error;
  }
}
