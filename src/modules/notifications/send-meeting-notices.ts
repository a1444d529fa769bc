// The meeting-notices job. Each run (every few minutes, and right after a meeting is
// planned) finds meetings that need a notice and writes one in-app notice per person on
// the roll, guest or residence-linked member:
//   planned   — a new or rescheduled meeting in the next 30 days;
//   reminder  — a meeting starting within 24 hours;
//   cancelled — a future meeting that was cancelled.
// A batch key holds the start time, so moving a meeting announces it again. Batches and
// notices are unique, so running twice (two app processes, a retry) sends nothing twice.
// Then pending emails are delivered through the notifier's channels.
import { type Kysely, sql } from 'kysely';
import type { DB, Db } from '../../db/types.ts';
import { formatDateVi } from '../../domain/calendar.ts';
import { vnDate, vnTime } from '../../domain/meeting-time.ts';
import { loadRoll, type RollMeeting } from '../meetings/meeting-roll.ts';
import { type Notifier, renderNotice } from './notifier.ts';

const HOUR = 3600_000;

type Batch = 'meeting_planned' | 'meeting_reminder' | 'meeting_cancelled';

async function dueMeetings(db: Kysely<DB>, batch: Batch, now: Date) {
  const key =
    batch === 'meeting_cancelled' ? sql<string>`${batch}` : sql<string>`${batch} || ':' || to_char(m.starts_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI')`;
  const horizon = batch === 'meeting_reminder' ? 24 * HOUR : 30 * 24 * HOUR;
  return db
    .selectFrom('meetings as m')
    .innerJoin('units as u', 'u.id', 'm.unit_id')
    .select([
      'm.id',
      'm.unit_id',
      'm.party_group_id',
      'm.kind',
      'm.held_on',
      'm.starts_at',
      'm.ends_at',
      'm.place',
      'm.topic',
      'u.name as unit_name',
      key.as('batch_key'),
    ])
    .where('m.status', '=', batch === 'meeting_cancelled' ? 'cancelled' : 'planned')
    .where('m.starts_at', '>', now)
    .where('m.starts_at', '<=', new Date(now.getTime() + horizon))
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom('meeting_notice_batches as b').select('b.meeting_id').whereRef('b.meeting_id', '=', 'm.id').where(sql<boolean>`b.dedupe_key = ${key}`),
        ),
      ),
    )
    .orderBy('m.starts_at')
    .limit(500)
    .execute();
}

/** What a meeting notice says: kind, topic, unit, date, time, place. */
export function meetingNoticeParams(m: { kind: string; topic: string; unit_name: string; starts_at: Date; place: string }) {
  return {
    topic: m.topic,
    unit: m.unit_name,
    date: formatDateVi(vnDate(m.starts_at)),
    time: vnTime(m.starts_at),
    place: m.place,
    kind: `meetings.kinds.${m.kind}`,
  };
}

/** Who a meeting's notice goes to: the roll (suspended members out), its guests, members of the cell by residence. */
export async function noticeRecipients(db: Db, m: RollMeeting & { id: number; unit_id: number; held_on: string }): Promise<number[]> {
  const roll = await loadRoll(db, m);
  const others = await db
    .selectFrom('meeting_guests')
    .select('member_id')
    .where('meeting_id', '=', m.id)
    .where('member_id', 'is not', null)
    .union(
      db
        .selectFrom('member_residence_links')
        .select('member_id')
        .where('unit_id', '=', m.unit_id)
        .where('valid_from', '<=', m.held_on)
        .where((eb) => eb.or([eb('valid_to', 'is', null), eb('valid_to', '>', m.held_on)])),
    )
    .execute();
  return [...new Set([...roll.filter((r) => r.memberStatus !== 'dinh_chi').map((r) => r.memberId), ...others.map((o) => o.member_id!)])];
}

export async function sendMeetingNotices(db: Kysely<DB>, notifier: Notifier, now: Date): Promise<{ notices: number; emails: number }> {
  let notices = 0;
  for (const batch of ['meeting_cancelled', 'meeting_planned', 'meeting_reminder'] as const) {
    for (const m of await dueMeetings(db, batch, now)) {
      notices += await db.transaction().execute(async (trx) => {
        const recipients = await noticeRecipients(trx, m);
        const params = JSON.stringify(meetingNoticeParams(m));
        const inserted =
          recipients.length === 0
            ? []
            : await trx
                .insertInto('notices')
                .values(
                  recipients.map((memberId) => ({
                    member_id: memberId,
                    kind: batch,
                    meeting_id: m.id,
                    params,
                    dedupe_key: `meeting:${m.id}:${m.batch_key}`,
                    created_at: now,
                  })),
                )
                .onConflict((oc) => oc.columns(['member_id', 'dedupe_key']).doNothing())
                .returning('id')
                .execute();
        const claimed = await trx
          .insertInto('meeting_notice_batches')
          .values({ meeting_id: m.id, dedupe_key: m.batch_key, recipients: inserted.length, sent_at: now })
          .onConflict((oc) => oc.columns(['meeting_id', 'dedupe_key']).doNothing())
          .returning('meeting_id')
          .executeTakeFirst();
        // Another process took this batch first: its notices stand, ours were no-ops.
        return claimed ? inserted.length : 0;
      });
    }
  }
  return { notices, emails: await deliverPendingEmails(db, notifier, now) };
}

/** Emails for recent notices not yet emailed, to members who gave an address. */
export async function deliverPendingEmails(db: Kysely<DB>, notifier: Notifier, now: Date): Promise<number> {
  const email = notifier.channels.find((c) => c.name === 'email');
  if (!email) return 0;
  const pending = await db
    .selectFrom('notices as n')
    .innerJoin('notification_emails as e', 'e.member_id', 'n.member_id')
    .select(['n.id', 'n.member_id', 'n.kind', 'n.meeting_id', 'n.params', 'e.email'])
    .where('n.emailed_at', 'is', null)
    .where('n.created_at', '>', new Date(now.getTime() - 24 * HOUR))
    .orderBy('n.id')
    .limit(1000)
    .execute();
  let sent = 0;
  for (const n of pending) {
    const rendered = renderNotice('vi', n);
    try {
      if (await email.send({ noticeId: n.id, memberId: n.member_id, email: n.email, ...rendered })) {
        await db.updateTable('notices').set({ emailed_at: new Date() }).where('id', '=', n.id).execute();
        sent += 1;
      }
    } catch {
      // The SMTP server refused or is down: the notice stays pending and the next run retries.
    }
  }
  return sent;
}
