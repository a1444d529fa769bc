// A minimal pg-style pool over one PGlite instance, so Kysely's PostgresDialect can drive
// the embedded database. PGlite has a single connection: clients are handed out one at
// a time, which also serialises transactions.
import type { PGlite } from '@electric-sql/pglite';
import type { PostgresPool, PostgresPoolClient, PostgresQueryResult } from 'kysely';

export function createPglitePool(pg: PGlite): PostgresPool {
  let queue: Promise<void> = Promise.resolve();
  return {
    async connect(): Promise<PostgresPoolClient> {
      let release!: () => void;
      const turn = new Promise<void>((resolve) => {
        release = resolve;
      });
      const previous = queue;
      queue = queue.then(() => turn);
      await previous;
      return {
        async query<R>(sql: string, params: readonly unknown[]): Promise<PostgresQueryResult<R>> {
          const result = await pg.query<R>(sql, params as unknown[]);
          const command = sql.trimStart().split(/\s+/, 1)[0]!.toUpperCase() as PostgresQueryResult<R>['command'];
          return { rows: result.rows, rowCount: result.affectedRows ?? result.rows.length, command };
        },
        release,
      } as PostgresPoolClient;
    },
    async end() {
      /* the PGlite instance is closed by its owner */
    },
  };
}
