// A member's in-app notices, and the email address they want notices sent to.
import type { Kysely } from 'kysely';
import type { DB } from '../../db/types.ts';
import { AppError, notFound } from '../../http/app-error.ts';
import type { Lang } from '../../i18n/messages.ts';
import type { Access } from '../access/access.ts';
import { writeAudit } from '../audit/write-audit.ts';
import { renderNotice } from './notifier.ts';

function memberOf(access: Access): number {
  if (access.memberId === null) throw new AppError('meetings.no_member_link', 403);
  return access.memberId;
}

export async function listNotices(db: Kysely<DB>, access: Access, lang: Lang) {
  const memberId = memberOf(access);
  const rows = await db
    .selectFrom('notices')
    .select(['id', 'member_id', 'kind', 'meeting_id', 'params', 'created_at', 'read_at'])
    .where('member_id', '=', memberId)
    .orderBy('id', 'desc')
    .limit(100)
    .execute();
  const unread = await db
    .selectFrom('notices')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('member_id', '=', memberId)
    .where('read_at', 'is', null)
    .executeTakeFirstOrThrow();
  return {
    items: rows.map((r) => ({
      id: r.id,
      kind: r.kind,
      meetingId: r.meeting_id,
      ...renderNotice(lang, r),
      createdAt: r.created_at.toISOString(),
      readAt: r.read_at?.toISOString() ?? null,
    })),
    unread: Number(unread.n),
  };
}

export async function markNoticeRead(db: Kysely<DB>, access: Access, id: number | 'all') {
  const memberId = memberOf(access);
  let query = db.updateTable('notices').set({ read_at: new Date() }).where('member_id', '=', memberId).where('read_at', 'is', null);
  if (id !== 'all') {
    const found = await db.selectFrom('notices').select('id').where('id', '=', id).where('member_id', '=', memberId).executeTakeFirst();
    if (!found) throw notFound('entities.notice');
    query = query.where('id', '=', id);
  }
  await query.execute();
}

export async function getNotificationEmail(db: Kysely<DB>, access: Access) {
  const row = await db.selectFrom('notification_emails').select('email').where('member_id', '=', memberOf(access)).executeTakeFirst();
  return { email: row?.email ?? null };
}

export async function setNotificationEmail(db: Kysely<DB>, access: Access, email: string | null) {
  const memberId = memberOf(access);
  await db.transaction().execute(async (trx) => {
    if (email === null) await trx.deleteFrom('notification_emails').where('member_id', '=', memberId).execute();
    else {
      await trx
        .insertInto('notification_emails')
        .values({ member_id: memberId, email })
        .onConflict((oc) => oc.column('member_id').doUpdateSet({ email, updated_at: new Date() }))
        .execute();
    }
    await writeAudit(trx, access.userId, { action: 'notification_email.set', entityType: 'member', entityId: memberId, after: { email } });
  });
  return { email };
}
