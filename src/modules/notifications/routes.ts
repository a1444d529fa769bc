import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { recordIdText } from '../../http/record-id.ts';
import { accessOf } from '../auth/authenticate.ts';
import { okOut } from '../auth/schemas.ts';
import { clock } from '../meetings/clock.ts';
import { noticeStatus, noticeStatusOut, resendBody, resendNotices } from './notice-status.ts';
import { getNotificationEmail, listNotices, markNoticeRead, setNotificationEmail } from './notices.ts';

const noticeOut = z.object({
  id: z.number(),
  kind: z.string(),
  meetingId: z.number().nullable(),
  title: z.string(),
  body: z.string(),
  link: z.string().nullable(),
  createdAt: z.string(),
  readAt: z.string().nullable(),
});
const emailOut = z.object({ email: z.string().nullable() });

export async function notificationRoutes(root: FastifyInstance) {
  const app = root.withTypeProvider<ZodTypeProvider>();
  const tags = ['notifications'];
  app.get('/me/notices', { schema: { tags, response: { 200: z.object({ items: z.array(noticeOut), unread: z.number() }) } } }, async (req) =>
    listNotices(app.db, accessOf(req), req.lang),
  );
  app.post(
    '/me/notices/:id/read',
    { schema: { tags, params: z.strictObject({ id: z.coerce.number().int().positive().max(9_007_199_254_740_991) }), response: { 200: okOut } } },
    async (req) => {
      await markNoticeRead(app.db, accessOf(req), req.params.id);
      return { ok: true as const };
    },
  );
  app.post('/me/notices/read-all', { schema: { tags, response: { 200: okOut } } }, async (req) => {
    await markNoticeRead(app.db, accessOf(req), 'all');
    return { ok: true as const };
  });
  // The meeting page's notice status, and the secretary's resend (to all, or to those who have not seen it).
  const meetingParams = z.strictObject({ id: recordIdText });
  app.get('/meetings/:id/notice-status', { schema: { tags, params: meetingParams, response: { 200: noticeStatusOut } } }, async (req) =>
    noticeStatus(app.db, accessOf(req), req.params.id),
  );
  app.post('/meetings/:id/notices/resend', { schema: { tags, params: meetingParams, body: resendBody, response: { 200: noticeStatusOut } } }, async (req) =>
    resendNotices(app.db, accessOf(req), req.params.id, req.body.to, clock.now()),
  );
  app.get('/me/notification-email', { schema: { tags, response: { 200: emailOut } } }, async (req) => getNotificationEmail(app.db, accessOf(req)));
  app.put(
    '/me/notification-email',
    { schema: { tags, body: z.strictObject({ email: z.email({ message: 'meetings.bad_email' }).max(200).nullable() }), response: { 200: emailOut } } },
    async (req) => setNotificationEmail(app.db, accessOf(req), req.body.email),
  );
}
