// Work that must run in one app process at a time when several share one PostgreSQL
// database (migrations, clean-ups at start): a session advisory lock held on a connection
// of its own while `work` runs, so a second process starting at the same moment waits and
// then finds the work done. PGlite has one process per data folder: no lock needed.
import type { Database } from './connect.ts';

/** Advisory lock keys (pg_advisory_lock's bigint space, one per kind of work). */
export const LOCKS = { migrate: 7_240_001, startupCleanUp: 7_240_002, jobsSetUp: 7_240_003 } as const;

export async function withDatabaseLock<T>(database: Database, key: number, work: () => Promise<T>): Promise<T> {
  if (database.kind !== 'postgres') return work();
  const client = await database.pgPool!.connect();
  try {
    await client.query('select pg_advisory_lock($1)', [key]);
    try {
      return await work();
    } finally {
      await client.query('select pg_advisory_unlock($1)', [key]);
    }
  } finally {
    client.release();
  }
}
