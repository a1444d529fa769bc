// Resolves the caller once per request — session cookie or "Authorization: Bearer" API
// token — into an Access (grants and scopes). Private routes without one answer 401.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { sql } from 'kysely';
import { AppError } from '../../http/app-error.ts';
import { pickLang } from '../../i18n/messages.ts';
import { buildAccess, loadGrants } from '../access/access.ts';
import { hashSecret } from './tokens.ts';

export const SESSION_COOKIE = 'chibo_session';
export const API_TOKEN_PREFIX = 'chibo_';

async function findUserBySecret(app: FastifyInstance, request: FastifyRequest) {
  const header = request.headers.authorization;
  if (header?.startsWith('Bearer ')) {
    const tokenHash = hashSecret(header.slice(7).trim());
    const row = await app.db.updateTable('api_tokens').set({ last_used_at: sql`now()` })
      .where('token_hash', '=', tokenHash).where('revoked_at', 'is', null)
      .returning('user_id').executeTakeFirst();
    return row?.user_id;
  }
  const cookie = request.cookies[SESSION_COOKIE];
  if (!cookie) return undefined;
  const row = await app.db.selectFrom('sessions').select('user_id')
    .where('token_hash', '=', hashSecret(cookie)).where('expires_at', '>', sql<Date>`now()`).executeTakeFirst();
  return row?.user_id;
}

export function registerAuthentication(app: FastifyInstance) {
  app.decorateRequest('access', null);
  app.decorateRequest('lang', 'vi');
  app.addHook('onRequest', async (request) => {
    request.lang = pickLang(request.headers['accept-language']);
    if (!request.url.startsWith('/api/')) return;
    const userId = await findUserBySecret(app, request);
    if (userId !== undefined) {
      const user = await app.db.selectFrom('users').select(['id', 'username', 'display_name', 'member_id'])
        .where('id', '=', userId).where('is_active', '=', true).executeTakeFirst();
      if (user) request.access = buildAccess(user, await loadGrants(app.db, user.id));
    }
    // Only real API routes need a caller; an unknown /api/ path falls through to a 404.
    if (!request.access && !request.routeOptions.config?.public && request.routeOptions.url?.startsWith('/api/')) {
      throw new AppError('unauthenticated', 401);
    }
  });
}

/** The caller on a private route (the hook above guarantees one). */
export function accessOf(request: FastifyRequest) {
  if (!request.access) throw new AppError('unauthenticated', 401);
  return request.access;
}
