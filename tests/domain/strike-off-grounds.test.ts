// Table test of the grounds for proposing to strike off: absences without reason and
// unpaid dues, each 3 distinct months within 12, judged for a period.
import { describe, expect, it } from 'vitest';
import { strikeOffGrounds } from '../../src/domain/strike-off-grounds.ts';

const rules = { meetings: { strikeOffUnexcusedAbsences: 3, strikeOffWindowMonths: 12 }, dues: { months: 3, windowMonths: 12 } };
const year2026 = { from: '2026-01-01', to: '2026-12-31' };

describe('strikeOffGrounds', () => {
  it.each([
    { name: 'nothing missed', absences: [], unpaid: [], expected: [] },
    { name: 'two months of absence only', absences: ['2026-02-05', '2026-03-05'], unpaid: [], expected: [] },
    {
      name: 'three absences in one month count once',
      absences: ['2026-03-01', '2026-03-15', '2026-03-29'],
      unpaid: [],
      expected: [],
    },
    {
      name: 'absent without reason in March, May and September',
      absences: ['2026-03-05', '2026-05-05', '2026-09-05'],
      unpaid: [],
      expected: [{ reason: 'absence', months: ['2026-03', '2026-05', '2026-09'] }],
    },
    {
      name: 'three months spread over more than a year do not count',
      absences: ['2025-01-05', '2025-08-05', '2026-01-05'],
      unpaid: [],
      expected: [],
    },
    {
      name: 'dues unpaid January to March, window reaching back before the period',
      absences: [],
      unpaid: ['2025-12', '2026-01', '2026-02'],
      expected: [{ reason: 'dues', months: ['2025-12', '2026-01', '2026-02'] }],
    },
    {
      name: 'both grounds',
      absences: ['2026-04-05', '2026-05-05', '2026-06-05'],
      unpaid: ['2026-07', '2026-08', '2026-10'],
      expected: [
        { reason: 'absence', months: ['2026-04', '2026-05', '2026-06'] },
        { reason: 'dues', months: ['2026-07', '2026-08', '2026-10'] },
      ],
    },
  ])('$name', ({ absences, unpaid, expected }) => {
    expect(strikeOffGrounds({ absenceDates: absences, unpaidMonths: unpaid }, rules, year2026)).toEqual(expected);
  });
});
