// Progress reports (báo cáo tiến độ): an assignee (or the task's manager) writes a note,
// optionally a figure towards the target, and attaches files (photos, lists) taken through
// the one upload reader (src/http/read-upload.ts) and kept in the database as bytea.
import type { Kysely } from 'kysely';
import type { DB } from '../../db/types.ts';
import { AppError, conflict, notFound } from '../../http/app-error.ts';
import type { Access } from '../access/access.ts';
import { writeAudit } from '../audit/write-audit.ts';
import type { ReportInput } from './schemas.ts';
import { findReportableTask, findVisibleTask } from './task-access.ts';

/** The database's own limit on one file (task_report_files.size_bytes). */
export const MAX_TASK_FILE_BYTES = 10 * 1024 * 1024;

export async function reportProgress(db: Kysely<DB>, access: Access, id: number, input: ReportInput): Promise<number> {
  return db.transaction().execute(async (trx) => {
    const task = await findReportableTask(trx, access, id);
    if (task.outcome !== null) throw conflict('tasks.already_assessed');
    const row = await trx
      .insertInto('task_reports')
      .values({ task_id: id, member_id: access.memberId, user_id: access.userId, note: input.note, progress_value: input.progressValue ?? null })
      .returning('id')
      .executeTakeFirstOrThrow();
    await writeAudit(trx, access.userId, {
      action: 'task.report',
      entityType: 'task',
      entityId: id,
      unitId: task.unit_id,
      after: { reportId: row.id, note: input.note, progressValue: input.progressValue ?? null },
    });
    return row.id;
  });
}

/** Checked before the upload is read: the caller may report on the task and the report is its. */
export async function checkReportTarget(db: Kysely<DB>, access: Access, id: number, reportId: number) {
  await db.transaction().execute(async (trx) => {
    await findReportableTask(trx, access, id);
    const report = await trx.selectFrom('task_reports').select('id').where('id', '=', reportId).where('task_id', '=', id).executeTakeFirst();
    if (!report) throw notFound('entities.task_report');
  });
}

export async function attachFile(
  db: Kysely<DB>,
  access: Access,
  id: number,
  reportId: number,
  file: { fileName: string; contentType: string; content: Buffer },
) {
  return db.transaction().execute(async (trx) => {
    const task = await findReportableTask(trx, access, id);
    const report = await trx.selectFrom('task_reports').select('id').where('id', '=', reportId).where('task_id', '=', id).executeTakeFirst();
    if (!report) throw notFound('entities.task_report');
    if (file.content.length === 0) throw new AppError('tasks.file_empty', 400);
    if (file.content.length > MAX_TASK_FILE_BYTES) throw new AppError('tasks.file_too_large', 413, { megabytes: MAX_TASK_FILE_BYTES / 1048576 });
    const fileName = file.fileName.replace(/[\\/\r\n"]/g, '_').slice(0, 200) || 'tep';
    const row = await trx
      .insertInto('task_report_files')
      .values({
        report_id: reportId,
        file_name: fileName,
        content_type: file.contentType.slice(0, 200),
        size_bytes: file.content.length,
        content: file.content,
        uploaded_by: access.userId,
      })
      .returning(['id', 'file_name', 'content_type', 'size_bytes', 'uploaded_at'])
      .executeTakeFirstOrThrow();
    await writeAudit(trx, access.userId, {
      action: 'task.file.add',
      entityType: 'task',
      entityId: id,
      unitId: task.unit_id,
      after: { reportId, fileId: row.id, fileName, sizeBytes: row.size_bytes },
    });
    return { id: row.id, fileName: row.file_name, contentType: row.content_type, sizeBytes: row.size_bytes, uploadedAt: row.uploaded_at.toISOString() };
  });
}

export async function getFile(db: Kysely<DB>, access: Access, id: number, fileId: number) {
  await findVisibleTask(db, access, id);
  const file = await db
    .selectFrom('task_report_files as f')
    .innerJoin('task_reports as r', 'r.id', 'f.report_id')
    .select(['f.file_name', 'f.content_type', 'f.content'])
    .where('f.id', '=', fileId)
    .where('r.task_id', '=', id)
    .executeTakeFirst();
  if (!file) throw notFound('entities.document');
  return { fileName: file.file_name, contentType: file.content_type, content: Buffer.from(file.content) };
}
