// A minimal pg-style pool over one PGlite instance, so Kysely's PostgresDialect can drive
// the embedded database. PGlite has a single connection: clients are handed out one at
// a time, which also serialises transactions.
import type { PGlite } from '@electric-sql/pglite';
import type { PostgresPool, PostgresPoolClient, PostgresQueryResult } from 'kysely';
import { keptStatements, letGo, reusedPlanName, unlessGone } from './reused-plans.ts';

/** A text as an escape string constant (E'…'): read the same whatever standard_conforming_strings says. */
const quoted = (text: string) => `E'${text.replaceAll('\\', '\\\\').replaceAll("'", "''")}'`;

/**
 * A parameter as an SQL literal for EXECUTE, which takes no bound parameters: quoted, so
 * that it is read by the input function of the type PREPARE inferred (as a bound text
 * parameter is). Null for a value of another kind: that statement is then sent as usual.
 */
function literal(value: unknown): string | null {
  if (value === null || value === undefined) return 'null';
  if (typeof value === 'string') return quoted(value);
  if ((typeof value === 'number' && Number.isFinite(value)) || typeof value === 'boolean' || typeof value === 'bigint') return quoted(String(value));
  if (Array.isArray(value) && value.every((v) => typeof v === 'number' && Number.isFinite(v))) return quoted(`{${value.join(',')}}`);
  if (Array.isArray(value) && value.every((v) => typeof v === 'string')) {
    return quoted(`{${value.map((v) => `"${v.replaceAll('\\', '\\\\').replaceAll('"', '\\"')}"`).join(',')}}`);
  }
  return null;
}

export function createPglitePool(pg: PGlite): PostgresPool {
  let queue: Promise<void> = Promise.resolve();
  // Statements prepared on this (single) session (db/reused-plans.ts), and their uses.
  const prepared = new Set<string>();
  const kept = keptStatements();
  /** A marked statement through PREPARE (once) and EXECUTE, or null to send it as usual. */
  async function viaPrepared<R>(name: string, sql: string, params: readonly unknown[]) {
    const args = params.map(literal);
    if (args.some((a) => a === null)) return null;
    const execute = () => pg.query<R>(args.length ? `execute ${name}(${args.join(', ')})` : `execute ${name}`);
    const prepare = async () => {
      await pg.query(`prepare ${name} as ${sql}`);
      prepared.add(name);
    };
    for (const n of kept.use(name)) if (prepared.has(n) && (await letGo((s) => pg.query(s), n))) prepared.delete(n);
    if (!prepared.has(name)) await prepare();
    try {
      return await execute();
    } catch (error) {
      // Gone from the session (a DEALLOCATE): prepared again, once.
      unlessGone(error);
      prepared.delete(name);
      await prepare();
      return execute();
    }
  }
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
          const name = reusedPlanName(sql);
          const result = (name && (await viaPrepared<R>(name, sql, params))) || (await pg.query<R>(sql, params as unknown[]));
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
