// Villages (thôn, bản, tổ dân phố) of a unit's cells, where members live, and the yearly
// admission targets of the cells under a committee.

import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { recordIdParams } from '../../http/record-id.ts';
import { accessOf } from '../auth/authenticate.ts';
import { dissolveVillage, mergeVillage } from './change-village.ts';
import { createVillages } from './create-villages.ts';
import { listTargets, setTargets } from './growth-targets.ts';
import { listVillages } from './list-villages.ts';
import {
  createVillagesBody,
  dissolveVillageBody,
  mergeVillageBody,
  onQuery,
  residenceOut,
  setResidenceBody,
  setTargetsBody,
  targetsOut,
  villagesOut,
  yearQuery,
} from './schemas.ts';
import { residenceHistory, setResidence } from './set-residence.ts';

export async function villageRoutes(root: FastifyInstance) {
  const app = root.withTypeProvider<ZodTypeProvider>();
  const tags = ['villages'];
  app.get('/units/:id/villages', { schema: { tags, params: recordIdParams, querystring: onQuery, response: { 200: villagesOut } } }, async (req) =>
    listVillages(app.db, accessOf(req), req.params.id, req.query.on),
  );
  app.post(
    '/units/:id/villages',
    { schema: { tags, params: recordIdParams, body: createVillagesBody, response: { 201: villagesOut } } },
    async (req, reply) => {
      const access = accessOf(req);
      await createVillages(app.db, access, req.params.id, req.body);
      return reply.status(201).send(await listVillages(app.db, access, req.params.id));
    },
  );
  const cellOf = async (villageId: number) =>
    (await app.db.selectFrom('villages').select('cell_id').where('id', '=', villageId).executeTakeFirstOrThrow()).cell_id;
  app.post('/villages/:id/merge', { schema: { tags, params: recordIdParams, body: mergeVillageBody, response: { 200: villagesOut } } }, async (req) => {
    const access = accessOf(req);
    await mergeVillage(app.db, access, req.params.id, req.body);
    return listVillages(app.db, access, await cellOf(req.params.id));
  });
  app.post('/villages/:id/dissolve', { schema: { tags, params: recordIdParams, body: dissolveVillageBody, response: { 200: villagesOut } } }, async (req) => {
    const access = accessOf(req);
    await dissolveVillage(app.db, access, req.params.id, req.body);
    return listVillages(app.db, access, await cellOf(req.params.id));
  });
  app.get('/members/:id/residence', { schema: { tags, params: recordIdParams, response: { 200: residenceOut } } }, async (req) =>
    residenceHistory(app.db, accessOf(req), req.params.id),
  );
  app.put('/members/:id/residence', { schema: { tags, params: recordIdParams, body: setResidenceBody, response: { 200: residenceOut } } }, async (req) =>
    setResidence(app.db, accessOf(req), req.params.id, req.body),
  );
  app.get('/units/:id/growth-targets', { schema: { tags, params: recordIdParams, querystring: yearQuery, response: { 200: targetsOut } } }, async (req) =>
    listTargets(app.db, accessOf(req), req.params.id, req.query.year),
  );
  app.put('/units/:id/growth-targets', { schema: { tags, params: recordIdParams, body: setTargetsBody, response: { 200: targetsOut } } }, async (req) => {
    const access = accessOf(req);
    await setTargets(app.db, access, req.params.id, req.body);
    return listTargets(app.db, access, req.params.id, req.body.year);
  });
}
