// Self check-in from a phone: the member types the meeting's 6-digit code or scans its
// QR code. Accepted only for someone on the meeting's roll, only inside the check-in
// window (meetings/check-in-window.ts: the rule's, or as the secretary set it), and only
// once: the primary key of meeting_check_ins refuses a second row even when two requests
// race, and a second scan answers calmly with the time of the first.

import { type Kysely, sql } from 'kysely';
import { transactionRetryingDeadlocks } from '../../db/retry-on-deadlock.ts';
import type { DB } from '../../db/types.ts';
import { formatDateVi } from '../../domain/calendar.ts';
import { meetingRulesOn } from '../../domain/meeting-rules.ts';
import { vnDate, vnTime } from '../../domain/meeting-time.ts';
import { windowState } from '../../domain/meeting-window.ts';
import { AppError } from '../../http/app-error.ts';
import type { Access } from '../access/access.ts';
import { writeAudit } from '../audit/write-audit.ts';
import { giveBackAttempt, type ThrottleRule, throttle } from '../auth/throttle.ts';
import { ruleSetsFromRows, unitRuleSetsJson } from '../rule-sets/unit-rule-sets.ts';
import type { CheckInInput } from './attendance-schemas.ts';
import { heldWithinADayOf, parseQrToken, qrSignatureValid } from './check-in-token.ts';
import { windowOf } from './check-in-window.ts';
import { refuseIfAdopted } from './frozen-roll.ts';
import { rollStatusSql } from './meeting-roll.ts';

/**
 * The meetings a code or QR points at, each with the caller's status on its roll and the
 * meeting rules its unit loaded — one query, because this path is hit by a whole cell
 * within minutes.
 */
function candidates(db: Kysely<DB>, input: CheckInInput, memberId: number, now: Date) {
  const roll = rollStatusSql(memberId, {
    kind: sql.ref('m.kind'),
    unitId: sql.ref('m.unit_id'),
    partyGroupId: sql.ref('m.party_group_id'),
    heldOn: sql.ref('m.held_on'),
  });
  const base = db
    .selectFrom('meetings as m')
    .innerJoin('units as u', 'u.id', 'm.unit_id')
    .select([
      'm.id',
      'm.unit_id',
      'm.held_on',
      'm.starts_at',
      'm.ends_at',
      'm.place',
      'm.topic',
      'm.check_in_secret',
      'm.check_in_opens_at',
      'm.check_in_closes_at',
      'u.name as unit_name',
      roll.as('roll_status'),
      unitRuleSetsJson('meeting-rules', sql.ref<number>('m.unit_id'), sql.ref<string>('m.held_on')).as('unit_rules'),
    ])
    .where('m.status', '=', 'planned');
  if ('code' in input) {
    const today = vnDate(now);
    return base.where('m.check_in_code', '=', input.code).where(heldWithinADayOf('m.held_on', today)).execute();
  }
  const token = parseQrToken(input.qr);
  if (!token) throw new AppError('meetings.bad_qr', 400);
  return base
    .where('m.id', '=', token.meetingId)
    .execute()
    .then((rows) => {
      if (!rows[0] || !qrSignatureValid(rows[0].id, rows[0].check_in_secret, token.signature)) throw new AppError('meetings.bad_qr', 400);
      return rows;
    });
}

// A 6-digit code is guessable by trying them all: past this many refused codes or QR
// payloads in the window, an account must wait. Each attempt takes a slot of the shared
// throttle before the code is looked up (so concurrent guesses cannot all be checked);
// a code that turns out right gives its slot back. Without it a member could check in
// from home.
export const CHECK_IN_THROTTLE: ThrottleRule = { kind: 'check_in.user', limit: 10, windowMinutes: 15 };
const REFUSED = 'meeting.check_in_refused';

/**
 * What a code or QR that leads to none of the caller's meetings answers: the same for a
 * code nobody uses and for another cell's code, so a guess learns nothing about which
 * codes are live.
 */
const noMeetingOfYours = (input: CheckInInput) =>
  'code' in input ? new AppError('meetings.check_in_code_unknown', 404) : new AppError('meetings.bad_qr', 400);

async function refuse(db: Kysely<DB>, access: Access, input: CheckInInput, error: AppError): Promise<never> {
  await writeAudit(db, access.userId, {
    action: REFUSED,
    entityType: 'user',
    entityId: access.userId,
    after: { ...('code' in input ? { code: input.code } : { qr: true }), reason: error.code },
  });
  throw error;
}

export async function checkIn(db: Kysely<DB>, access: Access, input: CheckInInput, now: Date) {
  const memberId = access.memberId;
  if (memberId === null) throw new AppError('meetings.check_in_no_member', 403);
  const throttleKey = String(access.userId);
  await throttle(db, CHECK_IN_THROTTLE, throttleKey);
  let found: Awaited<ReturnType<typeof candidates>>;
  try {
    found = await candidates(db, input, memberId, now);
  } catch (error) {
    if (error instanceof AppError) return refuse(db, access, input, error);
    throw error;
  }
  const meeting = found.find((m) => m.roll_status !== null);
  if (!meeting) return refuse(db, access, input, noMeetingOfYours(input));
  // The right code (even if too early or too late) is no guess.
  await giveBackAttempt(db, CHECK_IN_THROTTLE, throttleKey);

  const m = meeting;
  const method = 'code' in input ? 'code' : 'qr';
  const answer = (checkedInAt: Date, alreadyCheckedIn: boolean) => ({
    meetingId: m.id,
    memberId,
    checkedInAt: checkedInAt.toISOString(),
    alreadyCheckedIn,
    meeting: { topic: m.topic, unitName: m.unit_name, heldOn: m.held_on, startTime: vnTime(m.starts_at), endTime: vnTime(m.ends_at), place: m.place },
  });
  const firstCheckIn = () =>
    db.selectFrom('meeting_check_ins').select('checked_in_at').where('meeting_id', '=', m.id).where('member_id', '=', memberId).executeTakeFirst();
  // A second scan (the member was not sure the first went through) is answered calmly
  // with the time of the first, even once the window has closed.
  const earlier = await firstCheckIn();
  if (earlier) return answer(earlier.checked_in_at, true);

  const rules = meetingRulesOn(m.held_on, ruleSetsFromRows(m.unit_rules));
  const window = windowOf(m, rules.body.checkIn);
  const state = windowState(now, window);
  if (state === 'not_open') throw new AppError('meetings.check_in_not_open', 409, { time: vnTime(window.opensAt), date: formatDateVi(vnDate(window.opensAt)) });
  if (state === 'closed') throw new AppError('meetings.check_in_closed', 409, { time: vnTime(window.closesAt), date: formatDateVi(vnDate(window.closesAt)) });

  const checkedInAt = await transactionRetryingDeadlocks(db, async (trx) => {
    await refuseIfAdopted(trx, m.id, 'meetings.check_in_adopted');
    const row = await trx
      .insertInto('meeting_check_ins')
      .values({ meeting_id: m.id, member_id: memberId, method, checked_in_at: now })
      .onConflict((oc) => oc.columns(['meeting_id', 'member_id']).doNothing())
      .returning('checked_in_at')
      .executeTakeFirst();
    if (!row) return null;
    await writeAudit(trx, access.userId, {
      action: 'meeting.check_in',
      entityType: 'meeting',
      entityId: m.id,
      unitId: m.unit_id,
      after: { memberId, method },
    });
    return row.checked_in_at;
  });
  // Two scans raced: the other one recorded the check-in.
  if (!checkedInAt) return answer((await firstCheckIn())!.checked_in_at, true);
  return answer(checkedInAt, false);
}
