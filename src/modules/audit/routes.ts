import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { sql } from 'kysely';
import { z } from 'zod';
import { isRootAdmin, requirePermission, unitInScope } from '../access/access.ts';
import { accessOf } from '../auth/authenticate.ts';

const auditQuery = z.strictObject({
  entityType: z.string().trim().min(1).max(50),
  entityId: z.string().trim().min(1).max(50),
});

const auditOut = z.object({
  items: z.array(
    z.object({
      id: z.number(),
      at: z.string(),
      actor: z.string().nullable(),
      action: z.string(),
      before: z.unknown(),
      after: z.unknown(),
    }),
  ),
});

export async function auditRoutes(root: FastifyInstance) {
  const app = root.withTypeProvider<ZodTypeProvider>();
  app.get('/audit', { schema: { tags: ['audit'], querystring: auditQuery, response: { 200: auditOut } } }, async (req) => {
    const access = accessOf(req);
    requirePermission(access, 'read_audit');
    const scope = access.scope('read_audit');
    // Rows not tied to a unit (accounts, logins) are for admins of a whole tree only.
    const rows = await app.db
      .selectFrom('audit_log as a')
      .leftJoin('users as u', 'u.id', 'a.actor_user_id')
      .select(['a.id', 'a.at', 'u.username', 'a.action', 'a.before', 'a.after'])
      .where('a.entity_type', '=', req.query.entityType)
      .where('a.entity_id', '=', req.query.entityId)
      .where((eb) => eb.or([unitInScope(scope, eb.ref('a.unit_id')), eb.and([eb('a.unit_id', 'is', null), sql<boolean>`${isRootAdmin(access)}`])]))
      .orderBy('a.id', 'desc')
      .limit(500)
      .execute();
    return { items: rows.map((r) => ({ id: r.id, at: r.at.toISOString(), actor: r.username, action: r.action, before: r.before, after: r.after })) };
  });
}
