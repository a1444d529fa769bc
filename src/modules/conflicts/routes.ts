// The organisation board's queue of card and citizen ID numbers submitted in one unit but
// held by a member outside the submitter's scope.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { accessOf } from '../auth/authenticate.ts';
import { okOut } from '../auth/schemas.ts';
import { listConflicts, resolveConflict } from './conflict-queue.ts';
import { conflictIdParams, conflictListOut, conflictListQuery, resolveConflictBody } from './schemas.ts';

export async function conflictRoutes(root: FastifyInstance) {
  const app = root.withTypeProvider<ZodTypeProvider>();
  const tags = ['identifier-conflicts'];
  app.get('/identifier-conflicts', { schema: { tags, querystring: conflictListQuery, response: { 200: conflictListOut } } }, async (req) => ({
    items: await listConflicts(app.db, accessOf(req), req.query.status),
  }));
  app.post(
    '/identifier-conflicts/:id/resolve',
    { schema: { tags, params: conflictIdParams, body: resolveConflictBody, response: { 200: okOut } } },
    async (req) => {
      await resolveConflict(app.db, accessOf(req), req.params.id, req.body.note);
      return { ok: true as const };
    },
  );
}
