// Routes of the minutes: read, save the draft, adopt, amend, the .docx and the print view.

import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { recordIdParams } from '../../http/record-id.ts';
import { accessOf } from '../auth/authenticate.ts';
import { adoptMinutes } from './adopt-minutes.ts';
import { amendMinutes } from './amend-minutes.ts';
import { clock } from './clock.ts';
import { getMinutes } from './get-minutes.ts';
import { minutesDocument } from './minutes-document.ts';
import { amendMinutesBody, minutesOut, saveMinutesBody } from './minutes-schemas.ts';
import { minutesPaper } from './paper-document.ts';
import { sendPaper } from './paper-routes.ts';
import { saveMinutes } from './save-minutes.ts';

export async function minutesRoutes(root: FastifyInstance) {
  const app = root.withTypeProvider<ZodTypeProvider>();
  const tags = ['minutes'];
  app.get('/meetings/:id/minutes', { schema: { tags, params: recordIdParams, response: { 200: minutesOut } } }, async (req) =>
    getMinutes(app.db, accessOf(req), req.params.id, req.lang),
  );
  app.put('/meetings/:id/minutes', { schema: { tags, params: recordIdParams, body: saveMinutesBody, response: { 200: minutesOut } } }, async (req) => {
    const access = accessOf(req);
    await saveMinutes(app.db, access, req.params.id, req.body);
    return getMinutes(app.db, access, req.params.id, req.lang);
  });
  app.post('/meetings/:id/minutes/adopt', { schema: { tags, params: recordIdParams, response: { 200: minutesOut } } }, async (req) => {
    const access = accessOf(req);
    await adoptMinutes(app.db, access, req.params.id, clock.now());
    return getMinutes(app.db, access, req.params.id, req.lang);
  });
  app.post(
    '/meetings/:id/minutes/amendments',
    { schema: { tags, params: recordIdParams, body: amendMinutesBody, response: { 201: minutesOut } } },
    async (req, reply) => {
      const access = accessOf(req);
      await amendMinutes(app.db, access, req.params.id, req.body);
      return reply.status(201).send(await getMinutes(app.db, access, req.params.id, req.lang));
    },
  );
  app.get('/meetings/:id/minutes.docx', { schema: { tags, params: recordIdParams } }, async (req, reply) =>
    sendPaper(reply, minutesPaper(await minutesDocument(app.db, accessOf(req), req.params.id)), 'docx'),
  );
  app.get('/meetings/:id/minutes/print', { schema: { tags, params: recordIdParams } }, async (req, reply) =>
    sendPaper(reply, minutesPaper(await minutesDocument(app.db, accessOf(req), req.params.id)), 'print'),
  );
}
