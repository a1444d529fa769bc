import { describe, expect, it } from 'vitest';
import { addMonths } from '../../src/domain/calendar.ts';
import { earliestAdmission, earliestRecognition, membershipDateProblems, statusFromDates } from '../../src/domain/member-dates.ts';

describe('membership dates (Điều lệ Đảng: 18 at admission, 12 months of probation)', () => {
  it.each([
    ['2024-01-15', 12, '2025-01-15'],
    ['2024-02-29', 12, '2025-02-28'],
    ['2023-03-31', 11, '2024-02-29'],
    ['2025-12-31', 1, '2026-01-31'],
    ['2006-05-17', 216, '2024-05-17'],
  ])('%s plus %i months is %s', (from, months, expected) => {
    expect(addMonths(from, months)).toBe(expected);
  });

  it('the earliest admission is the 18th birthday, the earliest recognition 12 months after admission', () => {
    expect(earliestAdmission('2008-02-29')).toBe('2026-02-28');
    expect(earliestRecognition('2025-03-10')).toBe('2026-03-10');
  });

  it.each([
    [{ dateOfBirth: '2020-01-01', admittedOn: '2026-01-01', fullMemberOn: null }, [{ field: 'admittedOn', kind: 'under_age', earliest: '2038-01-01' }]],
    [{ dateOfBirth: '2006-05-17', admittedOn: '2024-05-16', fullMemberOn: null }, [{ field: 'admittedOn', kind: 'under_age', earliest: '2024-05-17' }]],
    [{ dateOfBirth: '2006-05-17', admittedOn: '2024-05-17', fullMemberOn: null }, []],
    [
      { dateOfBirth: '1980-01-01', admittedOn: '2025-03-10', fullMemberOn: '2025-04-10' },
      [{ field: 'fullMemberOn', kind: 'probation_too_short', earliest: '2026-03-10' }],
    ],
    [
      { dateOfBirth: '1980-01-01', admittedOn: '2025-03-10', fullMemberOn: '2026-03-09' },
      [{ field: 'fullMemberOn', kind: 'probation_too_short', earliest: '2026-03-10' }],
    ],
    [{ dateOfBirth: '1980-01-01', admittedOn: '2025-03-10', fullMemberOn: '2026-03-10' }, []],
    [{ dateOfBirth: '1980-01-01', admittedOn: null, fullMemberOn: '2026-03-10' }, []],
  ])('%o → %o', (dates, expected) => {
    expect(membershipDateProblems(dates)).toEqual(expected);
  });

  it.each([
    [null, 'du_bi'],
    ['2026-12-01', 'du_bi'],
    ['2026-11-30', 'chinh_thuc'],
    ['2010-01-01', 'chinh_thuc'],
  ] as const)('recognised on %s → %s on 30/11/2026', (fullMemberOn, status) => {
    expect(statusFromDates(fullMemberOn, '2026-11-30')).toBe(status);
  });
});
