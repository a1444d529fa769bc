// Each area's routes, registered under /api/v1 by server.ts. Add a module here.
import type { FastifyInstance } from 'fastify';
import { admissionRoutes } from './admissions/routes.ts';
import { conflictRoutes } from './conflicts/routes.ts';
import { duesRoutes } from './dues/routes.ts';
import { figuresExportRoutes } from './figures/export-routes.ts';
import { figureRoutes } from './figures/routes.ts';
import { gradingRoutes } from './grading/routes.ts';
import { homeRoutes } from './home/routes.ts';
import { importRoutes } from './imports/routes.ts';
import { lifeRoutes } from './life/routes.ts';
import { meetingRoutes } from './meetings/routes.ts';
import { memberRoutes } from './members/routes.ts';
import { partyGroupRoutes } from './party-groups/routes.ts';
import { taskRoutes } from './tasks/routes.ts';
import { unitRoutes } from './units/routes.ts';
import { villageRoutes } from './villages/routes.ts';

export const apiModules: Array<(app: FastifyInstance) => Promise<void>> = [
  memberRoutes,
  unitRoutes,
  importRoutes,
  meetingRoutes,
  conflictRoutes,
  figureRoutes,
  figuresExportRoutes,
  partyGroupRoutes,
  homeRoutes,
  gradingRoutes,
  villageRoutes,
  admissionRoutes,
  duesRoutes,
  lifeRoutes,
  taskRoutes,
];
