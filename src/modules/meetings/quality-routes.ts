// Routes of the meeting-quality grade and of the scales units load for themselves.

import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { recordIdParams } from '../../http/record-id.ts';
import { accessOf } from '../auth/authenticate.ts';
import { clock } from './clock.ts';
import { getQuality, saveQuality } from './grade-meeting.ts';
import { listScales, loadScale } from './quality-scales.ts';
import { gradeBody, loadScaleBody, previousResolutionBody, qualityOut, scalesOut, scalesQuery } from './quality-schemas.ts';
import { recordPreviousResolution } from './record-previous-resolution.ts';

export async function qualityRoutes(root: FastifyInstance) {
  const app = root.withTypeProvider<ZodTypeProvider>();
  const tags = ['meetings'];
  app.get('/meetings/:id/quality', { schema: { tags, params: recordIdParams, response: { 200: qualityOut } } }, async (req) =>
    getQuality(app.db, accessOf(req), req.params.id, req.lang),
  );
  app.put('/meetings/:id/quality', { schema: { tags, params: recordIdParams, body: gradeBody, response: { 200: qualityOut } } }, async (req) =>
    saveQuality(app.db, accessOf(req), req.params.id, req.body.ticks, clock.now(), req.lang),
  );
  app.put(
    '/meetings/:id/previous-resolution',
    { schema: { tags, params: recordIdParams, body: previousResolutionBody, response: { 200: qualityOut } } },
    async (req) => recordPreviousResolution(app.db, accessOf(req), req.params.id, req.body.done, clock.now(), req.lang),
  );
  app.get('/meeting-quality-scales', { schema: { tags, querystring: scalesQuery, response: { 200: scalesOut } } }, async (req) =>
    listScales(app.db, accessOf(req), req.query.unitId, req.query.on, req.lang),
  );
  app.post('/meeting-quality-scales', { schema: { tags, body: loadScaleBody, response: { 201: scalesOut } } }, async (req, reply) => {
    const access = accessOf(req);
    await loadScale(app.db, access, req.body);
    return reply.status(201).send(await listScales(app.db, access, req.body.unitId, req.body.effectiveFrom, req.lang));
  });
}
