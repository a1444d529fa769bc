import { describe, expect, it } from 'vitest';
import { addDays } from '../../src/domain/calendar.ts';
import { lunarToSolar } from '../../src/domain/lunar-calendar.ts';
import { addWorkingDays, holidayRulesOn, holidaysOf, isWorkingDay, workingDaysBetween } from '../../src/domain/working-days.ts';
import { hasMessage } from '../../src/i18n/messages.ts';

describe('the lunar calendar is the Vietnamese one (UTC+7)', () => {
  it.each([
    [2024, '2024-02-10'],
    [2025, '2025-01-29'],
    [2026, '2026-02-17'],
    [2027, '2027-02-06'],
    // The Chinese calendar (UTC+8) has 18/2/2007 and 3/2/2030.
    [2007, '2007-02-17'],
    [2030, '2030-02-02'],
  ])('Tết %i is on %s', (year, date) => {
    expect(lunarToSolar(year, 1, 1)).toBe(date);
  });

  it.each([
    [2024, '2024-04-18'],
    [2025, '2025-04-07'],
    [2026, '2026-04-26'],
  ])('Giỗ Tổ Hùng Vương (10/3 âm lịch) %i is on %s', (year, date) => {
    expect(lunarToSolar(year, 3, 10)).toBe(date);
  });

  it('a year outside the library’s tables (1200–2199) is an error, not a wrong date', () => {
    expect(() => lunarToSolar(2200, 1, 1)).toThrow(RangeError);
  });
});

describe('working days', () => {
  it.each([
    ['a Friday', '2026-11-27', true],
    ['a Saturday', '2026-11-28', false],
    ['a Sunday', '2026-11-29', false],
    ['Tết Dương lịch', '2027-01-01', false],
    ['the Friday before Tết 2026', '2026-02-13', true],
    ['the last day of the lunar year (16/2/2026)', '2026-02-16', false],
    ['mùng 4 Tết 2026', '2026-02-20', false],
    ['the Monday after Tết 2026', '2026-02-23', true],
    ['Giỗ Tổ 2026 on a Sunday: the Monday after is a compensating day', '2026-04-27', false],
    ['the Tuesday between Giỗ Tổ and 30/4', '2026-04-28', true],
    ['30/4/2026', '2026-04-30', false],
    ['1/5/2026', '2026-05-01', false],
    ['1/9/2026, the day next to Quốc khánh', '2026-09-01', false],
    ['3/9/2026', '2026-09-03', true],
    ['1/9/2024 was a Sunday: 3/9 was the second day', '2024-09-03', false],
    ['2/9/2023 was a Saturday: compensated on Monday 4/9', '2023-09-04', false],
    ['Tết 2024 began on a Saturday: two compensating days follow mùng 4', '2024-02-15', false],
    ['the day after them', '2024-02-16', true],
    ['1/2/2030, the last day of the lunar year in Việt Nam (not in China)', '2030-02-01', false],
    ['3/9/2019: the Labour Code 2012 gave Quốc khánh one day', '2019-09-03', true],
    ['2/9/2019', '2019-09-02', false],
    ['Tết 2020 (Labour Code 2012) began on a Saturday: compensated on Wednesday 29/1', '2020-01-29', false],
  ] as const)('%s (%s): %s', (_label, date, working) => {
    expect(isWorkingDay(date)).toBe(working);
  });

  it('lists the holidays of 2026 with their names and compensating days', () => {
    const days = holidaysOf(2026, holidayRulesOn('2026-01-01').body);
    expect(days.map((h) => `${h.date} ${h.key}${h.compensating ? ' (bù)' : ''}`)).toEqual([
      '2026-01-01 new_year',
      '2026-02-16 tet',
      '2026-02-17 tet',
      '2026-02-18 tet',
      '2026-02-19 tet',
      '2026-02-20 tet',
      '2026-04-26 hung_kings',
      '2026-04-27 hung_kings (bù)',
      '2026-04-30 reunification',
      '2026-05-01 labour_day',
      '2026-09-01 national_day',
      '2026-09-02 national_day',
    ]);
  });

  it.each([
    ['the next working day after the Friday before Tết is after Tết week', '2026-02-13', 1, '2026-02-23'],
    ['a decision on Thursday 8/2/2024, Tết on a Saturday', '2024-02-08', 1, '2024-02-16'],
    ['30 working days from 15/12/2026 cross the year end and skip 1/1', '2026-12-15', 30, '2027-01-27'],
    ['30 working days from a decision on 2/2/2026 skip the Tết week', '2026-02-02', 30, '2026-03-23'],
    ['0 working days is the day itself', '2026-11-28', 0, '2026-11-28'],
  ] as const)('%s', (_label, from, n, deadline) => {
    expect(addWorkingDays(from, n)).toBe(deadline);
    expect(workingDaysBetween(from, deadline)).toBe(n);
  });

  it('a deadline from December 2020 into January 2021 reads each day under the Labour Code in force that day', () => {
    // 17/12/2020 + 11 working days: the 10th is 31/12/2020, 1/1/2021 (Tết Dương lịch) is skipped.
    expect(addWorkingDays('2020-12-17', 11)).toBe('2021-01-04');
  });

  it('counting back gives the number added, from any day of 2024–2027', () => {
    for (let d = '2024-01-01'; d < '2028-01-01'; d = addDays(d, 5)) {
      for (const n of [1, 5, 30]) {
        const deadline = addWorkingDays(d, n);
        expect(workingDaysBetween(d, deadline), `${d} + ${n}`).toBe(n);
        expect(isWorkingDay(deadline), `${deadline}`).toBe(true);
      }
    }
  });

  it('counts backwards as negative', () => {
    expect(workingDaysBetween('2026-02-23', '2026-02-13')).toBe(-1);
  });

  it('an admin adds a day off and a make-up working day for a year', () => {
    const adjustments = { daysOff: ['2026-12-31'], workingDays: ['2027-01-09'] };
    expect(isWorkingDay('2026-12-31', adjustments)).toBe(false);
    expect(isWorkingDay('2027-01-09', adjustments)).toBe(true);
    // One working day lost on 31/12 and one gained on Saturday 9/1: the deadline stays.
    expect(addWorkingDays('2026-12-15', 30, { daysOff: ['2026-12-31'], workingDays: [] })).toBe('2027-01-28');
    expect(addWorkingDays('2026-12-15', 30, adjustments)).toBe('2027-01-27');
  });

  it('refuses a negative number of working days', () => {
    expect(() => addWorkingDays('2026-01-05', -1)).toThrow(RangeError);
  });
});

describe('holiday names read in both languages', () => {
  it('every holiday key has a message', () => {
    for (const h of holidaysOf(2026, holidayRulesOn('2026-01-01').body)) {
      for (const lang of ['vi', 'en'] as const) expect(hasMessage(lang, `working_days.holiday.${h.key}`), `${lang} ${h.key}`).toBe(true);
    }
  });
});
