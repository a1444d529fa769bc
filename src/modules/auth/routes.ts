import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { ROLE_PERMISSIONS } from '../../domain/permissions.ts';
import { accessOf, SESSION_COOKIE } from './authenticate.ts';
import { changePassword } from './change-password.ts';
import { login, SESSION_DAYS } from './login.ts';
import { loginBody, meOut, okOut, passwordChangeBody } from './schemas.ts';
import { hashSecret } from './tokens.ts';

export async function authRoutes(root: FastifyInstance) {
  const app = root.withTypeProvider<ZodTypeProvider>();

  app.post('/auth/login', { config: { public: true }, schema: { tags: ['auth'], body: loginBody, response: { 200: okOut } } }, async (request, reply) => {
    const { token } = await login(app.db, request.body.username, request.body.password, request.ip);
    reply.setCookie(SESSION_COOKIE, token, {
      path: '/',
      httpOnly: true,
      sameSite: 'lax',
      secure: request.protocol === 'https',
      maxAge: SESSION_DAYS * 86400,
    });
    return { ok: true as const };
  });

  app.post('/auth/logout', { config: { public: true }, schema: { tags: ['auth'], response: { 200: okOut } } }, async (request, reply) => {
    const cookie = request.cookies[SESSION_COOKIE];
    if (cookie) await app.db.deleteFrom('sessions').where('token_hash', '=', hashSecret(cookie)).execute();
    reply.clearCookie(SESSION_COOKIE, { path: '/' });
    return { ok: true as const };
  });

  app.get('/auth/me', { config: { beforePasswordChange: true }, schema: { tags: ['auth'], response: { 200: meOut } } }, async (request) => {
    const access = accessOf(request);
    const permissions = [...new Set(access.grants.flatMap((g) => ROLE_PERMISSIONS[g.role]))];
    return {
      id: access.userId,
      username: access.username,
      displayName: access.displayName,
      memberId: access.memberId,
      mustChangePassword: access.mustChangePassword,
      grants: access.grants.map((g) => ({ id: g.id, role: g.role, unitId: g.unitId, unitName: g.unitName, includeSubtree: g.includeSubtree })),
      permissions,
    };
  });

  app.post(
    '/auth/password',
    { config: { beforePasswordChange: true }, schema: { tags: ['auth'], body: passwordChangeBody, response: { 200: okOut } } },
    async (request) => {
      const current = request.cookies[SESSION_COOKIE];
      await changePassword(app.db, accessOf(request), request.body, current ? hashSecret(current) : undefined);
      return { ok: true as const };
    },
  );
}
