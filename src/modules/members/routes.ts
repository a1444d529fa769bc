import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { accessOf } from '../auth/authenticate.ts';
import { changeMemberStatus } from './change-member-status.ts';
import { createMember } from './create-member.ts';
import { exportMembers } from './export-members.ts';
import { getMember } from './get-member.ts';
import { listMembers } from './list-members.ts';
import { memberHistory } from './member-history.ts';
import {
  changeStatusBody,
  createMemberBody,
  exportMembersQuery,
  listMembersQuery,
  memberDetailOut,
  memberHistoryOut,
  memberIdParams,
  memberListOut,
  transferBody,
  updateMemberBody,
} from './schemas.ts';
import { transferMember } from './transfer-member.ts';
import { updateMember } from './update-member.ts';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export async function memberRoutes(root: FastifyInstance) {
  const app = root.withTypeProvider<ZodTypeProvider>();
  const tags = ['members'];
  app.get(
    '/members',
    { config: { callerCheckedInStatement: true }, schema: { tags, querystring: listMembersQuery, response: { 200: memberListOut } } },
    async (req) => app.confirmCaller(req, (access, check) => listMembers(app.db, access, req.query, check)),
  );
  // No HEAD twin: it would run the whole export (and record it) to send nothing.
  app.get('/members/export.xlsx', { exposeHeadRoute: false, schema: { tags, querystring: exportMembersQuery } }, async (req, reply) => {
    const file = await exportMembers(app.db, accessOf(req), req.query, req.lang, { reportDb: app.reportDb });
    return reply.type(XLSX).header('content-disposition', 'attachment; filename="dang-vien.xlsx"').send(file);
  });
  app.post('/members', { schema: { tags, body: createMemberBody, response: { 201: memberDetailOut } } }, async (req, reply) =>
    reply.status(201).send(await createMember(app.db, accessOf(req), req.body)),
  );
  app.get('/members/:id', { schema: { tags, params: memberIdParams, response: { 200: memberDetailOut } } }, async (req) =>
    getMember(app.db, accessOf(req), req.params.id),
  );
  app.patch('/members/:id', { schema: { tags, params: memberIdParams, body: updateMemberBody, response: { 200: memberDetailOut } } }, async (req) =>
    updateMember(app.db, accessOf(req), req.params.id, req.body),
  );
  app.post('/members/:id/status', { schema: { tags, params: memberIdParams, body: changeStatusBody, response: { 200: memberDetailOut } } }, async (req) =>
    changeMemberStatus(app.db, accessOf(req), req.params.id, req.body),
  );
  app.post('/members/:id/transfer', { schema: { tags, params: memberIdParams, body: transferBody, response: { 200: memberDetailOut } } }, async (req) =>
    transferMember(app.db, accessOf(req), req.params.id, req.body),
  );
  app.get('/members/:id/history', { schema: { tags, params: memberIdParams, response: { 200: memberHistoryOut } } }, async (req) =>
    memberHistory(app.db, accessOf(req), req.params.id),
  );
}
