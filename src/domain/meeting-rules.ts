// The meeting rule set (HD 12-HD/BTCTW): the standard agenda of each kind of meeting, the
// number of focal issues, the check-in window, the compliance thresholds, the document
// size limit. Read with ruleSetInForce('meeting-rules', date, meetingRulesSchema).
import { z } from 'zod';
import type { MeetingKind } from '../db/types.ts';
import { type RuleSet, ruleSetInForce } from './rules/load-rule-set.ts';

export const meetingRulesSchema = z.object({
  agenda: z.object({
    regular: z.array(z.string()),
    thematic: z.array(z.string()),
    committee: z.array(z.string()),
    other: z.array(z.string()),
  }),
  focalIssues: z.object({ min: z.number().int().min(0), max: z.number().int().min(1) }),
  checkIn: z.object({ opensMinutesBefore: z.number().min(0), closesMinutesAfterEnd: z.number().min(0) }),
  compliance: z.object({
    planDeadlineDay: z.number().int().min(1).max(28),
    thematicPerQuarter: z.number().int().min(0),
    strikeOffUnexcusedAbsences: z.number().int().min(1),
    strikeOffWindowMonths: z.number().int().min(1),
  }),
  documents: z.object({ maxBytes: z.number().int().positive() }),
  /** The plan form's default day of the month, for a cell with no regular meeting yet to learn its own from. */
  plan: z.object({ usualDay: z.number().int().min(1).max(28) }).default({ usualDay: 5 }),
});
export type MeetingRules = z.infer<typeof meetingRulesSchema>;

/** Meetings of a cell's members: the roll is the cell (or its party group). */
export const CELL_MEETING_KINDS: readonly MeetingKind[] = ['regular', 'thematic', 'extraordinary'];
/** Meetings of a committee: the roll is the committee. */
export const COMMITTEE_MEETING_KINDS: readonly MeetingKind[] = ['committee', 'grassroots_committee'];

export function meetingRulesOn(date: string, candidates: readonly RuleSet[] = []): RuleSet<MeetingRules> {
  return ruleSetInForce('meeting-rules', date, meetingRulesSchema, candidates);
}

/** The standard agenda for a kind of meeting: the prefilled, editable list. */
export function standardAgenda(rules: MeetingRules, kind: MeetingKind): string[] {
  if (kind === 'regular') return rules.agenda.regular;
  if (kind === 'thematic') return rules.agenda.thematic;
  if (COMMITTEE_MEETING_KINDS.includes(kind)) return rules.agenda.committee;
  return rules.agenda.other;
}
