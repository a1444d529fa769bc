import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { recordIdText } from '../../http/record-id.ts';
import { accessOf } from '../auth/authenticate.ts';
import { isoDate } from '../units/schemas.ts';
import { listAudit } from './list-audit.ts';

const auditQuery = z
  .strictObject({
    entityType: z.string().trim().min(1).max(50).optional(),
    entityId: z.string().trim().min(1).max(50).optional(),
    unitId: recordIdText.optional(),
    actor: z.string().trim().min(1).max(100).optional(),
    action: z
      .string()
      .trim()
      .regex(/^[a-z_]+(\.[a-z_]+)*\.?$/, { message: 'audit.bad_action' })
      .max(100)
      .optional(),
    from: isoDate.optional(),
    to: isoDate.optional(),
    before: recordIdText.optional(),
    limit: z.coerce.number().int().min(1).max(500).default(100),
  })
  .refine((q) => !q.from || !q.to || q.from <= q.to, { message: 'audit.dates_in_order', path: ['to'] });

const auditOut = z.object({
  items: z.array(
    z.object({
      id: z.number(),
      at: z.string(),
      actor: z.string().nullable(),
      actorName: z.string().nullable(),
      action: z.string(),
      entityType: z.string(),
      entityId: z.string(),
      unitId: z.number().nullable(),
      before: z.unknown(),
      after: z.unknown(),
    }),
  ),
  /** 'unit:9' → the unit's name, 'member:7', 'user:3': every id in the rows the reader may read. */
  names: z.record(z.string(), z.string()),
  /** Pass as `before` for the next (older) page; null on the last page. */
  nextBefore: z.number().nullable(),
});

export async function auditRoutes(root: FastifyInstance) {
  const app = root.withTypeProvider<ZodTypeProvider>();
  app.get('/audit', { schema: { tags: ['audit'], querystring: auditQuery, response: { 200: auditOut } } }, async (req) =>
    listAudit(app.db, accessOf(req), req.query),
  );
}
