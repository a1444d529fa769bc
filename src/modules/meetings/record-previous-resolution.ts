// Whether the previous resolution was carried out (HD 12: "so sánh nghị quyết tháng trước"),
// recorded per cell meeting by its secretary before the minutes are adopted: one of the
// conditions of a meeting "of quality". null takes the answer back (not said yet).
import type { Kysely } from 'kysely';
import type { DB } from '../../db/types.ts';
import { CELL_MEETING_KINDS } from '../../domain/meeting-rules.ts';
import { badRequest, conflict } from '../../http/app-error.ts';
import type { Lang } from '../../i18n/messages.ts';
import type { Access } from '../access/access.ts';
import { writeAudit } from '../audit/write-audit.ts';
import { getQuality } from './grade-meeting.ts';
import { findManageableMeeting } from './meeting-access.ts';

export async function recordPreviousResolution(db: Kysely<DB>, access: Access, id: number, done: boolean | null, now: Date, lang: Lang) {
  await db.transaction().execute(async (trx) => {
    const m = await findManageableMeeting(trx, access, id, { forUpdate: true });
    if (m.status === 'cancelled') throw conflict('meetings.cancelled');
    if (!CELL_MEETING_KINDS.includes(m.kind)) throw badRequest('meetings.previous_resolution_cell_only');
    const minutes = await trx.selectFrom('meeting_minutes').select('adopted_at').where('meeting_id', '=', id).executeTakeFirst();
    if (minutes?.adopted_at) throw conflict('meetings.minutes_adopted_locked');
    await trx.updateTable('meetings').set({ previous_resolution_done: done, updated_at: now }).where('id', '=', id).execute();
    await writeAudit(trx, access.userId, {
      action: 'meeting.previous_resolution',
      entityType: 'meeting',
      entityId: id,
      unitId: m.unit_id,
      before: { done: m.previous_resolution_done },
      after: { done },
    });
  });
  return getQuality(db, access, id, lang);
}
