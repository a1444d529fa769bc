// Routes of tasks (phân công nhiệm vụ): a unit's list, the caller's own, assign, change,
// assess, report progress with files.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { AppError } from '../../http/app-error.ts';
import { multipartError, readUploadPart } from '../../http/read-upload.ts';
import { accessOf } from '../auth/authenticate.ts';
import { clock } from '../meetings/clock.ts';
import { createTask } from './create-task.ts';
import { listProgrammes } from './programmes.ts';
import { getTask, listUnitTasks, myTasks } from './read-tasks.ts';
import { recordOutcome } from './record-outcome.ts';
import { attachFile, checkReportTarget, getFile, MAX_TASK_FILE_BYTES, reportProgress } from './report-progress.ts';
import {
  createTaskBody,
  fileOut,
  fileParams,
  listTasksQuery,
  outcomeBody,
  programmesOut,
  reportBody,
  reportParams,
  taskDetailOut,
  taskListOut,
  taskParams,
  updateTaskBody,
} from './schemas.ts';
import { updateTask } from './update-task.ts';

export async function taskRoutes(root: FastifyInstance) {
  const app = root.withTypeProvider<ZodTypeProvider>();
  const tags = ['tasks'];
  app.get('/tasks/programmes', { schema: { tags, response: { 200: programmesOut } } }, async (req) => listProgrammes(req.lang));
  app.get('/tasks', { schema: { tags, querystring: listTasksQuery, response: { 200: taskListOut } } }, async (req) =>
    listUnitTasks(app.db, accessOf(req), req.lang, req.query.unitId, req.query.state, clock.now()),
  );
  app.get('/me/tasks', { schema: { tags, response: { 200: taskListOut } } }, async (req) => myTasks(app.db, accessOf(req), req.lang, clock.now()));
  app.post('/tasks', { schema: { tags, body: createTaskBody, response: { 201: taskDetailOut } } }, async (req, reply) => {
    const access = accessOf(req);
    const now = clock.now();
    const id = await createTask(app.db, access, req.body, now);
    return reply.status(201).send(await getTask(app.db, access, req.lang, id, now));
  });
  app.get('/tasks/:id', { schema: { tags, params: taskParams, response: { 200: taskDetailOut } } }, async (req) =>
    getTask(app.db, accessOf(req), req.lang, req.params.id, clock.now()),
  );
  app.patch('/tasks/:id', { schema: { tags, params: taskParams, body: updateTaskBody, response: { 200: taskDetailOut } } }, async (req) => {
    const access = accessOf(req);
    const now = clock.now();
    await updateTask(app.db, access, req.params.id, req.body, now);
    return getTask(app.db, access, req.lang, req.params.id, now);
  });
  app.post('/tasks/:id/outcome', { schema: { tags, params: taskParams, body: outcomeBody, response: { 200: taskDetailOut } } }, async (req) => {
    const access = accessOf(req);
    const now = clock.now();
    await recordOutcome(app.db, access, req.params.id, req.body, now);
    return getTask(app.db, access, req.lang, req.params.id, now);
  });
  app.post('/tasks/:id/reports', { schema: { tags, params: taskParams, body: reportBody, response: { 201: taskDetailOut } } }, async (req, reply) => {
    const access = accessOf(req);
    await reportProgress(app.db, access, req.params.id, req.body);
    return reply.status(201).send(await getTask(app.db, access, req.lang, req.params.id, clock.now()));
  });
  app.post(
    '/tasks/:id/reports/:reportId/files',
    { schema: { tags, params: reportParams, consumes: ['multipart/form-data'], response: { 201: fileOut } } },
    async (req, reply) => {
      const access = accessOf(req);
      // Who may add files to this report is checked before the upload is read.
      await checkReportTarget(app.db, access, req.params.id, req.params.reportId);
      const file = await readUploadPart(req, MAX_TASK_FILE_BYTES);
      if (!file) throw new AppError('tasks.file_empty', 400);
      let content: Buffer;
      try {
        content = await file.toBuffer();
      } catch (error) {
        throw multipartError(error);
      }
      return reply.status(201).send(
        await attachFile(app.db, access, req.params.id, req.params.reportId, {
          fileName: file.filename,
          contentType: file.mimetype || 'application/octet-stream',
          content,
        }),
      );
    },
  );
  app.get('/tasks/:id/files/:fileId', { schema: { tags, params: fileParams } }, async (req, reply) => {
    const file = await getFile(app.db, accessOf(req), req.params.id, req.params.fileId);
    return reply
      .header('content-type', file.contentType)
      .header(
        'content-disposition',
        `attachment; filename="${file.fileName.replace(/[^\x20-\x7e]/g, '_')}"; filename*=UTF-8''${encodeURIComponent(file.fileName)}`,
      )
      .send(file.content);
  });
}
