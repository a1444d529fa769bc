// The home page's API: GET /home (what the caller's roles need first), and the plan
// form's and the cell calendar's reads, which belong to a cell's month.

import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { recordIdParams } from '../../http/record-id.ts';
import { accessOf } from '../auth/authenticate.ts';
import { attendMeeting } from '../meetings/attend-meeting.ts';
import { cellCalendar } from '../meetings/cell-calendar.ts';
import { clock } from '../meetings/clock.ts';
import { getMeeting } from '../meetings/get-meeting.ts';
import { planDefaults } from '../meetings/plan-defaults.ts';
import { meetingOut } from '../meetings/schemas.ts';
import { homeOf } from './home.ts';
import { calendarOut, calendarQuery, homeOut, planDefaultsOut, planDefaultsQuery } from './schemas.ts';

export async function homeRoutes(root: FastifyInstance) {
  const app = root.withTypeProvider<ZodTypeProvider>();
  app.get('/home', { schema: { tags: ['home'], response: { 200: homeOut } } }, async (req) => homeOf(app.db, accessOf(req), req.lang, clock.now()));

  const tags = ['meetings'];
  app.get('/meetings/plan-defaults', { schema: { tags, querystring: planDefaultsQuery, response: { 200: planDefaultsOut } } }, async (req) =>
    planDefaults(app.db, accessOf(req), req.query.unitId, req.query.month, clock.now()),
  );
  app.get('/meetings/calendar', { schema: { tags, querystring: calendarQuery, response: { 200: calendarOut } } }, async (req) =>
    cellCalendar(app.db, accessOf(req), req.query.unitId, req.query.year, clock.now()),
  );
  app.post('/meetings/:id/attend', { schema: { tags, params: recordIdParams, response: { 200: meetingOut } } }, async (req) => {
    const access = accessOf(req);
    await attendMeeting(app.db, access, req.params.id, clock.now());
    return getMeeting(app.db, access, req.params.id);
  });
}
