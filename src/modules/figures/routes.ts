// The figures API: a unit's figures on a date, its meeting figures over a period, and its
// grading figures for a period (members and organisations by grade, "4 tốt", reward).
// Reading them takes the `read` permission over the unit (404 otherwise, like any unit).
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { vnDate } from '../../domain/meeting-time.ts';
import { accessOf } from '../auth/authenticate.ts';
import { resultsOut } from '../grading/schemas.ts';
import { clock } from '../meetings/clock.ts';
import { gradingResults } from './grading-figures.ts';
import { meetingFigures } from './meeting-figures.ts';
import { gradingFiguresQuery, meetingFiguresOut, meetingFiguresQuery, unitFiguresOut, unitFiguresQuery, unitParams } from './schemas.ts';
import { unitFigures } from './unit-figures.ts';

export async function figureRoutes(root: FastifyInstance) {
  const app = root.withTypeProvider<ZodTypeProvider>();
  app.get(
    '/figures/units/:unitId',
    {
      schema: { tags: ['figures'], params: unitParams, querystring: unitFiguresQuery, response: { 200: unitFiguresOut } },
    },
    async (req) => unitFigures(app.db, accessOf(req), req.params.unitId, req.query.date ?? vnDate(clock.now())),
  );
  app.get(
    '/figures/units/:unitId/meetings',
    {
      schema: { tags: ['figures'], params: unitParams, querystring: meetingFiguresQuery, response: { 200: meetingFiguresOut } },
    },
    async (req) => meetingFigures(app.db, accessOf(req), req.params.unitId, req.query.from, req.query.to, vnDate(clock.now())),
  );
  app.get(
    '/figures/units/:unitId/grading',
    { schema: { tags: ['figures'], params: unitParams, querystring: gradingFiguresQuery, response: { 200: resultsOut } } },
    async (req) => gradingResults(app.db, accessOf(req), req.lang, { unitId: req.params.unitId, startsOn: req.query.from, endsOn: req.query.to }),
  );
}
