// Routes of the topic bank and of the compliance report (JSON and xlsx).
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { vnDate } from '../../domain/meeting-time.ts';
import { recordId, recordIdText } from '../../http/record-id.ts';
import { accessOf } from '../auth/authenticate.ts';
import { clock } from './clock.ts';
import { meetingCompliance } from './compliance.ts';
import { complianceOut, complianceQuery } from './compliance-schemas.ts';
import { complianceXlsx } from './compliance-xlsx.ts';
import { optionalText, text } from './schemas.ts';
import { createTopic, listTopics } from './topic-bank.ts';

const topicOut = z.object({
  id: z.number(),
  title: z.string(),
  summary: z.string().nullable(),
  unitId: z.number(),
  unitName: z.string(),
  published: z.boolean(),
  createdAt: z.string(),
  usedBy: z.array(z.object({ unitId: z.number(), unitName: z.string(), meetings: z.number(), lastHeldOn: z.string() })),
});

export async function bankAndComplianceRoutes(root: FastifyInstance) {
  const app = root.withTypeProvider<ZodTypeProvider>();
  app.get(
    '/meeting-topics',
    { schema: { tags: ['meetings'], querystring: z.strictObject({ unitId: recordIdText }), response: { 200: z.object({ items: z.array(topicOut) }) } } },
    async (req) => ({ items: await listTopics(app.db, accessOf(req), req.query.unitId) }),
  );
  app.post(
    '/meeting-topics',
    {
      schema: {
        tags: ['meetings'],
        body: z.strictObject({ unitId: recordId, title: text(500), summary: optionalText(5000), published: z.boolean().default(false) }),
        response: { 201: z.object({ items: z.array(topicOut) }) },
      },
    },
    async (req, reply) => {
      const access = accessOf(req);
      await createTopic(app.db, access, req.body);
      return reply.status(201).send({ items: await listTopics(app.db, access, req.body.unitId) });
    },
  );

  app.get('/meetings/compliance', { schema: { tags: ['meetings'], querystring: complianceQuery, response: { 200: complianceOut } } }, async (req) =>
    meetingCompliance(app.reportDb, accessOf(req), { ...req.query, asOf: req.query.asOf ?? vnDate(clock.now()) }),
  );
  app.get('/meetings/compliance.xlsx', { schema: { tags: ['meetings'], querystring: complianceQuery } }, async (req, reply) => {
    const report = await meetingCompliance(app.reportDb, accessOf(req), { ...req.query, asOf: req.query.asOf ?? vnDate(clock.now()) });
    return reply
      .header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
      .header('content-disposition', `attachment; filename="sinh-hoat-chi-bo-${report.from}-${report.to}.xlsx"`)
      .send(await complianceXlsx(report, req.lang));
  });
}
