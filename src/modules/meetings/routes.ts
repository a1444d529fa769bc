// The meetings module: every meetings route, the member's notices, and the background
// job runner (meeting notices and reminders).
import type { FastifyInstance } from 'fastify';
import { registerJobs } from '../notifications/jobs-lifecycle.ts';
import { notificationRoutes } from '../notifications/routes.ts';
import { attendanceRoutes } from './attendance-routes.ts';
import { bankAndComplianceRoutes } from './bank-and-compliance-routes.ts';
import { myMeetingRoutes } from './member-routes.ts';
import { minutesRoutes } from './minutes-routes.ts';
import { paperRoutes } from './paper-routes.ts';
import { planRoutes } from './plan-routes.ts';
import { qualityRoutes } from './quality-routes.ts';

export async function meetingRoutes(app: FastifyInstance) {
  for (const routes of [
    planRoutes,
    attendanceRoutes,
    minutesRoutes,
    paperRoutes,
    qualityRoutes,
    bankAndComplianceRoutes,
    myMeetingRoutes,
    notificationRoutes,
  ]) {
    await routes(app);
  }
  registerJobs(app);
}
