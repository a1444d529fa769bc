import fs from 'node:fs';
import fsp from 'node:fs/promises';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { AppError } from '../../http/app-error.ts';
import { problemFor } from '../../http/problem.ts';
import { multipartError, readUploadPart } from '../../http/read-upload.ts';
import { makeUploadDir } from '../../http/upload-folder.ts';
import { requirePermission } from '../access/access.ts';
import { accessOf } from '../auth/authenticate.ts';
import { buildMemberTemplate } from './build-template.ts';
import { importErrorsXlsx } from './errors-xlsx.ts';
import { findTarget, ImportRejected, importMembers } from './import-members.ts';
import { importErrorsBody, importQuery, importReportOut } from './schemas.ts';
import { megabytes, viNumber, XLSX_LIMITS } from './xlsx-bounds.ts';

const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

const tooLarge = () => new AppError('imports.file_too_large', 413, { max: megabytes(XLSX_LIMITS.fileBytes), rows: viNumber(XLSX_LIMITS.rows) });

/** Saves the uploaded file to a private folder in the upload folder; the caller removes the folder. */
async function saveUpload(req: FastifyRequest): Promise<{ dir: string; file: string; name: string }> {
  const upload = await readUploadPart(req, XLSX_LIMITS.fileBytes);
  if (!upload) throw new AppError('imports.no_file', 400);
  const dir = await makeUploadDir();
  const file = path.join(dir, 'upload.xlsx');
  try {
    try {
      await pipeline(upload.file, fs.createWriteStream(file));
    } catch (error) {
      if ((error as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE') throw tooLarge();
      throw multipartError(error);
    }
    if (upload.file.truncated) throw tooLarge();
  } catch (error) {
    await fsp.rm(dir, { recursive: true, force: true });
    throw error;
  }
  return { dir, file, name: upload.filename };
}

export async function importRoutes(root: FastifyInstance) {
  const app = root.withTypeProvider<ZodTypeProvider>();
  const tags = ['imports'];

  app.get('/imports/members/template.xlsx', { schema: { tags } }, async (req, reply) => {
    accessOf(req);
    const file = await buildMemberTemplate(req.lang);
    return reply.type(XLSX_TYPE).header('content-disposition', 'attachment; filename="mau-nhap-dang-vien.xlsx"').send(file);
  });

  // The report's refused rows as a workbook (the report is the caller's own: nothing is looked up).
  app.post('/imports/members/errors.xlsx', { schema: { tags, body: importErrorsBody } }, async (req, reply) => {
    requirePermission(accessOf(req), 'write_members');
    const file = await importErrorsXlsx(req.body, req.lang);
    return reply.type(XLSX_TYPE).header('content-disposition', 'attachment; filename="loi-nhap-dang-vien.xlsx"').send(file);
  });

  app.post(
    '/imports/members',
    { schema: { tags, querystring: importQuery, consumes: ['multipart/form-data'], response: { 200: importReportOut } } },
    async (req, reply) => {
      const access = accessOf(req);
      // A role that may not import anywhere is refused as such, whatever the unit (nothing to hide).
      requirePermission(access, 'write_members');
      const actor = { userId: access.userId, scope: access.scope('write_members'), readScope: access.scope('read') };
      // The unit is checked before the upload is read: without the right to import there, 404 and nothing read.
      await findTarget(app.db, actor.scope, req.query.unitId);
      const upload = await saveUpload(req);
      try {
        return await importMembers(app.db, actor, {
          unitId: req.query.unitId,
          mode: req.query.mode,
          filePath: upload.file,
          fileName: upload.name,
          lang: req.lang,
          engine: app.database.kind,
        });
      } catch (error) {
        // A refused apply is a problem+json like any error, with the row report beside it.
        if (error instanceof ImportRejected) {
          const body = { ...problemFor(error, req.lang), report: error.report };
          // (Sent as a raw string: the route's zod response schema covers only the 200 report.)
          return (reply as FastifyReply).status(422).type('application/problem+json; charset=utf-8').send(JSON.stringify(body));
        }
        throw error;
      } finally {
        await fsp.rm(upload.dir, { recursive: true, force: true });
      }
    },
  );
}
