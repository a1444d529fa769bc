// Where a meeting's notice stands, for the secretary: when it went out and to how many
// ("Đã thông báo N đảng viên lúc …"), who has seen it (a member opening the notice or
// the meeting marks it read), and a resend — to everyone, or only to those who have not
// seen it — written as notices like the job's, so the job emails them on its next run.
import { type Kysely, sql } from 'kysely';
import { z } from 'zod';
import type { DB, Db } from '../../db/types.ts';
import { compareVietnameseNames } from '../../domain/vietnamese.ts';
import { conflict } from '../../http/app-error.ts';
import type { Access } from '../access/access.ts';
import { writeAudit } from '../audit/write-audit.ts';
import { findManageableMeeting } from '../meetings/meeting-access.ts';
import { meetingNoticeParams, noticeRecipients } from './send-meeting-notices.ts';

export const noticeStatusOut = z.object({
  /** Each sending: the job's announcement, reminder or cancellation, or a secretary's resend. */
  batches: z.array(z.object({ kind: z.string(), sentAt: z.string(), recipients: z.number() })),
  notified: z.number(),
  seen: z.number(),
  members: z.array(z.object({ memberId: z.number(), fullName: z.string(), notifiedAt: z.string(), seenAt: z.string().nullable() })),
});
export type NoticeStatusOut = z.infer<typeof noticeStatusOut>;

export const resendBody = z.strictObject({ to: z.enum(['all', 'unseen']) });

export async function noticeStatus(db: Db, access: Access, meetingId: number): Promise<NoticeStatusOut> {
  await findManageableMeeting(db, access, meetingId);
  const [batches, members] = await Promise.all([
    db.selectFrom('meeting_notice_batches').select(['dedupe_key', 'sent_at', 'recipients']).where('meeting_id', '=', meetingId).orderBy('sent_at').execute(),
    db
      .selectFrom('notices as n')
      .innerJoin('members as mb', 'mb.id', 'n.member_id')
      .select(['n.member_id', 'mb.full_name', sql<Date>`min(n.created_at)`.as('notified_at'), sql<Date | null>`max(n.read_at)`.as('seen_at')])
      .where('n.meeting_id', '=', meetingId)
      .groupBy(['n.member_id', 'mb.full_name'])
      .execute(),
  ]);
  const list = members
    .map((r) => ({
      memberId: r.member_id,
      fullName: r.full_name,
      notifiedAt: new Date(r.notified_at).toISOString(),
      seenAt: r.seen_at ? new Date(r.seen_at).toISOString() : null,
    }))
    .sort((a, b) => compareVietnameseNames(a.fullName, b.fullName));
  return {
    batches: batches.map((b) => ({ kind: b.dedupe_key.split(':')[0]!, sentAt: b.sent_at.toISOString(), recipients: b.recipients })),
    notified: list.length,
    seen: list.filter((m) => m.seenAt !== null).length,
    members: list,
  };
}

export async function resendNotices(db: Kysely<DB>, access: Access, meetingId: number, to: 'all' | 'unseen', now: Date): Promise<NoticeStatusOut> {
  await db.transaction().execute(async (trx) => {
    const m = await findManageableMeeting(trx, access, meetingId, { forUpdate: true });
    if (m.status === 'cancelled') throw conflict('meetings.cancelled');
    let recipients = await noticeRecipients(trx, m);
    if (to === 'unseen') {
      const seen = await trx.selectFrom('notices').select('member_id').where('meeting_id', '=', m.id).where('read_at', 'is not', null).execute();
      const seenIds = new Set(seen.map((s) => s.member_id));
      recipients = recipients.filter((id) => !seenIds.has(id));
    }
    const unit = await trx.selectFrom('units').select('name').where('id', '=', m.unit_id).executeTakeFirstOrThrow();
    const key = `meeting_resend:${now.toISOString()}`;
    if (recipients.length) {
      const params = JSON.stringify(meetingNoticeParams({ ...m, unit_name: unit.name }));
      await trx
        .insertInto('notices')
        .values(
          recipients.map((memberId) => ({
            member_id: memberId,
            kind: 'meeting_resend',
            meeting_id: m.id,
            params,
            dedupe_key: `meeting:${m.id}:${key}`,
            created_at: now,
          })),
        )
        .onConflict((oc) => oc.columns(['member_id', 'dedupe_key']).doNothing())
        .execute();
    }
    await trx
      .insertInto('meeting_notice_batches')
      .values({ meeting_id: m.id, dedupe_key: key, recipients: recipients.length, sent_at: now })
      .onConflict((oc) => oc.columns(['meeting_id', 'dedupe_key']).doNothing())
      .execute();
    await writeAudit(trx, access.userId, {
      action: 'meeting.notice.resend',
      entityType: 'meeting',
      entityId: m.id,
      unitId: m.unit_id,
      after: { to, recipients: recipients.length },
    });
  });
  return noticeStatus(db, access, meetingId);
}

/** A member opening a meeting has seen its notices: they are marked read. */
export async function markMeetingNoticesSeen(db: Db, memberId: number, meetingId: number, now: Date) {
  await db
    .updateTable('notices')
    .set({ read_at: now })
    .where('member_id', '=', memberId)
    .where('meeting_id', '=', meetingId)
    .where('read_at', 'is', null)
    .execute();
}
