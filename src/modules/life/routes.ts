// A member's life events (issue 10 items 3 and 4): transfers of official membership, the
// striking-off detector and proposals, the residence cells' yearly comments.

import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { vnDate } from '../../domain/meeting-time.ts';
import { recordIdParams } from '../../http/record-id.ts';
import { accessOf } from '../auth/authenticate.ts';
import { unpaidMonthsByMember } from '../dues/unpaid-months.ts';
import { clock } from '../meetings/clock.ts';
import { memberIdParams } from '../members/schemas.ts';
import { listTransfers } from './list-transfers.ts';
import { acceptTransfer, returnTransfer } from './receive-transfer.ts';
import { answerResidenceComment, listResidenceComments, markLinkCategory, requestResidenceComments } from './residence-comments.ts';
import {
  acceptTransferBody,
  answerCommentBody,
  commentListOut,
  commentOut,
  commentsQuery,
  decideStrikeOffBody,
  hd33CategorySchema,
  linkCategoryBody,
  proposalListOut,
  proposalOut,
  proposalsQuery,
  proposeStrikeOffBody,
  requestCommentsBody,
  requestCommentsOut,
  returnTransferBody,
  sendTransferBody,
  strikeOffCandidatesOut,
  strikeOffCandidatesQuery,
  transferDestinationOut,
  transferInBody,
  transferListOut,
  transferOut,
  transferRecordOut,
  transfersQuery,
} from './schemas.ts';
import { sendTransfer } from './send-transfer.ts';
import { strikeOffCandidates } from './strike-off-candidates.ts';
import { decideStrikeOff, listStrikeOffProposals, proposeStrikeOff } from './strike-off-proposals.ts';
import { transferDestination } from './transfer-destination.ts';
import { transferIn } from './transfer-in.ts';
import { transferRecord } from './transfer-record.ts';

export async function lifeRoutes(root: FastifyInstance) {
  const app = root.withTypeProvider<ZodTypeProvider>();
  const tags = ['life'];

  // ── Transfers (QĐ 4192-QĐ/BTCTW) ──
  app.post('/members/:id/transfers', { schema: { tags, params: memberIdParams, body: sendTransferBody, response: { 201: transferOut } } }, async (req, reply) =>
    reply.status(201).send(await sendTransfer(app.db, accessOf(req), req.params.id, req.body)),
  );
  app.post('/transfers/incoming', { schema: { tags, body: transferInBody, response: { 201: transferOut } } }, async (req, reply) =>
    reply.status(201).send(await transferIn(app.db, accessOf(req), req.body)),
  );
  app.get('/transfers', { schema: { tags, querystring: transfersQuery, response: { 200: transferListOut } } }, async (req) =>
    listTransfers(app.db, accessOf(req), req.query.unitId, req.query.direction),
  );
  app.get(
    '/transfers/destination',
    { schema: { tags, querystring: z.strictObject({ code: z.string().trim().min(1).max(50) }), response: { 200: transferDestinationOut } } },
    async (req) => transferDestination(app.db, accessOf(req), req.query.code),
  );
  app.get('/transfers/:id/record', { schema: { tags, params: recordIdParams, response: { 200: transferRecordOut } } }, async (req) =>
    transferRecord(app.db, accessOf(req), req.params.id),
  );
  app.post('/transfers/:id/accept', { schema: { tags, params: recordIdParams, body: acceptTransferBody, response: { 200: transferOut } } }, async (req) =>
    acceptTransfer(app.db, accessOf(req), req.params.id, req.body.receivedOn),
  );
  app.post('/transfers/:id/return', { schema: { tags, params: recordIdParams, body: returnTransferBody, response: { 200: transferOut } } }, async (req) =>
    returnTransfer(app.db, accessOf(req), req.params.id, req.body.reason),
  );

  // ── Striking off (xóa tên) ──
  app.get('/strike-off/candidates', { schema: { tags, querystring: strikeOffCandidatesQuery, response: { 200: strikeOffCandidatesOut } } }, async (req) =>
    strikeOffCandidates(app.db, accessOf(req), req.query.unitId, req.query.asOf ?? vnDate(clock.now()), unpaidMonthsByMember),
  );
  app.get('/strike-off-proposals', { schema: { tags, querystring: proposalsQuery, response: { 200: proposalListOut } } }, async (req) =>
    listStrikeOffProposals(app.db, accessOf(req), req.query.unitId),
  );
  app.post(
    '/members/:id/strike-off-proposals',
    { schema: { tags, params: memberIdParams, body: proposeStrikeOffBody, response: { 201: proposalOut } } },
    async (req, reply) => reply.status(201).send(await proposeStrikeOff(app.db, accessOf(req), req.params.id, req.body)),
  );
  app.post(
    '/strike-off-proposals/:id/decide',
    { schema: { tags, params: recordIdParams, body: decideStrikeOffBody, response: { 200: proposalOut } } },
    async (req) => decideStrikeOff(app.db, accessOf(req), req.params.id, req.body),
  );

  // ── Residence comments (QĐ 213-QĐ/TW, HD 33-HD/BTCTW) ──
  app.put(
    '/residence-links/:id/category',
    {
      schema: {
        tags,
        params: recordIdParams,
        body: linkCategoryBody,
        response: { 200: z.object({ id: z.number(), category: hd33CategorySchema.nullable() }) },
      },
    },
    async (req) => markLinkCategory(app.db, accessOf(req), req.params.id, req.body.category),
  );
  app.post('/residence-comments/requests', { schema: { tags, body: requestCommentsBody, response: { 200: requestCommentsOut } } }, async (req) =>
    requestResidenceComments(app.db, accessOf(req), req.body),
  );
  app.get('/residence-comments', { schema: { tags, querystring: commentsQuery, response: { 200: commentListOut } } }, async (req) =>
    listResidenceComments(app.db, accessOf(req), req.query.unitId, req.query.year, req.query.side),
  );
  app.put('/residence-comments/:id', { schema: { tags, params: recordIdParams, body: answerCommentBody, response: { 200: commentOut } } }, async (req) =>
    answerResidenceComment(app.db, accessOf(req), req.params.id, req.body),
  );
}
