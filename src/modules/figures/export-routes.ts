// The dashboard's files: each table as .xlsx, and the one-page summary as .docx. Both read
// the figures engine (the same answers as GET /figures/units/{id} and …/meetings), so a
// file says exactly what the page showed for the same date and period.
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Db } from '../../db/types.ts';
import { vnDate } from '../../domain/meeting-time.ts';
import { isReportPeriod, MAX_PERIOD_YEARS, reportPeriodIssue } from '../../domain/report-period.ts';
import { badRequest } from '../../http/app-error.ts';
import type { Access } from '../access/access.ts';
import { accessOf } from '../auth/authenticate.ts';
import { clock } from '../meetings/clock.ts';
import { isoDate } from '../units/schemas.ts';
import type { DashboardData } from './dashboard-data.ts';
import { EXPORT_TABLES, type ExportTable, figuresXlsx } from './export-xlsx.ts';
import { meetingFigures } from './meeting-figures.ts';
import { figuresDate, unitParams } from './schemas.ts';
import { summaryDocx } from './summary-docx.ts';
import { unitFigures } from './unit-figures.ts';

const viewQuery = {
  date: figuresDate.optional(),
  from: isoDate.optional(),
  to: isoDate.optional(),
};
const inPeriod = (q: { from?: string; to?: string }) => !q.from || !q.to || isReportPeriod(q.from, q.to);
const exportQuery = z.strictObject({ table: z.enum(EXPORT_TABLES), ...viewQuery }).refine(inPeriod, reportPeriodIssue);
const summaryQuery = z.strictObject(viewQuery).refine(inPeriod, reportPeriodIssue);

/** The figures on the date (today by default) and over the period (the date's year up to the date by default). */
async function dashboardData(db: Db, access: Access, unitId: number, q: { date?: string; from?: string; to?: string }): Promise<DashboardData> {
  const today = vnDate(clock.now());
  const date = q.date ?? today;
  const from = q.from ?? `${date.slice(0, 4)}-01-01`;
  const to = q.to ?? (from <= date ? date : `${from.slice(0, 4)}-12-31`);
  // The period with its defaults filled in obeys the same ten years (a `from` alone in 1950 ran to today).
  if (!isReportPeriod(from, to))
    throw badRequest('meetings.compliance_period', { years: MAX_PERIOD_YEARS }, [{ path: 'querystring.from', message: 'meetings.compliance_period' }]);
  const unit = await unitFigures(db, access, unitId, date);
  const meetings = await meetingFigures(db, access, unitId, from, to, today);
  return { unit, meetings, extractedOn: today };
}

/** An ASCII file name (the unit's code) and the Vietnamese one for browsers that read filename*. */
function attach(reply: FastifyReply, type: string, base: string, ext: string) {
  const ascii = base
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .replace(/[^A-Za-z0-9._-]+/g, '-');
  return reply
    .header('content-type', type)
    .header('content-disposition', `attachment; filename="${ascii}.${ext}"; filename*=UTF-8''${encodeURIComponent(`${base}.${ext}`)}`);
}

/** Each table's words in the file's name: "so-lieu-dang-vien-…", not the API's "members". */
const TABLE_FILE_WORDS = { subUnits: 'to-chuc-truc-thuoc', members: 'dang-vien', meetings: 'sinh-hoat' } as const;

/** The dates a table's figures are for: the meetings' period, or the date the others are counted on. */
const fileDates = (table: ExportTable, data: DashboardData) => (table === 'meetings' ? `${data.meetings.from}-den-${data.meetings.to}` : data.unit.date);

export async function figuresExportRoutes(root: FastifyInstance) {
  const app = root.withTypeProvider<ZodTypeProvider>();
  const tags = ['figures'];
  app.get('/figures/units/:unitId/export.xlsx', { schema: { tags, params: unitParams, querystring: exportQuery } }, async (req, reply) => {
    const data = await dashboardData(app.db, accessOf(req), req.params.unitId, req.query);
    const file = await figuresXlsx(req.query.table, data, req.lang);
    return attach(
      reply,
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      `so-lieu-${TABLE_FILE_WORDS[req.query.table]}-${data.unit.unit.code}-${fileDates(req.query.table, data)}`,
      'xlsx',
    ).send(file);
  });
  app.get('/figures/units/:unitId/summary.docx', { schema: { tags, params: unitParams, querystring: summaryQuery } }, async (req, reply) => {
    const data = await dashboardData(app.db, accessOf(req), req.params.unitId, req.query);
    const file = await summaryDocx(data);
    return attach(
      reply,
      'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
      `tong-quan-${data.unit.unit.code}-${data.unit.date}`,
      'docx',
    ).send(file);
  });
}
