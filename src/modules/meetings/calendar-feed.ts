// A member's meetings as an iCalendar feed, at a URL carrying a secret token (calendar
// apps cannot log in). Only the token's hash is stored; making a new one retires the old.

import type { Kysely } from 'kysely';
import type { DB } from '../../db/types.ts';
import { addMonths } from '../../domain/calendar.ts';
import { calendarText } from '../../domain/meeting-ical.ts';
import { vnDate } from '../../domain/meeting-time.ts';
import { AppError, notFound } from '../../http/app-error.ts';
import { t } from '../../i18n/messages.ts';
import type { Access } from '../access/access.ts';
import { writeAudit } from '../audit/write-audit.ts';
import { hashSecret, newSecret } from '../auth/tokens.ts';
import { memberLink } from './meeting-access.ts';
import { meetingsOfMember } from './my-meetings.ts';

export async function rotateCalendarToken(db: Kysely<DB>, access: Access, origin: string) {
  if (access.memberId === null) throw new AppError('meetings.no_member_link', 403);
  const memberId = access.memberId;
  const { secret, hash } = newSecret('cal_');
  await db.transaction().execute(async (trx) => {
    await trx
      .insertInto('calendar_tokens')
      .values({ member_id: memberId, token_hash: hash })
      .onConflict((oc) => oc.column('member_id').doUpdateSet({ token_hash: hash, created_at: new Date() }))
      .execute();
    await writeAudit(trx, access.userId, { action: 'calendar_token.rotate', entityType: 'member', entityId: memberId });
  });
  return { token: secret, url: `${origin}/api/v1/calendar/${secret}.ics` };
}

export async function calendarFeed(db: Kysely<DB>, token: string, now: Date): Promise<string> {
  // The feed lives only while an account of the member is active (and, in memberLink,
  // while they are a member): a deactivated account's old calendar link stops working.
  const row = await db
    .selectFrom('calendar_tokens as c')
    .select('c.member_id')
    .where('c.token_hash', '=', hashSecret(token))
    .where((eb) => eb.exists(eb.selectFrom('users as u').select('u.id').whereRef('u.member_id', '=', 'c.member_id').where('u.is_active', '=', true)))
    .executeTakeFirst();
  const me = row ? await memberLink(db, row.member_id) : null;
  if (!me) throw notFound('entities.calendar');
  const today = vnDate(now);
  const meetings = await meetingsOfMember(db, me, addMonths(today, -2), addMonths(today, 12), now);
  return calendarText(
    t('vi', 'meetings.calendar_name'),
    meetings.map((m) => ({
      uid: `meeting-${m.id}@chibo`,
      start: m.startsAt,
      end: m.endsAt,
      summary: `${t('vi', `meetings.kinds.${m.kind}`)}: ${m.topic}`,
      location: m.place,
      description: `${m.unitName}${m.role === 'guest' ? ` — ${t('vi', 'meetings.roles.guest')}` : ''}`,
      cancelled: m.status === 'cancelled',
    })),
    now,
  );
}
