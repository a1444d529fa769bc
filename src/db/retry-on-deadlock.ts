// One transaction, run again when PostgreSQL broke a deadlock by aborting it (SQLSTATE
// 40P01). Writes to members' placements and statuses refresh the facts of the meetings
// whose roll they change (triggers, src/db/migrations/*_figures_meeting_facts.sql) in two
// statements; two such writes at once in overlapping cells can each wait for the other.
// A restructuring step (units/, party-groups/) rewrites the ancestry, whose triggers lock
// the kept meeting and member rows of the cells under it: beside a member write in one of
// those cells, the two can each hold what the other needs next.
// The aborted transaction wrote nothing, so running it again is safe.
import type { Kysely, Transaction } from 'kysely';
import { hasSqlState, SQLSTATE } from './sqlstate.ts';
import type { DB } from './types.ts';

export async function transactionRetryingDeadlocks<T>(db: Kysely<DB>, work: (trx: Transaction<DB>) => Promise<T>, attempts = 3): Promise<T> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await db.transaction().execute(work);
    } catch (error) {
      if (!hasSqlState(error, SQLSTATE.deadlock) || attempt >= attempts) throw error;
      // A short random pause, so the two transactions do not meet again at once.
      await new Promise((resolve) => setTimeout(resolve, 5 + Math.random() * 20 * attempt));
    }
  }
}
