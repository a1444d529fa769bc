import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays, addMonths, ageOn, daysInMonth, isoDate, lastDayOfMonth, monthsBetween } from '../../src/domain/calendar.ts';
import { completedMonths } from '../../src/domain/member-dates.ts';

describe('addDays', () => {
  it.each([
    ['2026-11-30', 1, '2026-12-01'],
    ['2026-12-31', 1, '2027-01-01'],
    ['2027-01-01', -1, '2026-12-31'],
    ['2024-02-28', 1, '2024-02-29'],
    ['2026-02-28', 1, '2026-03-01'],
    ['2024-02-29', 365, '2025-02-28'],
    ['2026-03-01', -366, '2025-02-28'],
    ['1945-09-02', 29_677, '2026-12-03'],
    ['2026-06-15', 0, '2026-06-15'],
    // Date's own reading of a day past the month's end, kept: 30/2 is 2/3.
    ['2026-02-30', 0, '2026-03-02'],
    // Years before 100 go through Date's parser (Date.UTC would read 0099 as 1999).
    ['0099-12-31', 1, '0100-01-01'],
  ])('%s + %i days = %s', (from, days, expected) => {
    expect(addDays(from, days)).toBe(expected);
  });

  it('a fraction of a day goes through Date, as before', () => {
    expect(addDays('2026-04-31', -1.7)).toBe('2026-04-30');
  });

  it.each(['2026-13-01', '2026-1-01', 'hôm nay', ''])('refuses %j as Date does', (text) => {
    expect(() => addDays(text, 1)).toThrow(RangeError);
  });
});

describe('isoDate', () => {
  it.each([Date.UTC(2026, 11, 3, 23, 59), Date.UTC(1900, 0, 1), Date.UTC(2000, 1, 29), -62_135_596_800_000])('%i reads as toISOString does', (time) => {
    expect(isoDate(time)).toBe(new Date(time).toISOString().slice(0, 10));
  });
});

describe('ageOn', () => {
  it.each([
    ['1980-12-03', '2026-12-03', 46],
    ['1980-12-04', '2026-12-03', 45],
    ['2004-02-29', '2026-02-28', 21],
  ])('born %s, on %s: %i', (born, on, age) => {
    expect(ageOn(born, on)).toBe(age);
  });
});

describe('months, counted by numbers (the dues ledger calls them millions of times)', () => {
  it.each([
    ['2025-01-31', 1, '2025-02-28'],
    ['2024-01-31', 1, '2024-02-29'],
    ['2024-02-29', 12, '2025-02-28'],
    ['2026-03-05', -2, '2026-01-05'],
    ['2026-01-15', -13, '2024-12-15'],
    ['2000-03-31', -1, '2000-02-29'],
    ['1900-03-31', -1, '1900-02-28'],
  ])('%s plus %i months is %s', (iso, months, expected) => expect(addMonths(iso, months)).toBe(expected));

  it('agree with the calendar of Date on every day from 1900 to 2100', () => {
    const day = fc.integer({ min: Date.UTC(1900, 0, 1) / 86_400_000, max: Date.UTC(2100, 11, 31) / 86_400_000 }).map((d) => isoDate(d * 86_400_000));
    fc.assert(
      fc.property(day, day, fc.integer({ min: -1200, max: 1200 }), (a, b, n) => {
        const [y, m, d] = a.split('-').map(Number) as [number, number, number];
        const first = new Date(Date.UTC(y, m - 1 + n, 1));
        const last = new Date(Date.UTC(first.getUTCFullYear(), first.getUTCMonth() + 1, 0)).getUTCDate();
        expect(addMonths(a, n)).toBe(isoDate(Date.UTC(first.getUTCFullYear(), first.getUTCMonth(), Math.min(d, last))));
        expect(lastDayOfMonth(a.slice(0, 7))).toBe(isoDate(Date.UTC(y, m, 0)));
        expect(daysInMonth(y, m)).toBe(new Date(Date.UTC(y, m, 0)).getUTCDate());
        // Whole months from a to b: the largest n with a + n months <= b.
        const whole = completedMonths(a, b);
        if (b < a) expect(whole).toBe(0);
        else {
          expect(addMonths(a, whole) <= b).toBe(true);
          expect(addMonths(a, whole + 1) > b).toBe(true);
        }
      }),
      { numRuns: 2000 },
    );
  });

  it('walks the months of a span, across years, and none when the span is reversed', () => {
    expect(monthsBetween('2025-11-20', '2026-02-01')).toEqual(['2025-11', '2025-12', '2026-01', '2026-02']);
    expect(monthsBetween('2026-03', '2026-03')).toEqual(['2026-03']);
    expect(monthsBetween('2026-04', '2026-03')).toEqual([]);
    expect(monthsBetween('9999-12', '9999-12')).toEqual(['9999-12']);
  });
});
