// Party dues (issue 10 item 5) under /api/v1/dues: a cell's month (each member's amount
// prefilled) and the payments recorded member by member; a member's basis, exemptions and
// reductions; a member's dues and a unit's arrears; the monthly collection and remittance
// reports as xlsx. Figures are in the figures engine (figures/dues-figures.ts).

import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { addMonths } from '../../domain/calendar.ts';
import { vnDate } from '../../domain/meeting-time.ts';
import { recordIdParams } from '../../http/record-id.ts';
import { accessOf } from '../auth/authenticate.ts';
import { clock } from '../meetings/clock.ts';
import { cellMonth, memberDues, unitArrears } from './dues-reads.ts';
import { collectionXlsx, remittanceXlsx } from './dues-reports.ts';
import { recordExemption, recordReduction, setBasis } from './member-settings.ts';
import { lastMonthOverOn } from './months.ts';
import { recordPayment, recordUnitPayments } from './record-payment.ts';
import {
  arrearsOut,
  basisBody,
  cellMonthOut,
  exemptionBody,
  memberDuesOut,
  memberMonthOut,
  memberMonthParams,
  paymentBody,
  periodQuery,
  reductionBody,
  unitMonthParams,
  unitPaymentsBody,
} from './schemas.ts';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** The 12 months ending with the current one, when no period is asked. */
function period(q: { from?: string | undefined; to?: string | undefined }): { from: string; to: string } {
  if (q.from && q.to) return { from: q.from, to: q.to };
  const to = vnDate(clock.now()).slice(0, 7);
  return { from: addMonths(`${to}-01`, -11).slice(0, 7), to };
}

/** The last month that is over today (Việt Nam): the running month is not arrears yet. */
const lastMonthOver = () => lastMonthOverOn(vnDate(clock.now()));

export async function duesRoutes(root: FastifyInstance) {
  const app = root.withTypeProvider<ZodTypeProvider>();
  const tags = ['dues'];
  const db = app.db;

  app.get('/dues/units/:id/months/:month', { schema: { tags, params: unitMonthParams, response: { 200: cellMonthOut } } }, async (req) =>
    cellMonth(db, accessOf(req), req.params.id, req.params.month, lastMonthOver(), req.lang),
  );
  /** The whole cell's month in one transaction (the phone screen's one save); answers the month as it now stands. */
  app.put(
    '/dues/units/:id/months/:month/payments',
    { schema: { tags, params: unitMonthParams, body: unitPaymentsBody, response: { 200: cellMonthOut } } },
    async (req) => {
      await recordUnitPayments(db, accessOf(req), req.params.id, req.params.month, req.body.payments);
      return cellMonth(db, accessOf(req), req.params.id, req.params.month, lastMonthOver(), req.lang);
    },
  );
  app.get('/dues/units/:id/months/:month/collection.xlsx', { schema: { tags, params: unitMonthParams } }, async (req, reply) => {
    const file = await collectionXlsx(db, accessOf(req), req.params.id, req.params.month, req.lang);
    return reply.type(XLSX).header('content-disposition', `attachment; filename="dang-phi-thu-${req.params.month}.xlsx"`).send(file);
  });
  app.get('/dues/units/:id/months/:month/remittance.xlsx', { schema: { tags, params: unitMonthParams } }, async (req, reply) => {
    const file = await remittanceXlsx(db, accessOf(req), req.params.id, req.params.month, req.lang);
    return reply.type(XLSX).header('content-disposition', `attachment; filename="dang-phi-nop-${req.params.month}.xlsx"`).send(file);
  });
  app.get('/dues/units/:id/arrears', { schema: { tags, params: recordIdParams, querystring: periodQuery, response: { 200: arrearsOut } } }, async (req) => {
    const { from, to } = period(req.query);
    return unitArrears(db, accessOf(req), req.params.id, from, to, lastMonthOver());
  });
  app.get('/dues/members/:id', { schema: { tags, params: recordIdParams, querystring: periodQuery, response: { 200: memberDuesOut } } }, async (req) => {
    const { from, to } = period(req.query);
    return memberDues(db, accessOf(req), req.params.id, from, to, lastMonthOver(), req.lang);
  });
  /** Records (or corrects) what the member paid for the month; answers the month as it now stands. */
  app.put(
    '/dues/members/:id/months/:month',
    { schema: { tags, params: memberMonthParams, body: paymentBody, response: { 200: memberMonthOut } } },
    async (req) => {
      await recordPayment(db, accessOf(req), req.params.id, req.params.month, req.body);
      const dues = await memberDues(db, accessOf(req), req.params.id, req.params.month, req.params.month, lastMonthOver(), req.lang);
      return dues.months[0]!;
    },
  );
  app.put('/dues/members/:id/basis', { schema: { tags, params: recordIdParams, body: basisBody, response: { 200: memberDuesOut } } }, async (req) => {
    await setBasis(db, accessOf(req), req.params.id, req.body);
    return memberDues(db, accessOf(req), req.params.id, period({}).from, period({}).to, lastMonthOver(), req.lang);
  });
  app.post(
    '/dues/members/:id/exemptions',
    { schema: { tags, params: recordIdParams, body: exemptionBody, response: { 201: memberDuesOut } } },
    async (req, reply) => {
      await recordExemption(db, accessOf(req), req.params.id, req.body);
      const p = period({});
      return reply.status(201).send(await memberDues(db, accessOf(req), req.params.id, p.from, p.to, lastMonthOver(), req.lang));
    },
  );
  app.post(
    '/dues/members/:id/reductions',
    { schema: { tags, params: recordIdParams, body: reductionBody, response: { 201: memberDuesOut } } },
    async (req, reply) => {
      await recordReduction(db, accessOf(req), req.params.id, req.body);
      const p = period({});
      return reply.status(201).send(await memberDues(db, accessOf(req), req.params.id, p.from, p.to, lastMonthOver(), req.lang));
    },
  );
}
