// Units (tổ chức đảng): the tree on any date, search, a unit's page and history, and the
// restructurings — rename, move, reclassify, merge, split, dissolve — plus the committee.

import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { todayInVietnam } from '../../domain/calendar.ts';
import { recordIdParams } from '../../http/record-id.ts';
import { accessOf } from '../auth/authenticate.ts';
import { addCommitteeMember, endCommitteeMember } from './committee.ts';
import { createUnit } from './create-unit.ts';
import { dissolveUnit } from './dissolve-unit.ts';
import { getUnit } from './get-unit.ts';
import { listChildren } from './list-children.ts';
import { mergeUnits } from './merge-units.ts';
import { moveUnit } from './move-unit.ts';
import { reclassifyUnit } from './reclassify-unit.ts';
import { renameUnit } from './rename-unit.ts';
import {
  addCommitteeBody,
  atQuery,
  childrenOut,
  childrenQuery,
  committeeOut,
  committeeParams,
  createUnitBody,
  dissolveBody,
  endCommitteeBody,
  historyOut,
  mergeBody,
  mergeOut,
  moveBody,
  reclassifyBody,
  renameBody,
  restructureOut,
  searchOut,
  searchQuery,
  splitBody,
  splitOut,
  unitDetailOut,
  unitOut,
} from './schemas.ts';
import { searchUnits } from './search-units.ts';
import { splitUnit } from './split-unit.ts';
import { unitHistory } from './unit-history.ts';
import { loadUnitOut } from './unit-row.ts';

export async function unitRoutes(root: FastifyInstance) {
  const app = root.withTypeProvider<ZodTypeProvider>();
  const tags = ['units'];

  app.get('/units/children', { schema: { tags, querystring: childrenQuery, response: { 200: childrenOut } } }, async (req) => {
    const at = req.query.at ?? todayInVietnam();
    return { at, items: await listChildren(app.reportDb, accessOf(req), req.query.parentId, at, req.query.at !== undefined) };
  });
  app.get('/units/search', { schema: { tags, querystring: searchQuery, response: { 200: searchOut } } }, async (req) => ({
    items: await searchUnits(app.db, accessOf(req), req.query.q, req.query.at ?? todayInVietnam()),
  }));
  app.get('/units/:id', { schema: { tags, params: recordIdParams, querystring: atQuery, response: { 200: unitDetailOut } } }, async (req) =>
    getUnit(app.db, accessOf(req), req.params.id, req.query.at ?? todayInVietnam(), req.query.at !== undefined, req.lang),
  );
  app.get('/units/:id/history', { schema: { tags, params: recordIdParams, response: { 200: historyOut } } }, async (req) => ({
    items: await unitHistory(app.db, accessOf(req), req.params.id),
  }));

  app.post('/units', { schema: { tags, body: createUnitBody, response: { 201: unitOut } } }, async (req, reply) => {
    const id = await createUnit(app.db, accessOf(req), req.body);
    return reply.status(201).send(await loadUnitOut(app.db, id));
  });
  app.post('/units/:id/rename', { schema: { tags, params: recordIdParams, body: renameBody, response: { 200: restructureOut } } }, async (req) =>
    renameUnit(app.db, accessOf(req), req.params.id, req.body),
  );
  app.post('/units/:id/move', { schema: { tags, params: recordIdParams, body: moveBody, response: { 200: restructureOut } } }, async (req) =>
    moveUnit(app.db, accessOf(req), req.params.id, req.body),
  );
  app.post('/units/:id/reclassify', { schema: { tags, params: recordIdParams, body: reclassifyBody, response: { 200: restructureOut } } }, async (req) =>
    reclassifyUnit(app.db, accessOf(req), req.params.id, req.body),
  );
  app.post('/units/merge', { schema: { tags, body: mergeBody, response: { 200: mergeOut } } }, async (req) => mergeUnits(app.db, accessOf(req), req.body));
  app.post('/units/:id/split', { schema: { tags, params: recordIdParams, body: splitBody, response: { 200: splitOut } } }, async (req) =>
    splitUnit(app.db, accessOf(req), req.params.id, req.body),
  );
  app.post('/units/:id/dissolve', { schema: { tags, params: recordIdParams, body: dissolveBody, response: { 200: restructureOut } } }, async (req) =>
    dissolveUnit(app.db, accessOf(req), req.params.id, req.body),
  );

  app.post('/units/:id/committee', { schema: { tags, params: recordIdParams, body: addCommitteeBody, response: { 201: committeeOut } } }, async (req, reply) =>
    reply.status(201).send(await addCommitteeMember(app.db, accessOf(req), req.params.id, req.body)),
  );
  app.post(
    '/units/:id/committee/:committeeId/end',
    { schema: { tags, params: committeeParams, body: endCommitteeBody, response: { 200: committeeOut } } },
    async (req) => endCommitteeMember(app.db, accessOf(req), req.params.id, req.params.committeeId, req.body.validTo),
  );
}
