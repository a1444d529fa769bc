// A caller checked inside the request's own statement, for hot read routes that opt in
// (`config: { callerCheckedInStatement: true }`): the member list, whose answer is one
// statement. Without it such a request is two round trips — the session look-up, then
// the page — and a round trip costs more on this stack than the small page itself
// (docs/SCALING.md, "The caller confirmed in the page's statement").
//
// How: a session looked up in the last minute is remembered in this process with a
// fingerprint of everything its access is built from (account, grants, own cell). A request
// on an opted-in route starts from that remembered access, and its first statement carries
// one more column, `caller_ok`: the same session is still live and its fingerprint
// unchanged, read in that statement's own snapshot. Anything else (a logout, a grant
// changed by another process, an expired session, an empty answer that cannot carry the
// column) throws CallerUnconfirmed, and the request starts again with a look-up of its own
// (app.confirmCaller, authenticate.ts); so does any refusal before the check was read, and
// an answer whose statements never carried it. So nothing is answered on access that the
// database no longer grants. liveSession lives here, not in authenticate.ts, which imports
// this module: it is the one definition of a live session for both.
import { type Kysely, type RawBuilder, sql } from 'kysely';
import { sessionIdleHours } from '../../config.ts';
import type { DB } from '../../db/types.ts';
import type { Access } from '../access/access.ts';

/** A session's remembered access, used for at most this long (the idle time is kept to the minute too). */
const REMEMBERED_FOR_MS = 60_000;
/** Sessions remembered at most; past it the memory starts again. */
const REMEMBERED_MAX = 10_000;

/**
 * The live session behind a token hash, with its account (active) and the account's own
 * member record and cell (`own`, `own_unit`, left joined): the rows both the look-up
 * (authenticate.ts) and the in-statement check read.
 */
export function liveSession(db: Kysely<DB>, tokenHash: string) {
  return db
    .selectFrom('sessions')
    .innerJoin('users', 'users.id', 'sessions.user_id')
    .leftJoin('members as own', 'own.id', 'users.member_id')
    .leftJoin('units as own_unit', 'own_unit.id', 'own.unit_id')
    .where('sessions.token_hash', '=', tokenHash)
    .where('sessions.expires_at', '>', sql<Date>`now()`)
    .where('sessions.last_seen_at', '>', sql<Date>`now() - make_interval(secs => ${sessionIdleHours() * 3600})`)
    .where('users.is_active', '=', true);
}

/**
 * SQL over liveSession's rows: a digest of what an Access is built from — the account, its
 * one-time password flag, its member record and that record's cell, and each grant's role,
 * unit, unit path and reach. Names and kept member counts are left out: they change nothing
 * anyone may see.
 */
export function accessFingerprint(): RawBuilder<string> {
  // jsonb arrays keep nulls in their places (concat_ws would drop them and shift the rest).
  return sql<string>`md5(jsonb_build_array(users.id, users.member_id, users.must_change_password, own.unit_id, own_unit.path,
    (select jsonb_agg(jsonb_build_array(g.id, g.role, g.unit_id, gu.path, g.include_subtree) order by g.id)
       from role_grants g join units gu on gu.id = g.unit_id where g.user_id = users.id))::text)`;
}

/** The request's first statement could not confirm the remembered caller: start again with a full look-up. */
export class CallerUnconfirmed extends Error {}

/**
 * The check a request on an opted-in route carries: `column` goes into its first statement
 * (`.select(check.column())` while `pending`; `expression` in raw SQL), and `confirm` reads it back.
 */
export class CallerCheck {
  #pending = true;
  readonly #db: Kysely<DB>;
  readonly tokenHash: string;
  readonly #fingerprint: string;
  constructor(db: Kysely<DB>, tokenHash: string, fingerprint: string) {
    this.#db = db;
    this.tokenHash = tokenHash;
    this.#fingerprint = fingerprint;
  }

  /** Whether no statement has carried the check yet. */
  get pending(): boolean {
    return this.#pending;
  }

  /** SQL: true while the session is live and its access unchanged, in the statement's snapshot; else null. */
  expression(): RawBuilder<boolean | null> {
    const confirmed = liveSession(this.#db, this.tokenHash).select(sql<boolean>`true`.as('ok')).where(accessFingerprint(), '=', this.#fingerprint);
    return sql<boolean | null>`(${confirmed})`;
  }

  /** The expression as the column `caller_ok`, for a query builder's select. */
  column() {
    return this.expression().as('caller_ok');
  }

  /** Throws CallerUnconfirmed unless the first row says the caller stands; later statements need nothing. */
  confirm(rows: readonly { caller_ok?: boolean | null }[]): void {
    if (!this.#pending) return;
    if (rows[0]?.caller_ok !== true) throw new CallerUnconfirmed();
    this.#pending = false;
  }
}

interface Remembered {
  access: Access;
  fingerprint: string;
  readAt: number;
}

/** Sessions this process looked up lately (by token hash), for the routes that check the caller in their statement. */
export function recentCallers() {
  const byToken = new Map<string, Remembered>();
  return {
    remember(tokenHash: string, access: Access, fingerprint: string) {
      if (byToken.size >= REMEMBERED_MAX) byToken.clear();
      byToken.set(tokenHash, { access, fingerprint, readAt: Date.now() });
    },
    /** The access remembered for the token, if read within the last minute. */
    recall(tokenHash: string): Remembered | undefined {
      const r = byToken.get(tokenHash);
      if (r && Date.now() - r.readAt < REMEMBERED_FOR_MS) return r;
      if (r) byToken.delete(tokenHash);
      return undefined;
    },
    forget(tokenHash: string) {
      byToken.delete(tokenHash);
    },
  };
}
