// Rules about the minutes (biên bản) of a meeting: vote counts cannot exceed those
// present, and what a complete record must contain (HD 12 sequence).
import type { MeetingKind } from '../db/types.ts';
import type { AttendanceSummary } from './meeting-attendance.ts';

export interface Votes {
  for: number;
  against: number;
  abstain: number;
}

/** The parts of the minutes that completeness looks at. */
export interface MinutesFacts {
  openedAt?: string | null;
  closedAt?: string | null;
  chairName?: string | null;
  minuteTakerName?: string | null;
  agendaItems?: readonly { title: string; summary?: string | null }[];
  previousResolutionReview?: string | null;
  conclusions?: string | null;
  resolutionItems?: readonly string[];
  votes?: Votes | null;
}

/** Null when the votes fit the attendance; otherwise the numbers for the message. */
export function votesExceedPresent(votes: Votes, present: number): { total: number; present: number } | null {
  const total = votes.for + votes.against + votes.abstain;
  return total > present ? { total, present } : null;
}

const filled = (v: string | null | undefined) => typeof v === 'string' && v.trim().length > 0;

/** Kinds whose minutes end in a resolution voted by the cell. */
const RESOLVING_KINDS: readonly MeetingKind[] = ['regular', 'thematic', 'extraordinary'];

/**
 * What is missing from the minutes, as field names (empty = complete). The roll must be
 * fully marked too: every expected member present or absent, with or without reason.
 */
export function missingFromMinutes(kind: MeetingKind, m: MinutesFacts, attendance: Pick<AttendanceSummary, 'unmarked'>): string[] {
  const missing: string[] = [];
  if (!filled(m.openedAt)) missing.push('openedAt');
  if (!filled(m.closedAt)) missing.push('closedAt');
  if (!filled(m.chairName)) missing.push('chairName');
  if (!filled(m.minuteTakerName)) missing.push('minuteTakerName');
  if (attendance.unmarked > 0) missing.push('attendance');
  const items = m.agendaItems ?? [];
  if (items.length === 0 || items.some((i) => !filled(i.summary))) missing.push('agendaItems');
  if (kind === 'regular' && !filled(m.previousResolutionReview)) missing.push('previousResolutionReview');
  if (!filled(m.conclusions)) missing.push('conclusions');
  if (RESOLVING_KINDS.includes(kind)) {
    if ((m.resolutionItems ?? []).filter(filled).length === 0) missing.push('resolutionItems');
    if (!m.votes) missing.push('votes');
  }
  return missing;
}

/** What adoption needs at the least: who chaired, who wrote, the roll, and the vote. */
export function missingForAdoption(kind: MeetingKind, m: MinutesFacts, attendance: Pick<AttendanceSummary, 'unmarked'>): string[] {
  const missing: string[] = [];
  if (!filled(m.chairName)) missing.push('chairName');
  if (!filled(m.minuteTakerName)) missing.push('minuteTakerName');
  if (attendance.unmarked > 0) missing.push('attendance');
  if (RESOLVING_KINDS.includes(kind) && !m.votes) missing.push('votes');
  return missing;
}
