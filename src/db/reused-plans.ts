// Statements that keep their plan on the connection (a prepared statement, planned once):
// a commune's dashboard runs a dozen small statements whose parsing and planning cost 2-3×
// their execution (the summed meeting figures: 2 ms parse + 5 ms plan for 1.2 ms run,
// chibo_prov, 01/12). Opt-in, by a marker in the SQL, because a plan kept for one size of
// input can be ruinous for another: the same statement's generic plan, chosen after five
// communes, took 5.4 s for the province against 157 ms planned for it. So a figure marks its
// statements only for a small root (figures/history.ts `reusesPlans`); lookups by key mark always.
// PostgreSQL: the pg driver's named statements. PGlite: PREPARE / EXECUTE (pglite-pool.ts).
// A connection keeps at most keptPlansPerConnection() of them, the least recently used
// deallocated first: a small scope's member list names its scope in its text (list-members.ts),
// so their number grows with the scopes listed, and each costs the server ~100-200 KB.
import { createHash } from 'node:crypto';
import { type RawBuilder, sql } from 'kysely';
import { keptPlansPerConnection, reusedPlansOn } from '../config.ts';
import { hasSqlState, SQLSTATE } from './sqlstate.ts';

const MARKER = '/* chibo:reused-plan */';

/** The query, marked to keep its plan on the connection when `reuse` holds. */
export function reusingPlan<T>(query: RawBuilder<T>, reuse = true): RawBuilder<T> {
  return reuse ? sql<T>`${sql.raw(MARKER)} ${query}` : query;
}

/** The marker as raw SQL, for a query builder's modifyEnd. */
export const reusedPlanMarker = sql.raw(MARKER);

const names = new Map<string, string>();
/** Texts remembered with their names, at most; past it the memory starts again (names are recomputed). */
const NAMES_MAX = 2000;

/** The statement's name when it is marked (the same text always gets the same name), else null. */
export function reusedPlanName(text: string): string | null {
  if (!reusedPlansOn()) return null;
  const known = names.get(text);
  if (known) return known;
  if (!text.includes(MARKER)) return null;
  // Only marked texts are remembered: they are few (one per statement and shape).
  const name = `chibo_${createHash('sha1').update(text).digest('hex').slice(0, 24)}`;
  if (names.size >= NAMES_MAX) names.clear();
  names.set(text, name);
  return name;
}

/**
 * The named statements one connection keeps, in the order of their last use. `use` records
 * a use and answers the statements that fall out (to DEALLOCATE), the least recently used,
 * if the connection now keeps more than `max()` (at least the one just used).
 */
export function keptStatements(max: () => number = keptPlansPerConnection) {
  const kept = new Set<string>();
  return {
    use(name: string): string[] {
      kept.delete(name);
      kept.add(name);
      const bound = Math.max(1, max());
      const out: string[] = [];
      for (const oldest of kept) {
        if (kept.size <= bound) break;
        kept.delete(oldest);
        out.push(oldest);
      }
      return out;
    },
  };
}

/**
 * DEALLOCATEs `name` through `run`: true when the session no longer holds it (dropped, or
 * already gone: 26000), false when the DEALLOCATE failed otherwise (in a failed transaction,
 * say). Then the statement stays prepared and its driver's record keeps it, so that it is
 * never prepared twice; the caller's own statement goes on, failing or not on its own account.
 */
export async function letGo(run: (sql: string) => Promise<unknown>, name: string): Promise<boolean> {
  try {
    await run(`deallocate ${name}`);
    return true;
  } catch (error) {
    return hasSqlState(error, SQLSTATE.noSuchPreparedStatement);
  }
}

/** For an EXECUTE: rethrows anything but "no such prepared statement" (26000). */
export function unlessGone(error: unknown): void {
  if (!hasSqlState(error, SQLSTATE.noSuchPreparedStatement)) throw error;
}
