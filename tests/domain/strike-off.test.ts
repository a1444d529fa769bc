import { describe, expect, it } from 'vitest';
import { repeatedMonths, strikeOffLookback, strikeOffMonths, windowLookback } from '../../src/domain/strike-off.ts';

const rule = { strikeOffUnexcusedAbsences: 3, strikeOffWindowMonths: 12 };
const q2 = { from: '2026-04-01', to: '2026-06-30' };
const h1 = { from: '2026-01-01', to: '2026-06-30' };

describe('striking-off warning: 3 distinct months with an absence without reason within 12 months', () => {
  it.each([
    ['three absences in one March are one month', ['2026-03-05', '2026-03-12', '2026-03-26'], h1, null],
    ['February, March, April: raised for the half-year', ['2026-02-05', '2026-03-05', '2026-04-05'], h1, ['2026-02', '2026-03', '2026-04']],
    ['February, March, April: raised for Q2, looking back past its start', ['2026-02-05', '2026-03-05', '2026-04-05'], q2, ['2026-02', '2026-03', '2026-04']],
    ['January to March: reached before Q2, nothing in Q2', ['2026-01-05', '2026-02-05', '2026-03-05'], q2, null],
    ['May 2025, Dec 2025, April 2026: within 12 calendar months', ['2025-05-05', '2025-12-05', '2026-04-05'], q2, ['2025-05', '2025-12', '2026-04']],
    ['April 2025, Dec 2025, April 2026: 13 months apart', ['2025-04-30', '2025-12-05', '2026-04-01'], q2, null],
    ['two months only', ['2026-04-05', '2026-05-05', '2026-05-20'], q2, null],
    ['a later window inside the period', ['2025-01-05', '2026-04-05', '2026-05-05', '2026-06-05'], q2, ['2026-04', '2026-05', '2026-06']],
    ['absences after the period do not count', ['2026-05-05', '2026-06-05', '2026-07-05'], q2, null],
  ] as const)('%s', (_label, dates, period, months) => {
    expect(strikeOffMonths(dates, rule, period)).toEqual(months);
  });

  it('looks back 11 months before the report month', () => {
    expect(strikeOffLookback('2026-04-01', rule)).toBe('2025-05-01');
    expect(strikeOffLookback('2026-12-15', rule)).toBe('2026-01-01');
    expect(strikeOffLookback('2026-01-01', { ...rule, strikeOffWindowMonths: 6 })).toBe('2025-08-01');
  });
});

describe('the month window shared with dues', () => {
  it('takes months as well as dates, and looks back by window length', () => {
    expect(repeatedMonths(['2026-01', '2026-03', '2026-06'], { months: 3, windowMonths: 12 }, { from: '2026-06-01', to: '2026-06-30' })).toEqual([
      '2026-01',
      '2026-03',
      '2026-06',
    ]);
    expect(windowLookback('2026-06-15', 12)).toBe('2025-07-01');
  });
});
