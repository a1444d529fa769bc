// Documents attached to a meeting (upper-level texts, the draft resolution…), stored in
// the database as bytea so backups and every app process see the same files. The size
// limit comes from the meeting rule set.
import type { Kysely } from 'kysely';
import type { DB } from '../../db/types.ts';
import { AppError, notFound } from '../../http/app-error.ts';
import type { Access } from '../access/access.ts';
import { writeAudit } from '../audit/write-audit.ts';
import { findManageableMeeting, findVisibleMeeting, viewerOf } from './meeting-access.ts';
import { meetingRulesFor } from './unit-rule-sets.ts';

export async function addDocument(db: Kysely<DB>, access: Access, meetingId: number, file: { fileName: string; contentType: string; content: Buffer }) {
  return db.transaction().execute(async (trx) => {
    const m = await findManageableMeeting(trx, access, meetingId);
    const { maxBytes } = (await meetingRulesFor(trx, m.unit_id, m.held_on)).body.documents;
    if (file.content.length === 0) throw new AppError('meetings.document_empty', 400);
    if (file.content.length > maxBytes) throw new AppError('meetings.document_too_large', 413, { megabytes: Math.round(maxBytes / 1048576) });
    const fileName = file.fileName.replace(/[\\/\r\n"]/g, '_').slice(0, 200) || 'tai-lieu';
    const row = await trx
      .insertInto('meeting_documents')
      .values({
        meeting_id: meetingId,
        file_name: fileName,
        content_type: file.contentType.slice(0, 200),
        size_bytes: file.content.length,
        content: file.content,
        uploaded_by: access.userId,
      })
      .returning(['id', 'file_name', 'content_type', 'size_bytes', 'uploaded_at'])
      .executeTakeFirstOrThrow();
    await writeAudit(trx, access.userId, {
      action: 'meeting.document.add',
      entityType: 'meeting',
      entityId: meetingId,
      unitId: m.unit_id,
      after: { documentId: row.id, fileName, sizeBytes: row.size_bytes },
    });
    return { id: row.id, fileName: row.file_name, contentType: row.content_type, sizeBytes: row.size_bytes, uploadedAt: row.uploaded_at.toISOString() };
  });
}

export async function getDocument(db: Kysely<DB>, access: Access, meetingId: number, documentId: number) {
  await findVisibleMeeting(db, await viewerOf(db, access), meetingId);
  const doc = await db
    .selectFrom('meeting_documents')
    .select(['file_name', 'content_type', 'content'])
    .where('id', '=', documentId)
    .where('meeting_id', '=', meetingId)
    .executeTakeFirst();
  if (!doc) throw notFound('entities.document');
  return { fileName: doc.file_name, contentType: doc.content_type, content: Buffer.from(doc.content) };
}

export async function removeDocument(db: Kysely<DB>, access: Access, meetingId: number, documentId: number) {
  await db.transaction().execute(async (trx) => {
    const m = await findManageableMeeting(trx, access, meetingId);
    const doc = await trx
      .deleteFrom('meeting_documents')
      .where('id', '=', documentId)
      .where('meeting_id', '=', meetingId)
      .returning(['file_name', 'size_bytes'])
      .executeTakeFirst();
    if (!doc) throw notFound('entities.document');
    await writeAudit(trx, access.userId, {
      action: 'meeting.document.remove',
      entityType: 'meeting',
      entityId: meetingId,
      unitId: m.unit_id,
      before: { documentId, fileName: doc.file_name, sizeBytes: doc.size_bytes },
    });
  });
}
