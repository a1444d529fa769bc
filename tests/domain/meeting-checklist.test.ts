import { describe, expect, it } from 'vitest';
import { type ChecklistDetails, checklistApplies, checklistStates, qualityChecklist, unmetConditions } from '../../src/domain/meeting-checklist.ts';
import type { QualityFacts } from '../../src/domain/meeting-quality.ts';

const good: QualityFacts = {
  attendanceRate: 0.9,
  unmarked: 0,
  unexcusedAbsences: 0,
  longestExcusedStreak: 1,
  committeeMetBefore: true,
  draftResolutionPrepared: true,
  durationMinutes: 120,
  minutesComplete: true,
  previousResolutionDone: true,
};
const details: ChecklistDetails = {
  expected: 10,
  present: 9,
  exempted: 1,
  onDuty: 1,
  unmarked: 0,
  unexcusedNames: [],
  excusedStreaks: [],
  committeeMetOn: '2026-03-02',
  agreedContent: true,
  draftResolution: true,
  openedAt: '08:00',
  closedAt: '10:00',
  minutesMissing: [],
};

describe('the HD 12 checklist of a meeting "of quality"', () => {
  it.each([
    ['regular', true],
    ['thematic', true],
    ['extraordinary', true],
    ['committee', false],
    ['grassroots_committee', false],
  ] as const)('applies to a %s meeting: %s', (kind, applies) => {
    expect(checklistApplies(kind)).toBe(applies);
  });

  it('is all met for a good meeting', () => {
    expect(unmetConditions(good)).toEqual([]);
    expect(qualityChecklist(good, details).map((c) => [c.key, c.state])).toEqual([
      ['attendance', 'met'],
      ['no_unexcused_absence', 'met'],
      ['no_excused_streak', 'met'],
      ['committee_met', 'met'],
      ['content_prepared', 'met'],
      ['duration', 'met'],
      ['minutes_complete', 'met'],
      ['previous_resolution_done', 'met'],
    ]);
  });

  it.each([
    ['attendance exactly 85% is not above 85%', { attendanceRate: 0.85 }, 'attendance', 'not_met'],
    ['attendance 85.7% (6 of 7)', { attendanceRate: 6 / 7 }, 'attendance', 'met'],
    ['below 85% with members still unmarked is not known yet', { attendanceRate: 0.5, unmarked: 3 }, 'attendance', 'unknown'],
    ['above 85% with one unmarked stays above', { attendanceRate: 0.9, unmarked: 1 }, 'attendance', 'met'],
    ['nobody expected', { attendanceRate: null }, 'attendance', 'unknown'],
    ['one absence without reason', { unexcusedAbsences: 1 }, 'no_unexcused_absence', 'not_met'],
    ['nobody absent but some unmarked', { unmarked: 2 }, 'no_unexcused_absence', 'unknown'],
    ['absent with reason 3 in a row is fine', { longestExcusedStreak: 3 }, 'no_excused_streak', 'met'],
    ['absent with reason 4 in a row is not', { longestExcusedStreak: 4 }, 'no_excused_streak', 'not_met'],
    ['no committee pre-meeting', { committeeMetBefore: false }, 'committee_met', 'not_met'],
    ['no draft resolution', { draftResolutionPrepared: false }, 'content_prepared', 'not_met'],
    ['90 minutes', { durationMinutes: 90 }, 'duration', 'met'],
    ['89 minutes', { durationMinutes: 89 }, 'duration', 'not_met'],
    ['no times in the minutes: not met, never the planned times', { durationMinutes: null }, 'duration', 'not_met'],
    ['minutes incomplete', { minutesComplete: false }, 'minutes_complete', 'not_met'],
    ['previous resolution not carried out', { previousResolutionDone: false }, 'previous_resolution_done', 'not_met'],
    ['previous resolution not said', { previousResolutionDone: null }, 'previous_resolution_done', 'unknown'],
  ] as const)('%s', (_label, change, key, state) => {
    const f = { ...good, ...change };
    expect(checklistStates(f)[key]).toBe(state);
    expect(unmetConditions(f).includes(key)).toBe(state !== 'met');
  });

  it.each([
    ['attendance', good, details, 'meetings.checklist.attendance.above', { present: 9, expected: 10, exempted: 1, onDuty: 1 }],
    [
      'no_unexcused_absence',
      { ...good, unexcusedAbsences: 2 },
      { ...details, unexcusedNames: ['Lê Văn Cường', 'Hoàng Văn Em'] },
      'meetings.checklist.no_unexcused_absence.absent',
      { n: 2, names: 'Lê Văn Cường; Hoàng Văn Em' },
    ],
    [
      'no_excused_streak',
      { ...good, longestExcusedStreak: 4 },
      { ...details, excusedStreaks: [{ fullName: 'Phạm Thị Dung', streak: 4 }] },
      'meetings.checklist.no_excused_streak.too_long',
      { max: 3, names: 'Phạm Thị Dung (4)' },
    ],
    ['committee_met', { ...good, committeeMetBefore: false }, { ...details, committeeMetOn: null }, 'meetings.checklist.committee_met.not_recorded', {}],
    [
      'content_prepared',
      { ...good, draftResolutionPrepared: false },
      { ...details, draftResolution: false },
      'meetings.checklist.content_prepared.no_draft',
      {},
    ],
    ['duration', { ...good, durationMinutes: 89 }, { ...details, closedAt: '09:29' }, 'meetings.checklist.duration.too_short', { n: 89, min: 90 }],
    ['duration', { ...good, durationMinutes: null }, { ...details, closedAt: null }, 'meetings.checklist.duration.times_missing', { min: 90 }],
    ['minutes_complete', { ...good, minutesComplete: false }, { ...details, minutesMissing: null }, 'meetings.checklist.minutes_complete.no_minutes', {}],
    ['previous_resolution_done', { ...good, previousResolutionDone: null }, details, 'meetings.checklist.previous_resolution_done.not_recorded', {}],
  ] as const)('says why for %s', (key, f, d, reason, params) => {
    const item = qualityChecklist(f, d).find((c) => c.key === key)!;
    expect(item.reason).toBe(reason);
    expect(item.params).toMatchObject(params);
  });
});
