// When a member may check in by themselves: from a set time before the start until the
// end of the meeting (the rule set says how long before). Outside it, only the secretary
// records attendance.
export interface CheckInRule {
  opensMinutesBefore: number;
  closesMinutesAfterEnd: number;
}

export interface CheckInWindow {
  opensAt: Date;
  closesAt: Date;
}

export function checkInWindow(startsAt: Date, endsAt: Date, rule: CheckInRule): CheckInWindow {
  return {
    opensAt: new Date(startsAt.getTime() - rule.opensMinutesBefore * 60_000),
    closesAt: new Date(endsAt.getTime() + rule.closesMinutesAfterEnd * 60_000),
  };
}

export type WindowState = 'not_open' | 'open' | 'closed';

export function windowState(now: Date, window: CheckInWindow): WindowState {
  if (now < window.opensAt) return 'not_open';
  if (now > window.closesAt) return 'closed';
  return 'open';
}
