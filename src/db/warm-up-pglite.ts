// V8 runs WebAssembly with its baseline compiler first and compiles a function again with
// its optimizing compiler once it has run hot. One function of PGlite's PostgreSQL (in the
// executor; 105 KB of code) takes that compiler ~5 s on a background thread and ~600 MB of
// memory under Node 24, returned when it is done (Node 20: ~40 MB; SCALING, 02/12). Any
// query that runs the executor for ~0.1 s sets it off, once per process. Left alone it lands
// in the first heavy request a server serves (the first 100,000-member export grew the
// server by 380–450 MiB, the second by nothing), on the core that request needs.
// Running the baseline compiler only avoids it but makes PGlite's queries ~1.7× slower.
// So a server on PGlite sets it off itself as it starts, before its users ask for anything.
import { sql } from 'kysely';
import type { Database } from './connect.ts';

/** An executor-bound query of ~0.1 s: enough for V8 to optimize the executor's code. */
export async function warmUpPglite(database: Database): Promise<void> {
  if (database.kind !== 'pglite') return;
  await sql`select sum(length(md5(g::text))) from generate_series(1, 30000) g`.execute(database.db);
}
