// Resolves the caller once per request — session cookie or "Authorization: Bearer" API
// token — into an Access (grants and scopes). Private routes without one answer 401.
// A session ends after CHIBO_SESSION_IDLE_HOURS unused or 14 days in all; a token at its expiry.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { sql } from 'kysely';
import { reusedPlanMarker } from '../../db/reused-plans.ts';
import { AppError } from '../../http/app-error.ts';
import { pickLang } from '../../i18n/messages.ts';
import { type Access, buildAccess, grantsJson } from '../access/access.ts';
import { accessFingerprint, CallerCheck, liveSession, recentCallers } from './caller-check.ts';
import { hashSecret } from './tokens.ts';

export const SESSION_COOKIE = 'chibo_session';
export const API_TOKEN_PREFIX = 'chibo_';

const CALLER_COLUMNS = ['users.id', 'users.username', 'users.display_name', 'users.member_id', 'users.must_change_password'] as const;

/** The credential a request carries: an API token ("Authorization: Bearer"), else the session cookie. */
function credentialOf(request: FastifyRequest): { kind: 'token' | 'session'; hash: string } | undefined {
  const header = request.headers.authorization;
  if (header?.startsWith('Bearer ')) return { kind: 'token', hash: hashSecret(header.slice(7).trim()) };
  const cookie = request.cookies[SESSION_COOKIE];
  return cookie ? { kind: 'session', hash: hashSecret(cookie) } : undefined;
}

/** The active account behind an API token, with its grants: one statement, which also records the token's use. */
function findTokenCaller(app: FastifyInstance, tokenHash: string) {
  return app.db
    .updateTable('api_tokens')
    .from('users')
    .set({ last_used_at: sql`now()` })
    .whereRef('users.id', '=', 'api_tokens.user_id')
    .where('users.is_active', '=', true)
    .where('api_tokens.token_hash', '=', tokenHash)
    .where('api_tokens.revoked_at', 'is', null)
    .where('api_tokens.expires_at', '>', sql<Date>`now()`)
    .returning([...CALLER_COLUMNS, grantsJson(sql.ref('users.id')).as('grants')])
    .executeTakeFirst();
}

/**
 * The active account behind a session, with its grants, its own member record's cell (so a
 * member list knows whether that record is in scope anyway) and its access fingerprint
 * (caller-check.ts): one statement (and, at most once a minute, the session's last use).
 */
async function findSession(app: FastifyInstance, tokenHash: string) {
  const found = await liveSession(app.db, tokenHash)
    .select([
      ...CALLER_COLUMNS,
      // The caller's own cell, so a member list knows whether their record is already in scope.
      'own.unit_id as member_unit_id',
      'own_unit.path as member_unit_path',
      grantsJson(sql.ref('users.id')).as('grants'),
      accessFingerprint().as('fingerprint'),
      sql<boolean>`sessions.last_seen_at < now() - interval '1 minute'`.as('stale'),
    ])
    .modifyEnd(reusedPlanMarker)
    .executeTakeFirst();
  if (!found) return undefined;
  // Idle time is kept to the minute, so most requests only read.
  if (found.stale) await app.db.updateTable('sessions').set({ last_seen_at: sql`now()` }).where('token_hash', '=', tokenHash).execute();
  const { stale: _stale, ...user } = found;
  return user;
}

export function registerAuthentication(app: FastifyInstance) {
  const sessionsInFlight = new Map<string, ReturnType<typeof findSession>>();
  const recent = recentCallers();
  app.decorateRequest('access', null);
  app.decorateRequest('callerCheck', null);
  app.decorateRequest('lang', 'vi');

  /**
   * The session's look-up. Requests sent together with one cookie (a dashboard opens several
   * at once) share the one in flight: each would read the same row at the same moment.
   * Nothing is kept once it answers, so a session ended in between is seen by the next request.
   */
  function sharedSessionLookUp(tokenHash: string) {
    let lookUp = sessionsInFlight.get(tokenHash);
    if (!lookUp) {
      lookUp = findSession(app, tokenHash).finally(() => sessionsInFlight.delete(tokenHash));
      sessionsInFlight.set(tokenHash, lookUp);
    }
    return lookUp;
  }

  /**
   * Sets request.access, or refuses. `recall`: a route that checks its caller in its
   * statement may start from a session remembered in the last minute (request.callerCheck);
   * `fresh`: a look-up of its own, never one that began before (after a failed check).
   */
  async function resolveCaller(request: FastifyRequest, how: 'recall' | 'shared' | 'fresh') {
    const credential = credentialOf(request);
    if (credential?.kind === 'token') {
      const user = await findTokenCaller(app, credential.hash);
      if (user) request.access = buildAccess(user, user.grants);
    } else if (credential) {
      const remembered = how === 'recall' ? recent.recall(credential.hash) : undefined;
      if (remembered) {
        request.access = remembered.access;
        request.callerCheck = new CallerCheck(app.db, credential.hash, remembered.fingerprint);
        return;
      }
      const user = await (how === 'fresh' ? findSession(app, credential.hash) : sharedSessionLookUp(credential.hash));
      if (user) {
        request.access = buildAccess(user, user.grants);
        if (!user.must_change_password) recent.remember(credential.hash, request.access, user.fingerprint);
      }
    }
    // Only real API routes need a caller; an unknown /api/ path falls through to a 404.
    if (!request.access && !request.routeOptions.config?.public && request.routeOptions.url?.startsWith('/api/')) {
      throw new AppError('unauthenticated', 401);
    }
    // A one-time password opens nothing but its own replacement.
    if (
      request.access?.mustChangePassword &&
      !request.routeOptions.config?.beforePasswordChange &&
      !request.routeOptions.config?.public &&
      request.routeOptions.url?.startsWith('/api/')
    ) {
      throw new AppError('auth.password_change_required', 403);
    }
  }

  app.decorate('confirmCaller', async <T>(request: FastifyRequest, run: (access: Access, check?: CallerCheck) => Promise<T>): Promise<T> => {
    const check = request.callerCheck ?? undefined;
    if (!check) return run(accessOf(request));
    try {
      const answer = await run(accessOf(request), check);
      if (!check.pending) return answer;
      // A path that never read the check answers nothing: it runs again on a full look-up.
    } catch (e) {
      // Before the check was read, any refusal (CallerUnconfirmed, a 404, a bad cursor) may
      // come from access no longer granted: it is decided again on a full look-up.
      if (!check.pending) throw e;
    }
    recent.forget(check.tokenHash);
    request.access = null;
    request.callerCheck = null;
    await resolveCaller(request, 'fresh');
    return run(accessOf(request));
  });

  app.addHook('onRequest', async (request) => {
    request.lang = pickLang(request.headers['accept-language']);
    if (!request.url.startsWith('/api/')) return;
    await resolveCaller(request, request.routeOptions.config?.callerCheckedInStatement ? 'recall' : 'shared');
  });
}

/** The caller on a private route (the hook above guarantees one). */
export function accessOf(request: FastifyRequest) {
  if (!request.access) throw new AppError('unauthenticated', 401);
  return request.access;
}
