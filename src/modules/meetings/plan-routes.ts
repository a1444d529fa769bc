// Routes of the meeting plan: standard agenda, list, plan, read, change, cancel, the
// committee's preparation, documents and guests.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { todayInVietnam } from '../../domain/calendar.ts';
import { meetingRulesOn, standardAgenda } from '../../domain/meeting-rules.ts';
import { AppError } from '../../http/app-error.ts';
import { multipartError, readUploadPart } from '../../http/read-upload.ts';
import { recordIdParams, recordIdText } from '../../http/record-id.ts';
import { accessOf } from '../auth/authenticate.ts';
import { okOut } from '../auth/schemas.ts';
import { nudgeNotices } from '../notifications/jobs-lifecycle.ts';
import { assignGuest, removeGuest } from './assign-guest.ts';
import { getMeeting } from './get-meeting.ts';
import { listMeetings } from './list-meetings.ts';
import { findManageableMeeting } from './meeting-access.ts';
import { addDocument, getDocument, removeDocument } from './meeting-documents.ts';
import { planMeeting } from './plan-meeting.ts';
import { readableUnit } from './quality-scales.ts';
import { getPreparation, recordPreparation } from './record-preparation.ts';
import {
  cancelMeetingBody,
  documentOut,
  documentParams,
  guestBody,
  guestParams,
  listMeetingsQuery,
  meetingOut,
  meetingSummaryOut,
  planMeetingBody,
  preparationBody,
  preparationOut,
  standardAgendaOut,
  standardAgendaQuery,
  updateMeetingBody,
} from './schemas.ts';
import { meetingRulesFor } from './unit-rule-sets.ts';
import { cancelMeeting, updateMeeting } from './update-meeting.ts';

const MAX_UPLOAD = 10 * 1024 * 1024;

export async function planRoutes(root: FastifyInstance) {
  const app = root.withTypeProvider<ZodTypeProvider>();
  const tags = ['meetings'];

  app.get(
    '/meetings/standard-agenda',
    { schema: { tags, querystring: standardAgendaQuery.extend({ unitId: recordIdText.optional() }), response: { 200: standardAgendaOut } } },
    async (req) => {
      const access = accessOf(req);
      const on = req.query.on ?? todayInVietnam();
      // A unit's own rule set is read only for a unit the caller may see (else 404, as for no unit).
      if (req.query.unitId) await readableUnit(app.db, access, req.query.unitId);
      const rules = req.query.unitId ? await meetingRulesFor(app.db, req.query.unitId, on) : meetingRulesOn(on);
      return {
        ruleSet: { code: rules.code, version: rules.version, title: rules.title[req.lang], source: rules.source },
        items: standardAgenda(rules.body, req.query.kind).map((title) => ({ title, note: null })),
        focalIssues: rules.body.focalIssues,
      };
    },
  );

  app.get(
    '/meetings',
    { schema: { tags, querystring: listMeetingsQuery, response: { 200: z.object({ items: z.array(meetingSummaryOut) }) } } },
    async (req) => ({ items: await listMeetings(app.db, accessOf(req), req.query) }),
  );

  app.post('/meetings', { schema: { tags, body: planMeetingBody, response: { 201: meetingOut } } }, async (req, reply) => {
    const access = accessOf(req);
    const meetingId = await planMeeting(app.db, access, req.body);
    nudgeNotices(app);
    return reply.status(201).send(await getMeeting(app.db, access, meetingId));
  });

  app.get('/meetings/:id', { schema: { tags, params: recordIdParams, response: { 200: meetingOut } } }, async (req) =>
    getMeeting(app.db, accessOf(req), req.params.id),
  );

  app.patch('/meetings/:id', { schema: { tags, params: recordIdParams, body: updateMeetingBody, response: { 200: meetingOut } } }, async (req) => {
    const access = accessOf(req);
    await updateMeeting(app.db, access, req.params.id, req.body);
    nudgeNotices(app);
    return getMeeting(app.db, access, req.params.id);
  });

  app.post('/meetings/:id/cancel', { schema: { tags, params: recordIdParams, body: cancelMeetingBody, response: { 200: meetingOut } } }, async (req) => {
    const access = accessOf(req);
    await cancelMeeting(app.db, access, req.params.id, req.body.reason);
    nudgeNotices(app);
    return getMeeting(app.db, access, req.params.id);
  });

  app.get('/meetings/:id/preparation', { schema: { tags, params: recordIdParams, response: { 200: preparationOut } } }, async (req) =>
    getPreparation(app.db, accessOf(req), req.params.id),
  );
  app.put('/meetings/:id/preparation', { schema: { tags, params: recordIdParams, body: preparationBody, response: { 200: preparationOut } } }, async (req) =>
    recordPreparation(app.db, accessOf(req), req.params.id, req.body),
  );

  app.post(
    '/meetings/:id/documents',
    { schema: { tags, params: recordIdParams, consumes: ['multipart/form-data'], response: { 201: documentOut } } },
    async (req, reply) => {
      const access = accessOf(req);
      // Who may add documents to this meeting is checked before the upload is read.
      await findManageableMeeting(app.db, access, req.params.id);
      const file = await readUploadPart(req, MAX_UPLOAD);
      if (!file) throw new AppError('meetings.document_empty', 400);
      let content: Buffer;
      try {
        content = await file.toBuffer();
      } catch (error) {
        throw multipartError(error);
      }
      return reply
        .status(201)
        .send(await addDocument(app.db, access, req.params.id, { fileName: file.filename, contentType: file.mimetype || 'application/octet-stream', content }));
    },
  );
  app.get('/meetings/:id/documents/:documentId', { schema: { tags, params: documentParams } }, async (req, reply) => {
    const doc = await getDocument(app.db, accessOf(req), req.params.id, req.params.documentId);
    return reply
      .header('content-type', doc.contentType)
      .header(
        'content-disposition',
        `attachment; filename="${doc.fileName.replace(/[^\x20-\x7e]/g, '_')}"; filename*=UTF-8''${encodeURIComponent(doc.fileName)}`,
      )
      .send(doc.content);
  });
  app.delete('/meetings/:id/documents/:documentId', { schema: { tags, params: documentParams, response: { 200: okOut } } }, async (req) => {
    await removeDocument(app.db, accessOf(req), req.params.id, req.params.documentId);
    return { ok: true as const };
  });

  app.post('/meetings/:id/guests', { schema: { tags, params: recordIdParams, body: guestBody, response: { 201: meetingOut } } }, async (req, reply) => {
    const access = accessOf(req);
    await assignGuest(app.db, access, req.params.id, req.body);
    nudgeNotices(app);
    return reply.status(201).send(await getMeeting(app.db, access, req.params.id));
  });
  app.delete('/meetings/:id/guests/:guestId', { schema: { tags, params: guestParams, response: { 200: meetingOut } } }, async (req) => {
    const access = accessOf(req);
    await removeGuest(app.db, access, req.params.id, req.params.guestId);
    return getMeeting(app.db, access, req.params.id);
  });
}
