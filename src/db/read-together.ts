// A figure's several reads. For a small unit, in one statement that keeps its plan: its
// statements are cheap, and on PostgreSQL each costs a round trip and a socket write whatever
// it reads (writev was a quarter of the app's CPU on a commune dashboard, chibo_prov 01/12).
// Each query's rows come back as one JSON array, which carries what the figures read as the
// driver would: numbers (int, bigint, numeric), text, dates as 'YYYY-MM-DD', arrays,
// booleans and null — not timestamps (ISO text there, a Date from the driver), so no query
// read here returns one. For a big unit, apart and at once: on PostgreSQL each on its own
// pooled connection, so the nation's sums and absences run side by side, each planned for it.
import { type RawBuilder, sql } from 'kysely';
import { reusingPlan } from './reused-plans.ts';
import type { Db } from './types.ts';

/** The rows each query of a record reads. */
export type RowsOf<Q extends Record<string, RawBuilder<unknown>>> = { [K in keyof Q]: Q[K] extends RawBuilder<infer R> ? R[] : never };

/** A query's rows as one JSON array (an empty one for no rows). */
export const jsonRowsOf = (query: RawBuilder<unknown>) => sql`(select coalesce(json_agg(r), '[]') from (${query}) r)`;

/** The rows of each query: for a small unit in one statement kept on the connection, else each apart, at once. */
export async function readTogether<Q extends Record<string, RawBuilder<unknown>>>(db: Db, queries: Q, small: boolean): Promise<RowsOf<Q>> {
  if (!small) {
    const read = await Promise.all(Object.entries(queries).map(async ([name, query]) => [name, (await query.execute(db)).rows] as const));
    return Object.fromEntries(read) as RowsOf<Q>;
  }
  // A sorted subquery feeds json_agg in its order (PostgreSQL documents this for a plain scan of it).
  const columns = Object.entries(queries).map(([name, query]) => sql`${jsonRowsOf(query)} as ${sql.ref(name)}`);
  const { rows } = await reusingPlan(sql<RowsOf<Q>>`select ${sql.join(columns)}`).execute(db);
  return rows[0]!;
}

/** A query of no rows, for a read that does not apply (a period that has not begun). */
export const noRows = <T>() => sql<T>`select 1 where false`;
