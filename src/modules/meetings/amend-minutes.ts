// A change to adopted minutes is an amendment (sửa đổi, bổ sung): it names its reason,
// keeps the replaced and the new text in its own row and in the audit trail, and never
// touches the attendance the minutes were adopted with.
import type { Kysely } from 'kysely';
import type { DB } from '../../db/types.ts';
import { conflict } from '../../http/app-error.ts';
import type { Access } from '../access/access.ts';
import { writeAudit } from '../audit/write-audit.ts';
import { insertActionItems } from './adopt-minutes.ts';
import { minutesState } from './get-minutes.ts';
import type { AmendMinutesInput, MinutesContent } from './minutes-schemas.ts';
import { checkMinutesContent, lockedMeetingForMinutes } from './save-minutes.ts';

export async function amendMinutes(db: Kysely<DB>, access: Access, id: number, input: AmendMinutesInput) {
  await db.transaction().execute(async (trx) => {
    const m = await lockedMeetingForMinutes(trx, access, id);
    const { content, attendance, adopted } = await minutesState(trx, m);
    if (!adopted) throw conflict('meetings.minutes_not_adopted');
    const keys = Object.keys(input.changes) as (keyof MinutesContent)[];
    if (keys.length === 0) throw conflict('meetings.amendment_empty');
    const merged: MinutesContent = { ...content, ...input.changes };
    checkMinutesContent(merged, attendance, 'changes');
    const before = Object.fromEntries(keys.map((k) => [k, content[k] ?? null]));
    const amendment = await trx
      .insertInto('meeting_minutes_amendments')
      .values({
        meeting_id: id,
        reason: input.reason,
        before: JSON.stringify(before),
        after: JSON.stringify(input.changes),
        amended_by: access.userId,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await trx
      .updateTable('meeting_minutes')
      .set({ content: JSON.stringify(merged), updated_by: access.userId, updated_at: new Date() })
      .where('meeting_id', '=', id)
      .execute();
    if (keys.includes('tasks')) {
      // Tasks already done stay; the open ones are replaced by the amended list.
      await trx.deleteFrom('meeting_action_items').where('meeting_id', '=', id).where('status', '=', 'open').execute();
      const done = await trx.selectFrom('meeting_action_items').select(['assignee', 'description']).where('meeting_id', '=', id).execute();
      const isDone = (t: { assignee: string; description: string }) => done.some((d) => d.assignee === t.assignee && d.description === t.description);
      await insertActionItems(
        trx,
        id,
        (merged.tasks ?? []).filter((t) => !isDone(t)),
      );
    }
    await writeAudit(trx, access.userId, {
      action: 'minutes.amend',
      entityType: 'meeting',
      entityId: id,
      unitId: m.unit_id,
      before,
      after: { amendmentId: amendment.id, reason: input.reason, changes: input.changes },
    });
  });
}
