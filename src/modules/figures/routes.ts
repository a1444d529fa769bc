// The figures API, one route per area: a unit's figures on a date; its meeting, task,
// admission and grading figures over a period; growth, white villages and dues.
// Reading them takes the `read` permission over the unit (404 otherwise, like any unit).
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { vnDate } from '../../domain/meeting-time.ts';
import { accessOf } from '../auth/authenticate.ts';
import { lastMonthOverOn } from '../dues/months.ts';
import { resultsOut } from '../grading/schemas.ts';
import { clock } from '../meetings/clock.ts';
import { admissionFigures } from './admission-figures.ts';
import { duesFigures } from './dues-figures.ts';
import { gradingResults } from './grading-figures.ts';
import { growthFigures } from './growth-figures.ts';
import { meetingFigures } from './meeting-figures.ts';
import {
  admissionFiguresOut,
  duesFiguresOut,
  duesFiguresQuery,
  gradingFiguresQuery,
  growthFiguresOut,
  meetingFiguresOut,
  meetingFiguresQuery,
  taskFiguresOut,
  unitFiguresOut,
  unitFiguresQuery,
  unitParams,
  villageFiguresOut,
} from './schemas.ts';
import { taskFigures } from './task-figures.ts';
import { unitFigures } from './unit-figures.ts';
import { villageFigures } from './village-figures.ts';

export async function figureRoutes(root: FastifyInstance) {
  const app = root.withTypeProvider<ZodTypeProvider>();
  app.get(
    '/figures/units/:unitId',
    {
      // The dashboard's two reads: hot, and each begins with one statement (the unit's head) that carries the caller's check.
      config: { callerCheckedInStatement: true },
      schema: { tags: ['figures'], params: unitParams, querystring: unitFiguresQuery, response: { 200: unitFiguresOut } },
    },
    async (req) => app.confirmCaller(req, (access, check) => unitFigures(app.db, access, req.params.unitId, req.query.date ?? vnDate(clock.now()), check)),
  );
  app.get(
    '/figures/units/:unitId/meetings',
    {
      config: { callerCheckedInStatement: true },
      schema: { tags: ['figures'], params: unitParams, querystring: meetingFiguresQuery, response: { 200: meetingFiguresOut } },
    },
    async (req) =>
      app.confirmCaller(req, (access, check) => meetingFigures(app.db, access, req.params.unitId, req.query.from, req.query.to, vnDate(clock.now()), check)),
  );
  app.get(
    '/figures/units/:unitId/growth',
    { schema: { tags: ['figures'], params: unitParams, querystring: unitFiguresQuery, response: { 200: growthFiguresOut } } },
    async (req) => growthFigures(app.db, accessOf(req), req.params.unitId, req.query.date ?? vnDate(clock.now())),
  );
  app.get(
    '/figures/units/:unitId/villages',
    { schema: { tags: ['figures'], params: unitParams, querystring: unitFiguresQuery, response: { 200: villageFiguresOut } } },
    async (req) => villageFigures(app.db, accessOf(req), req.params.unitId, req.query.date ?? vnDate(clock.now())),
  );
  app.get(
    '/figures/units/:unitId/admissions',
    {
      schema: { tags: ['figures'], params: unitParams, querystring: meetingFiguresQuery, response: { 200: admissionFiguresOut } },
    },
    async (req) => admissionFigures(app.db, accessOf(req), req.params.unitId, req.query.from, req.query.to),
  );
  app.get(
    '/figures/units/:unitId/dues',
    { schema: { tags: ['figures'], params: unitParams, querystring: duesFiguresQuery, response: { 200: duesFiguresOut } } },
    async (req) => duesFigures(app.db, accessOf(req), req.params.unitId, req.query.month, lastMonthOverOn(vnDate(clock.now()))),
  );
  app.get(
    '/figures/units/:unitId/tasks',
    {
      schema: { tags: ['figures'], params: unitParams, querystring: meetingFiguresQuery, response: { 200: taskFiguresOut } },
    },
    async (req) => taskFigures(app.db, accessOf(req), req.lang, req.params.unitId, req.query.from, req.query.to, vnDate(clock.now())),
  );
  app.get(
    '/figures/units/:unitId/grading',
    { schema: { tags: ['figures'], params: unitParams, querystring: gradingFiguresQuery, response: { 200: resultsOut } } },
    async (req) => gradingResults(app.db, accessOf(req), req.lang, { unitId: req.params.unitId, startsOn: req.query.from, endsOn: req.query.to }),
  );
}
