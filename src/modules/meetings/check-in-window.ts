// The check-in window of a meeting as the server applies it and every page shows it: the
// rule set's window (30 minutes before the start to the planned end by default) unless
// the secretary opened it early, extended or closed it (stored on the meeting, audited).
import type { Db } from '../../db/types.ts';
import { adjustWindow, type CheckInRule, type CheckInWindow, checkInWindow, type WindowAction, windowState } from '../../domain/meeting-window.ts';
import { conflict } from '../../http/app-error.ts';
import type { Access } from '../access/access.ts';
import { writeAudit } from '../audit/write-audit.ts';
import { findManageableMeeting } from './meeting-access.ts';
import type { CheckInWindowOut } from './schemas.ts';
import { meetingRulesFor } from './unit-rule-sets.ts';

/** The columns of a meeting the window depends on. */
export interface WindowedMeeting {
  starts_at: Date;
  ends_at: Date;
  check_in_opens_at: Date | null;
  check_in_closes_at: Date | null;
}

export function windowOf(m: WindowedMeeting, rule: CheckInRule): CheckInWindow {
  return checkInWindow(m.starts_at, m.ends_at, rule, { opensAt: m.check_in_opens_at, closesAt: m.check_in_closes_at });
}

/** The window and its state now; a cancelled meeting's window is closed. */
export function presentWindow(m: WindowedMeeting & { status?: string }, rule: CheckInRule, now: Date): CheckInWindowOut {
  const w = windowOf(m, rule);
  return {
    state: m.status === 'cancelled' ? 'closed' : windowState(now, w),
    opensAt: w.opensAt.toISOString(),
    closesAt: w.closesAt.toISOString(),
    adjusted: m.check_in_opens_at !== null || m.check_in_closes_at !== null,
  };
}

export async function meetingWindow(db: Db, m: WindowedMeeting & { unit_id: number; held_on: string; status?: string }, now: Date) {
  return presentWindow(m, (await meetingRulesFor(db, m.unit_id, m.held_on)).body.checkIn, now);
}

export async function setCheckInWindow(db: Db, access: Access, id: number, change: WindowAction, now: Date): Promise<CheckInWindowOut> {
  return db.transaction().execute(async (trx) => {
    const m = await findManageableMeeting(trx, access, id, { forUpdate: true });
    if (m.status === 'cancelled') throw conflict('meetings.cancelled');
    const rule = (await meetingRulesFor(trx, m.unit_id, m.held_on)).body.checkIn;
    const before = presentWindow(m, rule, now);
    const next = adjustWindow(now, windowOf(m, rule), change);
    const row = await trx
      .updateTable('meetings')
      .set({ check_in_opens_at: next.opensAt, check_in_closes_at: next.closesAt })
      .where('id', '=', m.id)
      .returningAll()
      .executeTakeFirstOrThrow();
    const after = presentWindow(row, rule, now);
    await writeAudit(trx, access.userId, {
      action: `meeting.check_in_window.${change.action}`,
      entityType: 'meeting',
      entityId: m.id,
      unitId: m.unit_id,
      before: { opensAt: before.opensAt, closesAt: before.closesAt },
      after: { opensAt: after.opensAt, closesAt: after.closesAt },
    });
    return after;
  });
}
