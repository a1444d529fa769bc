// Grading a meeting against a meeting-quality scale (a rule set): each criterion carries
// points; criteria the data answers are checked automatically, the rest are ticked by
// the chair; the band is the best one whose minimum points are reached and whose
// required criteria are all met. A meeting that misses any HD 12 condition
// (meeting-checklist.ts) cannot reach the top band, whatever its points.
import { z } from 'zod';
import { type ChecklistKey, unmetConditions } from './meeting-checklist.ts';

export const QUALITY_GRADES = ['tot', 'kha', 'trung_binh', 'kem'] as const;
export type QualityGrade = (typeof QUALITY_GRADES)[number];

export const AUTO_CHECKS = [
  'attendance_rate_above',
  'no_unexcused_absence',
  'max_excused_streak',
  'committee_met_before',
  'draft_resolution_prepared',
  'min_duration_minutes',
  'minutes_complete',
  'previous_resolution_done',
] as const;

const label = z.object({ vi: z.string().min(1).max(500), en: z.string().min(1).max(500) });

export const qualityScaleSchema = z
  .object({
    notes: label.optional(),
    criteria: z
      .array(
        z.object({
          key: z.string().regex(/^[a-z0-9_]{1,50}$/),
          label,
          points: z.number().min(0).max(1000),
          auto: z.object({ check: z.enum(AUTO_CHECKS), value: z.number().optional() }).optional(),
        }),
      )
      .min(1)
      .max(100),
    bands: z
      .array(
        z.object({
          grade: z.enum(QUALITY_GRADES),
          minPoints: z.number().min(0),
          requires: z.array(z.string()).optional(),
        }),
      )
      .min(1)
      .max(10),
  })
  .superRefine((scale, ctx) => {
    const keys = new Set(scale.criteria.map((c) => c.key));
    if (keys.size !== scale.criteria.length) ctx.addIssue({ code: 'custom', message: 'meetings.scale_duplicate_key', path: ['criteria'] });
    for (const [i, band] of scale.bands.entries()) {
      for (const key of band.requires ?? []) {
        if (!keys.has(key)) ctx.addIssue({ code: 'custom', message: 'meetings.scale_unknown_criterion', path: ['bands', i, 'requires'] });
      }
    }
    if (!scale.bands.some((b) => b.minPoints === 0)) ctx.addIssue({ code: 'custom', message: 'meetings.scale_needs_floor', path: ['bands'] });
  });
export type QualityScale = z.infer<typeof qualityScaleSchema>;

/** What the data says about a meeting, for the automatic criteria. */
export interface QualityFacts {
  attendanceRate: number | null;
  /** Expected members with nothing recorded yet. */
  unmarked: number;
  unexcusedAbsences: number;
  longestExcusedStreak: number;
  committeeMetBefore: boolean;
  /** The committee agreed the content and prepared a draft resolution (both). */
  draftResolutionPrepared: boolean;
  /** From the opening and closing times written in the minutes only; null when either is missing. */
  durationMinutes: number | null;
  minutesComplete: boolean;
  /** Recorded per meeting by the secretary; null while not said. */
  previousResolutionDone: boolean | null;
}

export interface CriterionResult {
  key: string;
  points: number;
  auto: boolean;
  met: boolean;
  earned: number;
}
export interface QualityResult {
  criteria: CriterionResult[];
  points: number;
  maxPoints: number;
  grade: QualityGrade;
  /** The grade the points would give, had every HD 12 condition been met. */
  uncappedGrade: QualityGrade;
  /** The HD 12 conditions not met that kept the meeting below the top band (empty when not capped). */
  cappedBy: ChecklistKey[];
}

function autoMet(check: (typeof AUTO_CHECKS)[number], value: number | undefined, f: QualityFacts): boolean {
  switch (check) {
    case 'attendance_rate_above':
      return f.attendanceRate !== null && f.attendanceRate > (value ?? 0.85);
    case 'no_unexcused_absence':
      return f.unexcusedAbsences === 0;
    case 'max_excused_streak':
      return f.longestExcusedStreak <= (value ?? 3);
    case 'committee_met_before':
      return f.committeeMetBefore;
    case 'draft_resolution_prepared':
      return f.draftResolutionPrepared;
    case 'min_duration_minutes':
      return f.durationMinutes !== null && f.durationMinutes >= (value ?? 90);
    case 'minutes_complete':
      return f.minutesComplete;
    case 'previous_resolution_done':
      return f.previousResolutionDone === true;
  }
}

/** `checklist`: whether HD 12's conditions cap the grade (a cell meeting; see checklistApplies). */
export function gradeMeeting(scale: QualityScale, facts: QualityFacts, ticks: Readonly<Record<string, boolean>>, checklist = true): QualityResult {
  const criteria = scale.criteria.map((c) => {
    const met = c.auto ? autoMet(c.auto.check, c.auto.value, facts) : ticks[c.key] === true;
    return { key: c.key, points: c.points, auto: Boolean(c.auto), met, earned: met ? c.points : 0 };
  });
  const points = criteria.reduce((sum, c) => sum + c.earned, 0);
  const maxPoints = criteria.reduce((sum, c) => sum + c.points, 0);
  const metKeys = new Set(criteria.filter((c) => c.met).map((c) => c.key));
  const bands = [...scale.bands].sort((a, b) => b.minPoints - a.minPoints);
  const reached = (b: (typeof bands)[number]) => points >= b.minPoints && (b.requires ?? []).every((k) => metKeys.has(k));
  const band = bands.find(reached);
  const uncappedGrade = band?.grade ?? 'kem';
  const unmet = checklist ? unmetConditions(facts) : [];
  const top = bands[0]!;
  if (unmet.length === 0 || band !== top) return { criteria, points, maxPoints, grade: uncappedGrade, uncappedGrade, cappedBy: [] };
  const below = bands.filter((b) => b.minPoints < top.minPoints && b.grade !== top.grade).find(reached);
  return { criteria, points, maxPoints, grade: below?.grade ?? 'kem', uncappedGrade, cappedBy: unmet };
}
