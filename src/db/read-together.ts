// Several reads in one statement. A small unit's figures are a few cheap statements, and on
// PostgreSQL each costs a round trip and a socket write whatever it reads (writev was a
// quarter of the app's CPU on a commune dashboard, chibo_prov 01/12). Each query's rows come
// back as one JSON array, which carries what the figures read as the driver would: numbers
// (int, bigint, numeric), text, dates as 'YYYY-MM-DD', arrays, booleans and null — not
// timestamps (ISO text there, a Date from the driver), so no query read here returns one.
import { type RawBuilder, sql } from 'kysely';
import { reusingPlan } from './reused-plans.ts';
import type { Db } from './types.ts';

/** The rows each query of a record reads. */
export type RowsOf<Q extends Record<string, RawBuilder<unknown>>> = { [K in keyof Q]: Q[K] extends RawBuilder<infer R> ? R[] : never };

/** A query's rows as one JSON array (an empty one for no rows). */
export const jsonRowsOf = (query: RawBuilder<unknown>) => sql`(select coalesce(json_agg(r), '[]') from (${query}) r)`;

/** The rows of each query, read in one statement (kept on the connection when `reusePlan`). */
export async function readTogether<Q extends Record<string, RawBuilder<unknown>>>(db: Db, queries: Q, reusePlan: boolean): Promise<RowsOf<Q>> {
  // A sorted subquery feeds json_agg in its order (PostgreSQL documents this for a plain scan of it).
  const columns = Object.entries(queries).map(([name, query]) => sql`${jsonRowsOf(query)} as ${sql.ref(name)}`);
  const { rows } = await reusingPlan(sql<RowsOf<Q>>`select ${sql.join(columns)}`, reusePlan).execute(db);
  return rows[0]!;
}

/** A query of no rows, for a read that does not apply (a period that has not begun). */
export const noRows = <T>() => sql<T>`select 1 where false`;
