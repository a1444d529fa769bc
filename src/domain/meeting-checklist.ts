// The conditions of a meeting "of quality" as HD 12-HD/BTCTW writes them (RULES §2), as a
// checklist: each one met, not met or not known yet, with the reason and its numbers.
// A meeting missing any of them cannot reach the top band of any scale (meeting-quality.ts
// caps the grade), whatever points a province's scale gives.
import type { MeetingKind } from '../db/types.ts';
import type { QualityFacts } from './meeting-quality.ts';
import { CELL_MEETING_KINDS } from './meeting-rules.ts';

export const CHECKLIST_KEYS = [
  'attendance',
  'no_unexcused_absence',
  'no_excused_streak',
  'committee_met',
  'content_prepared',
  'duration',
  'minutes_complete',
  'previous_resolution_done',
] as const;
export type ChecklistKey = (typeof CHECKLIST_KEYS)[number];
export type ConditionState = 'met' | 'not_met' | 'unknown';

/** HD 12 sets these conditions for the cell's own meetings, not for the committee's. */
export const checklistApplies = (kind: MeetingKind) => CELL_MEETING_KINDS.includes(kind);

/** HD 12's numbers: attendance above 85%, absent with reason at most 3 meetings in a row, 90 minutes. */
export const HD12 = { minAttendanceRate: 0.85, maxExcusedStreak: 3, minMinutes: 90 } as const;

/** What each condition is, from the facts alone: the one rule, used by the checklist and the grade cap. */
export function checklistStates(f: QualityFacts): Record<ChecklistKey, ConditionState> {
  const marked = f.unmarked === 0;
  return {
    // Unmarked members are in the denominator already: above 85% stays above once they are marked.
    attendance: f.attendanceRate === null ? 'unknown' : f.attendanceRate > HD12.minAttendanceRate ? 'met' : marked ? 'not_met' : 'unknown',
    no_unexcused_absence: f.unexcusedAbsences > 0 ? 'not_met' : marked ? 'met' : 'unknown',
    no_excused_streak: f.longestExcusedStreak > HD12.maxExcusedStreak ? 'not_met' : 'met',
    committee_met: f.committeeMetBefore ? 'met' : 'not_met',
    content_prepared: f.draftResolutionPrepared ? 'met' : 'not_met',
    // Only the times written in the minutes count: missing times are not 90 minutes.
    duration: f.durationMinutes !== null && f.durationMinutes >= HD12.minMinutes ? 'met' : 'not_met',
    minutes_complete: f.minutesComplete ? 'met' : 'not_met',
    previous_resolution_done: f.previousResolutionDone === null ? 'unknown' : f.previousResolutionDone ? 'met' : 'not_met',
  };
}

/** The conditions not met (or not known yet): any of them keeps the meeting out of the top band. */
export function unmetConditions(f: QualityFacts): ChecklistKey[] {
  const states = checklistStates(f);
  return CHECKLIST_KEYS.filter((k) => states[k] !== 'met');
}

/** The names and times behind the facts, for the reasons shown beside each condition. */
export interface ChecklistDetails {
  expected: number;
  present: number;
  exempted: number;
  onDuty: number;
  unmarked: number;
  unexcusedNames: readonly string[];
  /** Members whose run of "absent with reason" this year is longer than HD 12 allows. */
  excusedStreaks: readonly { fullName: string; streak: number }[];
  /** The date of the committee's pre-meeting, when one was recorded. */
  committeeMetOn: string | null;
  agreedContent: boolean;
  draftResolution: boolean;
  /** 'HH:MM' as written in the minutes, or null. */
  openedAt: string | null;
  closedAt: string | null;
  /** Fields the minutes still lack; null when there are no minutes. */
  minutesMissing: readonly string[] | null;
}

export interface ChecklistItem {
  key: ChecklistKey;
  state: ConditionState;
  /** Message key of the reason (meetings.checklist.<key>.<why>) and its values. */
  reason: string;
  params: Record<string, string | number>;
}

function why(key: ChecklistKey, state: ConditionState, f: QualityFacts, d: ChecklistDetails): [string, Record<string, string | number>] {
  switch (key) {
    case 'attendance': {
      const p = { present: d.present, expected: d.expected, exempted: d.exempted, onDuty: d.onDuty, unmarked: d.unmarked };
      if (d.expected === 0) return ['nobody_expected', p];
      if (state === 'unknown') return ['unmarked', p];
      return [state === 'met' ? 'above' : 'below', p];
    }
    case 'no_unexcused_absence':
      if (state === 'not_met') return ['absent', { n: d.unexcusedNames.length, names: d.unexcusedNames.join('; ') }];
      return [state === 'met' ? 'none' : 'unmarked', { unmarked: d.unmarked }];
    case 'no_excused_streak':
      if (state === 'not_met') {
        return ['too_long', { max: HD12.maxExcusedStreak, names: d.excusedStreaks.map((s) => `${s.fullName} (${s.streak})`).join('; ') }];
      }
      return ['none', { max: HD12.maxExcusedStreak }];
    case 'committee_met':
      return state === 'met' && d.committeeMetOn ? ['met_on', { date: d.committeeMetOn }] : ['not_recorded', {}];
    case 'content_prepared':
      if (state === 'met') return ['both', {}];
      if (!d.agreedContent && !d.draftResolution) return ['neither', {}];
      return [d.agreedContent ? 'no_draft' : 'no_content', {}];
    case 'duration':
      if (!d.openedAt || !d.closedAt) return ['times_missing', { min: HD12.minMinutes }];
      if (f.durationMinutes === null) return ['times_wrong', { from: d.openedAt, to: d.closedAt }];
      return [state === 'met' ? 'long_enough' : 'too_short', { from: d.openedAt, to: d.closedAt, n: f.durationMinutes, min: HD12.minMinutes }];
    case 'minutes_complete':
      if (d.minutesMissing === null) return ['no_minutes', {}];
      return state === 'met' ? ['complete', {}] : ['missing', { n: d.minutesMissing.length }];
    case 'previous_resolution_done':
      return [state === 'met' ? 'done' : state === 'not_met' ? 'not_done' : 'not_recorded', {}];
  }
}

/** The HD 12 checklist of one meeting, in HD 12's order. */
export function qualityChecklist(f: QualityFacts, d: ChecklistDetails): ChecklistItem[] {
  const states = checklistStates(f);
  return CHECKLIST_KEYS.map((key) => {
    const [reason, params] = why(key, states[key], f, d);
    return { key, state: states[key], reason: `meetings.checklist.${key}.${reason}`, params };
  });
}
