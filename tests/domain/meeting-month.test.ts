import { describe, expect, it } from 'vitest';
import { dayInMonth, focusMonth, type MonthMeetingFacts, monthSteps, planDeadline, usualMeetingDay } from '../../src/domain/meeting-month.ts';

describe('planDeadline: the 20th of the month before', () => {
  it.each([
    ['2026-12', 20, '2026-11-20'],
    ['2026-01', 20, '2025-12-20'],
    ['2026-03', 28, '2026-02-28'],
  ])('%s, day %i → %s', (month, day, expected) => expect(planDeadline(month, day)).toBe(expected));
});

describe('usualMeetingDay', () => {
  it.each<[string[], number | null]>([
    [[], null],
    [['2026-05-05'], 5],
    [['2026-05-05', '2026-06-05', '2026-07-12'], 5],
    // A tie goes to the most recent habit.
    [['2026-05-05', '2026-06-12'], 12],
    // Only the last six count: the cell moved from the 3rd to the 10th.
    [['2025-01-03', '2025-02-03', '2025-03-03', '2025-04-03', '2025-05-10', '2025-06-10', '2025-07-10', '2025-08-10', '2025-09-03', '2025-10-03'], 10],
  ])('%j → %s', (dates, expected) => expect(usualMeetingDay(dates)).toBe(expected));
});

describe('dayInMonth', () => {
  it.each([
    ['2026-12', 5, '2026-12-05'],
    ['2026-02', 31, '2026-02-28'],
    ['2028-02', 30, '2028-02-29'],
  ])('%s day %i → %s', (month, day, expected) => expect(dayInMonth(month, day)).toBe(expected));
});

describe('focusMonth', () => {
  it('this month until its meeting is adopted, then the next', () => {
    expect(focusMonth('2026-11-30', false)).toBe('2026-11');
    expect(focusMonth('2026-11-30', true)).toBe('2026-12');
    expect(focusMonth('2026-12-31', true)).toBe('2027-01');
  });
});

const meeting = (over: Partial<NonNullable<MonthMeetingFacts['meeting']>> = {}): NonNullable<MonthMeetingFacts['meeting']> => ({
  heldOn: '2026-12-05',
  noticeSent: false,
  attendanceTaken: false,
  minutes: 'none',
  graded: false,
  ...over,
});
const states = (f: Omit<MonthMeetingFacts, 'month' | 'deadlineDay'>) =>
  monthSteps({ month: '2026-12', deadlineDay: 20, ...f })
    .map((s) => `${s.key}:${s.state}`)
    .join(' ');

describe('monthSteps', () => {
  it.each<[string, Omit<MonthMeetingFacts, 'month' | 'deadlineDay'>, string]>([
    [
      'not planned, before the deadline',
      { today: '2026-11-15', meeting: null },
      'plan:todo notice:waiting rollCall:waiting minutes:waiting grade:waiting adopt:waiting',
    ],
    [
      'not planned, past the 20th of the month before',
      { today: '2026-11-21', meeting: null },
      'plan:late notice:waiting rollCall:waiting minutes:waiting grade:waiting adopt:waiting',
    ],
    [
      'planned, no notice yet',
      { today: '2026-11-25', meeting: meeting() },
      'plan:done notice:todo rollCall:waiting minutes:waiting grade:waiting adopt:waiting',
    ],
    [
      'meeting day, notice not sent yet: still time to tell the members',
      { today: '2026-12-05', meeting: meeting() },
      'plan:done notice:todo rollCall:todo minutes:todo grade:todo adopt:waiting',
    ],
    [
      'the day after, notice never sent',
      { today: '2026-12-06', meeting: meeting({ attendanceTaken: true }) },
      'plan:done notice:late rollCall:done minutes:todo grade:todo adopt:waiting',
    ],
    [
      'held, roll and minutes done, not graded: adoption waits for the grade',
      { today: '2026-12-06', meeting: meeting({ noticeSent: true, attendanceTaken: true, minutes: 'draft' }) },
      'plan:done notice:done rollCall:done minutes:done grade:todo adopt:waiting',
    ],
    [
      'graded, not adopted after a week',
      { today: '2026-12-13', meeting: meeting({ noticeSent: true, attendanceTaken: true, minutes: 'draft', graded: true }) },
      'plan:done notice:done rollCall:done minutes:done grade:done adopt:late',
    ],
    [
      'all done',
      { today: '2026-12-13', meeting: meeting({ noticeSent: true, attendanceTaken: true, minutes: 'adopted', graded: true }) },
      'plan:done notice:done rollCall:done minutes:done grade:done adopt:done',
    ],
  ])('%s', (_, facts, expected) => expect(states(facts)).toBe(expected));
});
