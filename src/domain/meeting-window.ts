// When a member may check in by themselves: from a set time before the start until the
// end of the meeting (the rule set says how long before; 30 minutes to the planned end
// by default). The secretary may open it early, extend it or close it; what they set is
// stored on the meeting and wins over the rule. Outside it, only the secretary records
// attendance. This is the one rule: the server refuses by it and every page shows its
// result (the API returns the state), so "open" means the same thing everywhere.
export interface CheckInRule {
  opensMinutesBefore: number;
  closesMinutesAfterEnd: number;
}

export interface CheckInWindow {
  opensAt: Date;
  closesAt: Date;
}

/** What the secretary set on the meeting (null: as the rule says). */
export interface CheckInOverride {
  opensAt: Date | null;
  closesAt: Date | null;
}

export function checkInWindow(startsAt: Date, endsAt: Date, rule: CheckInRule, override?: CheckInOverride): CheckInWindow {
  return {
    opensAt: override?.opensAt ?? new Date(startsAt.getTime() - rule.opensMinutesBefore * 60_000),
    closesAt: override?.closesAt ?? new Date(endsAt.getTime() + rule.closesMinutesAfterEnd * 60_000),
  };
}

export type WindowState = 'not_open' | 'open' | 'closed';

/** Open on [opensAt, closesAt): closing "now" closes at once. */
export function windowState(now: Date, window: CheckInWindow): WindowState {
  if (now < window.opensAt) return 'not_open';
  if (now >= window.closesAt) return 'closed';
  return 'open';
}

export type WindowAction = { action: 'open' } | { action: 'extend'; minutes: number } | { action: 'close' } | { action: 'reset' };

/** How long a window opened after it had closed stays open, when the secretary names no time. */
export const REOPEN_MINUTES = 30;

/**
 * The override after a secretary's action on the window as it stands now:
 * - open: opens now (if not open yet); a closed window reopens for REOPEN_MINUTES;
 * - extend: closes `minutes` later than it would (or than now, if already closed; a window
 *   already closed reopens so);
 * - close: closes now (and, if it had not opened, it never opens);
 * - reset: back to the rule's window.
 */
export function adjustWindow(now: Date, current: CheckInWindow, change: WindowAction): CheckInOverride {
  const at = (ms: number) => new Date(ms);
  switch (change.action) {
    case 'open': {
      const opensAt = current.opensAt > now ? now : current.opensAt;
      const closesAt = current.closesAt <= now ? at(now.getTime() + REOPEN_MINUTES * 60_000) : current.closesAt;
      return { opensAt, closesAt };
    }
    case 'extend': {
      const from = Math.max(current.closesAt.getTime(), now.getTime());
      return { opensAt: current.opensAt, closesAt: at(from + change.minutes * 60_000) };
    }
    case 'close':
      return { opensAt: current.opensAt > now ? now : current.opensAt, closesAt: now };
    case 'reset':
      return { opensAt: null, closesAt: null };
  }
}
