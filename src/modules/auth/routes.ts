import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { ROLE_PERMISSIONS } from '../../domain/permissions.ts';
import { AppError } from '../../http/app-error.ts';
import { writeAudit } from '../audit/write-audit.ts';
import { accessOf, SESSION_COOKIE } from './authenticate.ts';
import { endAccountAccess } from './end-access.ts';
import { login, SESSION_DAYS } from './login.ts';
import { hashPassword, verifyPassword } from './passwords.ts';
import { loginBody, meOut, okOut, passwordChangeBody } from './schemas.ts';
import { hashSecret } from './tokens.ts';

export async function authRoutes(root: FastifyInstance) {
  const app = root.withTypeProvider<ZodTypeProvider>();

  app.post('/auth/login', { config: { public: true }, schema: { tags: ['auth'], body: loginBody, response: { 200: okOut } } }, async (request, reply) => {
    const { token } = await login(app.db, request.body.username, request.body.password);
    reply.setCookie(SESSION_COOKIE, token, {
      path: '/', httpOnly: true, sameSite: 'lax', secure: request.protocol === 'https', maxAge: SESSION_DAYS * 86400,
    });
    return { ok: true as const };
  });

  app.post('/auth/logout', { config: { public: true }, schema: { tags: ['auth'], response: { 200: okOut } } }, async (request, reply) => {
    const cookie = request.cookies[SESSION_COOKIE];
    if (cookie) await app.db.deleteFrom('sessions').where('token_hash', '=', hashSecret(cookie)).execute();
    reply.clearCookie(SESSION_COOKIE, { path: '/' });
    return { ok: true as const };
  });

  app.get('/auth/me', { schema: { tags: ['auth'], response: { 200: meOut } } }, async (request) => {
    const access = accessOf(request);
    const permissions = [...new Set(access.grants.flatMap((g) => ROLE_PERMISSIONS[g.role]))];
    return {
      id: access.userId, username: access.username, displayName: access.displayName, memberId: access.memberId,
      grants: access.grants.map((g) => ({ id: g.id, role: g.role, unitId: g.unitId, unitName: g.unitName, includeSubtree: g.includeSubtree })),
      permissions,
    };
  });

  app.post('/auth/password', { schema: { tags: ['auth'], body: passwordChangeBody, response: { 200: okOut } } }, async (request) => {
    const access = accessOf(request);
    const user = await app.db.selectFrom('users').select('password_hash').where('id', '=', access.userId).executeTakeFirstOrThrow();
    if (!(await verifyPassword(user.password_hash, request.body.currentPassword))) throw new AppError('auth.bad_current_password', 400);
    const passwordHash = await hashPassword(request.body.newPassword);
    await app.db.transaction().execute(async (trx) => {
      await trx.updateTable('users').set({ password_hash: passwordHash, password_changed_at: new Date() }).where('id', '=', access.userId).execute();
      const current = request.cookies[SESSION_COOKIE];
      await endAccountAccess(trx, access.userId, current ? hashSecret(current) : undefined);
      await writeAudit(trx, access.userId, { action: 'auth.password_change', entityType: 'user', entityId: access.userId });
    });
    return { ok: true as const };
  });
}
