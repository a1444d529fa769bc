// The secretary's hold on the check-in window (issue 8 item 8): open early, extend, close,
// back to the rule — and the state every page shows comes from the same windowState.
import { describe, expect, it } from 'vitest';
import { adjustWindow, type CheckInWindow, checkInWindow, type WindowAction, windowState } from '../../src/domain/meeting-window.ts';

const at = (hhmm: string) => new Date(`2026-03-05T${hhmm}:00+07:00`);
const rule = { opensMinutesBefore: 30, closesMinutesAfterEnd: 0 };
const byRule = checkInWindow(at('08:00'), at('10:00'), rule);
const hm = (d: Date | null) => (d ? new Date(d.getTime() + 7 * 3600_000).toISOString().slice(11, 16) : null);

describe('the window a secretary adjusts', () => {
  it.each<[string, string, CheckInWindow, WindowAction, string | null, string | null, string]>([
    ['opens early, before the rule would', '07:00', byRule, { action: 'open' }, '07:00', '10:00', 'open'],
    ['open while already open changes nothing', '07:45', byRule, { action: 'open' }, '07:30', '10:00', 'open'],
    ['reopens a closed window for 30 minutes', '10:20', byRule, { action: 'open' }, '07:30', '10:50', 'open'],
    ['extends an open window by the minutes given', '09:50', byRule, { action: 'extend', minutes: 15 }, '07:30', '10:15', 'open'],
    ['extends a closed window from now', '10:30', byRule, { action: 'extend', minutes: 15 }, '07:30', '10:45', 'open'],
    ['extends before opening: it still opens by the rule', '07:00', byRule, { action: 'extend', minutes: 15 }, '07:30', '10:15', 'not_open'],
    ['closes now', '08:20', byRule, { action: 'close' }, '07:30', '08:20', 'closed'],
    ['closing before it opened: it never opens', '07:00', byRule, { action: 'close' }, '07:00', '07:00', 'closed'],
    ['reset goes back to the rule', '08:20', { opensAt: at('07:00'), closesAt: at('08:20') }, { action: 'reset' }, null, null, 'open'],
  ])('%s', (_, now, current, change, opensAt, closesAt, state) => {
    const next = adjustWindow(at(now), current, change);
    expect([hm(next.opensAt), hm(next.closesAt)]).toEqual([opensAt, closesAt]);
    expect(windowState(at(now), checkInWindow(at('08:00'), at('10:00'), rule, next))).toBe(state);
  });
});
