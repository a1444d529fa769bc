// The secretary's roll call and corrections. A correction made after the meeting's end
// is a late correction: it is audited under its own action with the before and after of
// every changed line. Once the minutes are adopted the roll is frozen: a change is an
// amendment of the minutes (amend-minutes.ts), never a write here.

import type { Kysely } from 'kysely';
import { transactionRetryingDeadlocks } from '../../db/retry-on-deadlock.ts';
import type { DB } from '../../db/types.ts';
import { formatDateVi } from '../../domain/calendar.ts';
import { vnDate } from '../../domain/meeting-time.ts';
import { badRequest, conflict, type FieldError } from '../../http/app-error.ts';
import type { Access } from '../access/access.ts';
import { writeAudit } from '../audit/write-audit.ts';
import type { AttendanceOut, RecordAttendanceInput } from './attendance-schemas.ts';
import { refuseIfAdopted } from './frozen-roll.ts';
import { findManageableMeeting, findVisibleMeeting, viewerOf } from './meeting-access.ts';
import { meetingAttendance } from './meeting-attendance.ts';

export async function getAttendance(db: Kysely<DB>, access: Access, id: number): Promise<AttendanceOut> {
  const m = await findVisibleMeeting(db, await viewerOf(db, access), id);
  return meetingAttendance(db, m);
}

export async function recordAttendance(db: Kysely<DB>, access: Access, id: number, input: RecordAttendanceInput, now: Date): Promise<AttendanceOut> {
  const late = await transactionRetryingDeadlocks(db, async (trx) => {
    const m = await findManageableMeeting(trx, access, id, { forUpdate: true });
    if (m.status === 'cancelled') throw conflict('meetings.cancelled');
    await refuseIfAdopted(trx, id);
    const current = await meetingAttendance(trx, m);
    const byMember = new Map([...current.members, ...current.apart].map((e) => [e.memberId, e]));
    const guestIds = new Set(current.guests.map((g) => g.id));
    const errors: FieldError[] = [];
    const beforeTheDay = vnDate(now) < m.held_on;
    const given = new Set<number>();
    input.entries.forEach((e, i) => {
      if (!byMember.has(e.memberId)) errors.push({ path: `body.entries.${i}.memberId`, message: 'meetings.not_on_roll' });
      // Two lines for one member would leave the roll to whichever came last.
      if (given.has(e.memberId)) errors.push({ path: `body.entries.${i}.memberId`, message: 'meetings.on_roll_twice' });
      given.add(e.memberId);
      if (e.status === 'absent_excused' && !e.reason) errors.push({ path: `body.entries.${i}.reason`, message: 'meetings.reason_required' });
      // Before the meeting's day only what a member notifies in advance can be recorded: an
      // absence with its reason, or duty elsewhere (the roll call screen says so).
      if (beforeTheDay && (e.status === 'present' || e.status === 'absent_unexcused'))
        errors.push({ path: `body.entries.${i}.status`, message: 'meetings.roll_before_meeting', params: { date: formatDateVi(m.held_on) } });
    });
    const givenGuests = new Set<number>();
    input.guests.forEach((g, i) => {
      if (!guestIds.has(g.guestId)) errors.push({ path: `body.guests.${i}.guestId`, message: 'meetings.unknown_guest' });
      if (givenGuests.has(g.guestId)) errors.push({ path: `body.guests.${i}.guestId`, message: 'meetings.on_roll_twice' });
      givenGuests.add(g.guestId);
      // A guest attending is a presence too: not before the day.
      if (beforeTheDay && g.attended === true)
        errors.push({ path: `body.guests.${i}.attended`, message: 'meetings.roll_before_meeting', params: { date: formatDateVi(m.held_on) } });
    });
    if (errors.length) throw badRequest('validation', {}, errors);

    const isLate = now > m.ends_at;
    const changes: { memberId: number; before: unknown; after: unknown }[] = [];
    for (const e of input.entries) {
      const before = byMember.get(e.memberId)!;
      if (e.status === null) {
        await trx.deleteFrom('meeting_attendance').where('meeting_id', '=', id).where('member_id', '=', e.memberId).execute();
      } else {
        const values = { status: e.status, reason: e.status === 'present' ? null : (e.reason ?? null), recorded_by: access.userId, recorded_at: now };
        await trx
          .insertInto('meeting_attendance')
          .values({ meeting_id: id, member_id: e.memberId, ...values })
          .onConflict((oc) => oc.columns(['meeting_id', 'member_id']).doUpdateSet(values))
          .execute();
      }
      changes.push({
        memberId: e.memberId,
        before: { attendance: before.attendance, reason: before.reason },
        after: { status: e.status, reason: e.reason ?? null },
      });
    }
    for (const g of input.guests) {
      await trx.updateTable('meeting_guests').set({ attended: g.attended }).where('id', '=', g.guestId).execute();
    }
    await writeAudit(trx, access.userId, {
      action: isLate ? 'meeting.attendance.late_correction' : 'meeting.attendance.record',
      entityType: 'meeting',
      entityId: id,
      unitId: m.unit_id,
      before: changes.map((c) => ({ memberId: c.memberId, ...(c.before as object) })),
      after: { entries: changes.map((c) => ({ memberId: c.memberId, ...(c.after as object) })), guests: input.guests, note: input.note ?? null, late: isLate },
    });
    return isLate;
  });
  return { ...(await getAttendance(db, access, id)), late };
}
