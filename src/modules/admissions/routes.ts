// The admissions API (issue 10 items 1 and 2): candidates and their steps, the dossier, the
// calendar days an admin adds. Reading takes `read` over the candidate's cell; writing
// `write_members` (a secretary, the organisation board, an admin).
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { vnDate } from '../../domain/meeting-time.ts';
import { accessOf } from '../auth/authenticate.ts';
import { clock } from '../meetings/clock.ts';
import { addCalendarDay, calendarYear, removeCalendarDay } from './calendar-days.ts';
import { correctStep } from './correct-step.ts';
import { createCandidate } from './create-candidate.ts';
import { loadCandidate } from './get-candidate.ts';
import { listCandidates } from './list-candidates.ts';
import { recordStep } from './record-step.ts';
import { saveDocument } from './save-document.ts';
import {
  addCalendarDayBody,
  calendarDayParams,
  calendarYearOut,
  calendarYearQuery,
  candidateDetailOut,
  candidateListOut,
  candidateParams,
  correctStepBody,
  createCandidateBody,
  documentParams,
  listCandidatesQuery,
  recordStepBody,
  saveDocumentBody,
  stepParams,
} from './schemas.ts';

export async function admissionRoutes(root: FastifyInstance) {
  const app = root.withTypeProvider<ZodTypeProvider>();
  const tags = ['admissions'];
  const today = () => vnDate(clock.now());
  app.get('/admissions/candidates', { schema: { tags, querystring: listCandidatesQuery, response: { 200: candidateListOut } } }, async (req) =>
    listCandidates(app.db, accessOf(req), req.query.unitId, today(), req.query.stage),
  );
  app.post('/admissions/candidates', { schema: { tags, body: createCandidateBody, response: { 201: candidateDetailOut } } }, async (req, reply) =>
    reply.status(201).send(await createCandidate(app.db, accessOf(req), req.body, today())),
  );
  app.get('/admissions/candidates/:id', { schema: { tags, params: candidateParams, response: { 200: candidateDetailOut } } }, async (req) =>
    loadCandidate(app.db, accessOf(req), req.params.id, today()),
  );
  app.post(
    '/admissions/candidates/:id/steps',
    { schema: { tags, params: candidateParams, body: recordStepBody, response: { 200: candidateDetailOut } } },
    async (req) => recordStep(app.db, accessOf(req), req.params.id, req.body, today()),
  );
  app.post(
    '/admissions/candidates/:id/steps/:stepId/correction',
    { schema: { tags, params: stepParams, body: correctStepBody, response: { 200: candidateDetailOut } } },
    async (req) => correctStep(app.db, accessOf(req), req.params.id, req.params.stepId, req.body, today()),
  );
  app.put(
    '/admissions/candidates/:id/documents/:document',
    { schema: { tags, params: documentParams, body: saveDocumentBody, response: { 200: candidateDetailOut } } },
    async (req) => saveDocument(app.db, accessOf(req), req.params.id, req.params.document, req.body, today()),
  );
  app.get('/calendar-days', { schema: { tags, querystring: calendarYearQuery, response: { 200: calendarYearOut } } }, async (req) =>
    calendarYear(app.db, accessOf(req), req.query.year, req.lang),
  );
  app.post('/calendar-days', { schema: { tags, body: addCalendarDayBody, response: { 200: calendarYearOut } } }, async (req) =>
    addCalendarDay(app.db, accessOf(req), req.body, req.lang),
  );
  app.delete('/calendar-days/:day', { schema: { tags, params: calendarDayParams, response: { 200: calendarYearOut } } }, async (req) =>
    removeCalendarDay(app.db, accessOf(req), req.params.day, req.lang),
  );
}
