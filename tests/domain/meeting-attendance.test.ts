import { describe, expect, it } from 'vitest';
import { effectiveAttendance, longestExcusedStreak, type RollEntry, summariseAttendance } from '../../src/domain/meeting-attendance.ts';
import { missingForAdoption, missingFromMinutes, votesExceedPresent } from '../../src/domain/meeting-minutes.ts';
import { checkInWindow, windowState } from '../../src/domain/meeting-window.ts';

const e = (memberStatus: RollEntry['memberStatus'], attendance: RollEntry['attendance']): RollEntry => ({ memberStatus, attendance });

describe('attendance summary (HD 12)', () => {
  it('leaves exempted and suspended members out of the ratio but in the total', () => {
    const s = summariseAttendance([
      e('chinh_thuc', 'present'),
      e('chinh_thuc', 'present'),
      e('du_bi', 'present'),
      e('chinh_thuc', 'absent_excused'),
      e('mien_sinh_hoat', null),
      e('mien_sinh_hoat', 'present'),
      e('dinh_chi', null),
    ]);
    expect(s).toEqual({
      total: 7,
      full: 6,
      probationary: 1,
      exempted: 2,
      suspended: 1,
      onDuty: 0,
      expected: 4,
      present: 3,
      absentExcused: 1,
      absentUnexcused: 0,
      unmarked: 0,
      rate: 0.75,
    });
  });

  it.each([
    [
      'a full member on duty is out of the ratio',
      [e('chinh_thuc', 'present'), e('chinh_thuc', 'on_duty')],
      { full: 2, probationary: 0, onDuty: 1, expected: 1, rate: 1 },
    ],
    [
      'a probationary member on duty too',
      [e('du_bi', 'on_duty'), e('chinh_thuc', 'present'), e('chinh_thuc', 'absent_unexcused')],
      { full: 2, probationary: 1, onDuty: 1, expected: 2, rate: 0.5 },
    ],
    [
      'an exempted member is counted as exempted, not on duty',
      [e('mien_sinh_hoat', 'on_duty'), e('du_bi', 'present')],
      { full: 1, probationary: 1, onDuty: 0, exempted: 1, expected: 1, rate: 1 },
    ],
    ['everyone on duty: no ratio', [e('chinh_thuc', 'on_duty')], { total: 1, onDuty: 1, expected: 0, rate: null }],
  ] as const)('%s', (_label, entries, expected) => {
    expect(summariseAttendance(entries)).toMatchObject(expected);
  });

  it('has no rate when nobody is expected', () => {
    expect(summariseAttendance([e('mien_sinh_hoat', null)]).rate).toBeNull();
  });

  it.each([
    ['nothing recorded', null, null, null],
    ['checked in only', null, '08:00', 'present'],
    ['marked absent in advance, then checked in', ['absent_excused', '07:00'], '08:00', 'present'],
    ['checked in, then corrected by the secretary', ['absent_unexcused', '09:00'], '08:00', 'absent_unexcused'],
    ['roll call only', ['absent_excused', '08:00'], null, 'absent_excused'],
  ] as const)('%s', (_label, call, checkIn, expected) => {
    const d = (hhmm: string) => new Date(`2026-03-05T${hhmm}:00+07:00`);
    expect(effectiveAttendance(call ? { status: call[0], at: d(call[1]) } : null, checkIn ? d(checkIn) : null)).toBe(expected);
  });

  it.each([
    [[], 0],
    [['absent_excused', 'absent_excused', 'present', 'absent_excused'], 2],
    [['absent_excused', 'absent_excused', 'absent_excused', 'absent_excused'], 4],
    [['absent_excused', null, 'absent_excused'], 1],
    [['absent_unexcused', 'absent_excused'], 1],
  ] as const)('longest run of excused absences in %o is %i', (seq, n) => {
    expect(longestExcusedStreak(seq)).toBe(n);
  });
});

describe('check-in window', () => {
  const w = checkInWindow(new Date('2026-03-05T08:00:00+07:00'), new Date('2026-03-05T10:00:00+07:00'), { opensMinutesBefore: 30, closesMinutesAfterEnd: 0 });
  it.each([
    ['07:29', 'not_open'],
    ['07:30', 'open'],
    ['09:59', 'open'],
    // Open up to the planned end, not at it: a window the secretary closes "now" is closed at once.
    ['10:00', 'closed'],
    ['10:01', 'closed'],
  ] as const)('at %s it is %s', (time, state) => {
    expect(windowState(new Date(`2026-03-05T${time}:00+07:00`), w)).toBe(state);
  });
});

describe('minutes rules', () => {
  it.each([
    [{ for: 10, against: 0, abstain: 0 }, 10, null],
    [{ for: 8, against: 1, abstain: 1 }, 10, null],
    [{ for: 9, against: 1, abstain: 1 }, 10, { total: 11, present: 10 }],
    [{ for: 1, against: 0, abstain: 0 }, 0, { total: 1, present: 0 }],
  ] as const)('votes %o with %i present', (votes, present, expected) => {
    expect(votesExceedPresent(votes, present)).toEqual(expected);
  });

  it("lists what a regular meeting's minutes lack", () => {
    expect(missingFromMinutes('regular', { chairName: 'A', agendaItems: [{ title: 'x', summary: '' }] }, { unmarked: 2 })).toEqual([
      'openedAt',
      'closedAt',
      'minuteTakerName',
      'attendance',
      'agendaItems',
      'previousResolutionReview',
      'conclusions',
      'resolutionItems',
      'votes',
    ]);
    expect(
      missingFromMinutes(
        'committee',
        { openedAt: '08:00', closedAt: '09:00', chairName: 'A', minuteTakerName: 'B', agendaItems: [{ title: 'x', summary: 'y' }], conclusions: 'z' },
        { unmarked: 0 },
      ),
    ).toEqual([]);
  });

  it('needs the chair, the minute-taker, the roll and the vote for adoption', () => {
    expect(missingForAdoption('regular', {}, { unmarked: 1 })).toEqual(['chairName', 'minuteTakerName', 'attendance', 'votes']);
    expect(missingForAdoption('committee', { chairName: 'A', minuteTakerName: 'B' }, { unmarked: 0 })).toEqual([]);
  });
});
