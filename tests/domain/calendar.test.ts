import { describe, expect, it } from 'vitest';
import { addDays, ageOn, isoDate } from '../../src/domain/calendar.ts';

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
