// Routes of attendance: the roll call, the secretary's corrections, the check-in code and
// QR for the room, and the member's own check-in.

import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { recordIdParams } from '../../http/record-id.ts';
import { accessOf } from '../auth/authenticate.ts';
import { attendanceOut, checkInBody, checkInCodeOut, checkInOut, qrQuery, recordAttendanceBody } from './attendance-schemas.ts';
import { checkIn } from './check-in.ts';
import { checkInCode, checkInQr } from './check-in-code.ts';
import { setCheckInWindow } from './check-in-window.ts';
import { clock } from './clock.ts';
import { getAttendance, recordAttendance } from './record-attendance.ts';
import { requestOrigin } from './request-origin.ts';
import { checkInWindowBody, checkInWindowOut } from './schemas.ts';

export async function attendanceRoutes(root: FastifyInstance) {
  const app = root.withTypeProvider<ZodTypeProvider>();
  const tags = ['meetings'];
  app.get('/meetings/:id/attendance', { schema: { tags, params: recordIdParams, response: { 200: attendanceOut } } }, async (req) =>
    getAttendance(app.db, accessOf(req), req.params.id),
  );
  app.put('/meetings/:id/attendance', { schema: { tags, params: recordIdParams, body: recordAttendanceBody, response: { 200: attendanceOut } } }, async (req) =>
    recordAttendance(app.db, accessOf(req), req.params.id, req.body, clock.now()),
  );
  app.get('/meetings/:id/check-in-code', { schema: { tags, params: recordIdParams, response: { 200: checkInCodeOut } } }, async (req) =>
    checkInCode(app.db, accessOf(req), req.params.id, requestOrigin(req), clock.now()),
  );
  // The secretary opens the window early, extends it or closes it (or puts it back as the rule says).
  app.post(
    '/meetings/:id/check-in-window',
    { schema: { tags, params: recordIdParams, body: checkInWindowBody, response: { 200: checkInWindowOut } } },
    async (req) => setCheckInWindow(app.db, accessOf(req), req.params.id, req.body, clock.now()),
  );
  app.get('/meetings/:id/check-in-qr', { schema: { tags, params: recordIdParams, querystring: qrQuery } }, async (req, reply) => {
    const qr = await checkInQr(app.db, accessOf(req), req.params.id, requestOrigin(req), req.query.format);
    return reply.header('content-type', qr.contentType).header('cache-control', 'no-store').send(qr.body);
  });
  // 201 for a new check-in; 200 (with alreadyCheckedIn) for a member who had checked in already.
  app.post('/meetings/check-in', { schema: { tags, body: checkInBody, response: { 200: checkInOut, 201: checkInOut } } }, async (req, reply) => {
    const result = await checkIn(app.db, accessOf(req), req.body, clock.now());
    return reply.status(result.alreadyCheckedIn ? 200 : 201).send(result);
  });
}
