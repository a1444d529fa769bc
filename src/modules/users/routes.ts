import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { recordIdParams } from '../../http/record-id.ts';
import { accessOf } from '../auth/authenticate.ts';
import { okOut } from '../auth/schemas.ts';
import { createToken, listTokens, revokeToken } from './api-tokens.ts';
import { createCellAccounts } from './create-cell-accounts.ts';
import {
  cellAccountsBody,
  cellAccountsOut,
  createUserBody,
  grantBody,
  grantParams,
  newTokenOut,
  tokenBody,
  tokenOut,
  updateUserBody,
  userOut,
} from './schemas.ts';
import { addGrant, createUser, getUser, listUsers, removeGrant, updateUser } from './users-service.ts';

export async function userRoutes(root: FastifyInstance) {
  const app = root.withTypeProvider<ZodTypeProvider>();
  const tags = ['users'];
  app.get('/users', { schema: { tags, response: { 200: z.object({ items: z.array(userOut) }) } } }, async (req) => ({
    items: await listUsers(app.db, accessOf(req)),
  }));
  app.post('/users', { schema: { tags, body: createUserBody, response: { 201: userOut } } }, async (req, reply) =>
    reply.status(201).send(await createUser(app.db, accessOf(req), req.body)),
  );
  // Every member of a cell without an account gets one; the one-time passwords are in this answer only.
  app.post('/users/cell-accounts', { schema: { tags, body: cellAccountsBody, response: { 201: cellAccountsOut } } }, async (req, reply) =>
    reply.status(201).send(await createCellAccounts(app.db, accessOf(req), req.body.unitId)),
  );
  app.get('/users/:id', { schema: { tags, params: recordIdParams, response: { 200: userOut } } }, async (req) => getUser(app.db, accessOf(req), req.params.id));
  app.patch('/users/:id', { schema: { tags, params: recordIdParams, body: updateUserBody, response: { 200: userOut } } }, async (req) =>
    updateUser(app.db, accessOf(req), req.params.id, req.body),
  );
  app.post('/users/:id/grants', { schema: { tags, params: recordIdParams, body: grantBody, response: { 201: userOut } } }, async (req, reply) =>
    reply.status(201).send(await addGrant(app.db, accessOf(req), req.params.id, req.body)),
  );
  app.delete('/users/:id/grants/:grantId', { schema: { tags, params: grantParams, response: { 200: userOut } } }, async (req) =>
    removeGrant(app.db, accessOf(req), req.params.id, req.params.grantId),
  );

  app.get('/me/tokens', { schema: { tags, response: { 200: z.object({ items: z.array(tokenOut) }) } } }, async (req) => ({
    items: await listTokens(app.db, accessOf(req)),
  }));
  app.post('/me/tokens', { schema: { tags, body: tokenBody, response: { 201: newTokenOut } } }, async (req, reply) =>
    reply.status(201).send(await createToken(app.db, accessOf(req), req.body)),
  );
  app.delete('/me/tokens/:id', { schema: { tags, params: recordIdParams, response: { 200: okOut } } }, async (req) => {
    await revokeToken(app.db, accessOf(req), req.params.id);
    return { ok: true as const };
  });
}
