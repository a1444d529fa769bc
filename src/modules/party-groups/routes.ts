// Party groups (tổ đảng) of a cell: list on a date, create, rename, close, and who is in each.

import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { recordIdParams } from '../../http/record-id.ts';
import { accessOf } from '../auth/authenticate.ts';
import { closeGroup, createGroup, renameGroup } from './change-groups.ts';
import { listGroups } from './list-groups.ts';
import { closeGroupBody, createGroupBody, groupsOut, onQuery, renameGroupBody, setMembersBody } from './schemas.ts';
import { setGroupMembers } from './set-group-members.ts';

export async function partyGroupRoutes(root: FastifyInstance) {
  const app = root.withTypeProvider<ZodTypeProvider>();
  const tags = ['party-groups'];
  app.get('/units/:id/party-groups', { schema: { tags, params: recordIdParams, querystring: onQuery, response: { 200: groupsOut } } }, async (req) =>
    listGroups(app.db, accessOf(req), req.params.id, req.query.on),
  );
  app.post('/units/:id/party-groups', { schema: { tags, params: recordIdParams, body: createGroupBody, response: { 201: groupsOut } } }, async (req, reply) => {
    const access = accessOf(req);
    await createGroup(app.db, access, req.params.id, req.body);
    return reply.status(201).send(await listGroups(app.db, access, req.params.id));
  });
  const thenList = async (access: ReturnType<typeof accessOf>, groupId: number) => {
    const group = await app.db.selectFrom('units').select('parent_id').where('id', '=', groupId).executeTakeFirstOrThrow();
    return listGroups(app.db, access, group.parent_id!);
  };
  app.post('/party-groups/:id/rename', { schema: { tags, params: recordIdParams, body: renameGroupBody, response: { 200: groupsOut } } }, async (req) => {
    const access = accessOf(req);
    await renameGroup(app.db, access, req.params.id, req.body);
    return thenList(access, req.params.id);
  });
  app.post('/party-groups/:id/close', { schema: { tags, params: recordIdParams, body: closeGroupBody, response: { 200: groupsOut } } }, async (req) => {
    const access = accessOf(req);
    await closeGroup(app.db, access, req.params.id, req.body);
    return thenList(access, req.params.id);
  });
  app.put('/party-groups/:id/members', { schema: { tags, params: recordIdParams, body: setMembersBody, response: { 200: groupsOut } } }, async (req) => {
    const access = accessOf(req);
    await setGroupMembers(app.db, access, req.params.id, req.body);
    return thenList(access, req.params.id);
  });
}
