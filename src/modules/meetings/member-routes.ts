// Routes about a member's own meetings: upcoming meetings, the calendar token and the
// public iCalendar feed, and the residence-cell links (sinh hoạt nơi cư trú).

import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { addMonths } from '../../domain/calendar.ts';
import { vnDate, vnTime } from '../../domain/meeting-time.ts';
import { recordId, recordIdParams, recordIdText } from '../../http/record-id.ts';
import { t } from '../../i18n/messages.ts';
import { accessOf } from '../auth/authenticate.ts';
import { okOut } from '../auth/schemas.ts';
import { isoDate } from '../units/schemas.ts';
import { attendanceStatus } from './attendance-schemas.ts';
import { calendarFeed, rotateCalendarToken } from './calendar-feed.ts';
import { clock } from './clock.ts';
import { myMeetings } from './my-meetings.ts';
import { requestOrigin } from './request-origin.ts';
import { decideResidenceRequest, incomingResidenceRequests, outgoingResidenceRequests, withdrawResidenceRequest } from './residence-link-requests.ts';
import { addResidenceLink, endResidenceLink, listResidenceLinks } from './residence-links.ts';
import { checkInWindowOut, meetingKind, meetingStatus, optionalText } from './schemas.ts';

const myMeetingOut = z.object({
  id: z.number(),
  kind: meetingKind,
  unitId: z.number(),
  unitName: z.string(),
  heldOn: z.string(),
  startTime: z.string(),
  endTime: z.string(),
  place: z.string(),
  topic: z.string(),
  status: meetingStatus,
  role: z.enum(['member', 'guest', 'residence', 'committee']),
  checkedIn: z.boolean(),
  /** The member's own mark in the roll call, once taken. */
  attendance: attendanceStatus.nullable(),
  checkIn: checkInWindowOut,
  /** checkIn.state === 'open' (the same rule), for pages that only need the yes or no. */
  checkInOpen: z.boolean(),
});
export const residenceLinkOut = z.object({
  /** memberId, workUnitId and workUnitName are null when the member is outside the caller's read scope. */
  id: z.number(),
  memberId: z.number().nullable(),
  fullName: z.string(),
  workUnitId: z.number().nullable(),
  workUnitName: z.string().nullable(),
  validFrom: z.string(),
  validTo: z.string().nullable(),
  note: z.string().nullable(),
});

/** A request for a card outside the caller's scope: one body for every card, known or not. */
const residenceRequestedOut = z.object({ outcome: z.literal('requested'), message: z.string() });
const outgoingRequestOut = z.object({
  id: z.number(),
  partyCardNumber: z.string(),
  validFrom: z.string(),
  note: z.string().nullable(),
  status: z.enum(['pending', 'closed']),
  requestedAt: z.string(),
});
const incomingRequestOut = z.object({
  id: z.number(),
  memberId: z.number(),
  fullName: z.string(),
  memberUnitName: z.string(),
  residenceUnitId: z.number(),
  residenceUnitName: z.string(),
  validFrom: z.string(),
  note: z.string().nullable(),
  requestedAt: z.string(),
  requestedBy: z.string().nullable(),
});

export async function myMeetingRoutes(root: FastifyInstance) {
  const app = root.withTypeProvider<ZodTypeProvider>();
  const tags = ['meetings'];
  app.get(
    '/me/meetings',
    {
      schema: {
        tags,
        querystring: z.strictObject({ from: isoDate.optional(), to: isoDate.optional() }),
        response: { 200: z.object({ items: z.array(myMeetingOut) }) },
      },
    },
    async (req) => {
      const now = clock.now();
      const from = req.query.from ?? vnDate(now);
      const items = await myMeetings(app.db, accessOf(req), from, req.query.to ?? addMonths(from, 3), now);
      return {
        items: items.map(({ startsAt, endsAt, ...m }) => ({
          ...m,
          kind: m.kind as z.infer<typeof meetingKind>,
          startTime: vnTime(startsAt),
          endTime: vnTime(endsAt),
        })),
      };
    },
  );
  app.post('/me/calendar-token', { schema: { tags, response: { 201: z.object({ token: z.string(), url: z.string() }) } } }, async (req, reply) =>
    reply.status(201).send(await rotateCalendarToken(app.db, accessOf(req), requestOrigin(req))),
  );
  app.get(
    '/calendar/:token.ics',
    { config: { public: true }, schema: { tags, params: z.strictObject({ token: z.string().min(10).max(100) }) } },
    async (req, reply) => {
      const text = await calendarFeed(app.db, req.params.token, clock.now());
      return reply.header('content-type', 'text/calendar; charset=utf-8').send(text);
    },
  );

  app.get(
    '/residence-links',
    { schema: { tags, querystring: z.strictObject({ unitId: recordIdText }), response: { 200: z.object({ items: z.array(residenceLinkOut) }) } } },
    async (req) => ({ items: await listResidenceLinks(app.db, accessOf(req), req.query.unitId) }),
  );
  app.post(
    '/residence-links',
    {
      schema: {
        tags,
        body: z.strictObject({
          partyCardNumber: z.string().trim().min(1).max(20),
          unitId: recordId,
          validFrom: isoDate,
          note: optionalText(1000),
        }),
        response: { 201: z.object({ items: z.array(residenceLinkOut) }), 202: residenceRequestedOut },
      },
    },
    async (req, reply) => {
      const access = accessOf(req);
      if ((await addResidenceLink(app.db, access, req.body)) === 'requested') {
        return reply.status(202).send({ outcome: 'requested' as const, message: t(req.lang, 'meetings.residence_requested') });
      }
      return reply.status(201).send({ items: await listResidenceLinks(app.db, access, req.body.unitId) });
    },
  );
  // The residence cell's own requests (card numbers only), and those its members' cell may decide.
  app.get(
    '/residence-link-requests/outgoing',
    { schema: { tags, querystring: z.strictObject({ unitId: recordIdText }), response: { 200: z.object({ items: z.array(outgoingRequestOut) }) } } },
    async (req) => ({ items: await outgoingResidenceRequests(app.db, accessOf(req), req.query.unitId) }),
  );
  app.get(
    '/residence-link-requests/incoming',
    { schema: { tags, querystring: z.strictObject({ unitId: recordIdText }), response: { 200: z.object({ items: z.array(incomingRequestOut) }) } } },
    async (req) => ({ items: await incomingResidenceRequests(app.db, accessOf(req), req.query.unitId) }),
  );
  for (const action of ['accept', 'decline', 'withdraw'] as const) {
    app.post(`/residence-link-requests/:id/${action}`, { schema: { tags, params: recordIdParams, response: { 200: okOut } } }, async (req) => {
      const access = accessOf(req);
      if (action === 'withdraw') await withdrawResidenceRequest(app.db, access, req.params.id);
      else await decideResidenceRequest(app.db, access, req.params.id, action);
      return { ok: true as const };
    });
  }
  app.post(
    '/residence-links/:id/end',
    { schema: { tags, params: recordIdParams, body: z.strictObject({ validTo: isoDate }), response: { 200: okOut } } },
    async (req) => {
      await endResidenceLink(app.db, accessOf(req), req.params.id, req.body.validTo);
      return { ok: true as const };
    },
  );
}
