// The one throttle: counts attempts per (kind, key) in a fixed window, in PostgreSQL so
// every app process sees the same count. An attempt is recorded and the count read in
// ONE statement (insert … on conflict do update … returning): the row lock makes
// concurrent attempts of one key count one after another, so however many arrive at
// once, at most `limit` are let through to the check they guard.
//
// Call it with the database handle, outside the use case's transaction (or in one that
// commits): an attempt counted inside a transaction that then rolls back is forgotten.
import { sql } from 'kysely';
import type { Db } from '../../db/types.ts';
import { TooManyAttempts } from '../../http/app-error.ts';

export interface ThrottleRule {
  /** What is counted, e.g. 'login.address'; with the key it names one counter. */
  kind: string;
  /** Attempts allowed per window. */
  limit: number;
  /** Length of the window, from the first attempt in it; at most a day. */
  windowMinutes: number;
}

export interface Attempt {
  /** Whether this attempt is within the limit (and may go on to be checked). */
  allowed: boolean;
  /** Attempts in the window so far, this one included. */
  count: number;
  /** Attempts still allowed in the window after this one. */
  remaining: number;
  /** Seconds until the window ends and the count starts again. */
  retryAfterSeconds: number;
}

const MAX_WINDOW_MINUTES = 24 * 60;

/** Records one attempt against `key` and says whether it is within the limit. */
export async function takeAttempt(db: Db, rule: ThrottleRule, key: string): Promise<Attempt> {
  if (rule.windowMinutes > MAX_WINDOW_MINUTES) throw new Error(`throttle ${rule.kind}: window longer than a day`);
  const window = sql`make_interval(mins => ${rule.windowMinutes})`;
  const current = sql<boolean>`throttles.window_start > now() - ${window}`;
  const row = await db
    .insertInto('throttles')
    .values({ kind: rule.kind, key, window_start: sql`now()`, count: 1 })
    .onConflict((oc) =>
      oc.columns(['kind', 'key']).doUpdateSet({
        // Both read the row as it was: a window that has passed starts again at 1.
        window_start: sql`case when ${current} then throttles.window_start else now() end`,
        count: sql`case when ${current} then throttles.count + 1 else 1 end`,
      }),
    )
    .returning(['count', sql<number>`greatest(1, ceil(extract(epoch from (throttles.window_start + ${window} - now()))))::int`.as('retry_after')])
    .executeTakeFirstOrThrow();
  // Now and then, forget keys not seen for a while (addresses that never came back).
  if (Math.random() < 0.01) await db.deleteFrom('throttles').where('window_start', '<', sql<Date>`now() - interval '2 days'`).execute();
  return { allowed: row.count <= rule.limit, count: row.count, remaining: Math.max(0, rule.limit - row.count), retryAfterSeconds: row.retry_after };
}

/**
 * Records one attempt and refuses it past the limit: 429 with Retry-After and a message
 * saying how many minutes to wait. E.g. residence-link requests per user:
 * `await throttle(db, { kind: 'residence_link.request', limit: 20, windowMinutes: 60 }, String(access.userId))`.
 */
export async function throttle(db: Db, rule: ThrottleRule, key: string): Promise<Attempt> {
  const attempt = await takeAttempt(db, rule, key);
  if (!attempt.allowed) throw new TooManyAttempts(attempt.retryAfterSeconds);
  return attempt;
}

/** Takes back one attempt that turned out not to count (the right code, a login that worked). */
export async function giveBackAttempt(db: Db, rule: ThrottleRule, key: string): Promise<void> {
  await db.updateTable('throttles').set({ count: sql`count - 1` }).where('kind', '=', rule.kind).where('key', '=', key).where('count', '>', 0).execute();
}

/** Forgets every attempt against `key` (the account's owner proved who they are). */
export async function clearAttempts(db: Db, rule: ThrottleRule, key: string): Promise<void> {
  await db.deleteFrom('throttles').where('kind', '=', rule.kind).where('key', '=', key).execute();
}
