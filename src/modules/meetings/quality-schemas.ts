import { z } from 'zod';
import { CHECKLIST_KEYS } from '../../domain/meeting-checklist.ts';
import { qualityScaleSchema } from '../../domain/meeting-quality.ts';
import { recordId, recordIdText } from '../../http/record-id.ts';
import { isoDate } from '../units/schemas.ts';
import { qualityGrade, text } from './schemas.ts';

export const gradeBody = z.strictObject({
  /** The chair's ticks for the criteria the data cannot answer. */
  ticks: z.record(z.string().max(50), z.boolean()).refine((ticks) => Object.keys(ticks).length <= 100, { message: 'meetings.too_many_ticks' }),
});

export const previousResolutionBody = z.strictObject({
  /** Whether the previous resolution was carried out; null: not said yet. */
  done: z.boolean().nullable(),
});

const scaleRef = z.object({
  code: z.string(),
  version: z.string(),
  title: z.string(),
  source: z.string(),
  origin: z.enum(['builtin', 'unit']),
  unitId: z.number().nullable(),
  use: z.enum(['default', 'template']),
  effectiveFrom: z.string(),
  effectiveTo: z.string().nullable(),
});

export const qualityOut = z.object({
  meetingId: z.number(),
  scale: scaleRef.extend({
    notes: z.string().nullable(),
    bands: z.array(z.object({ grade: qualityGrade, minPoints: z.number(), requires: z.array(z.string()) })),
  }),
  criteria: z.array(z.object({ key: z.string(), label: z.string(), points: z.number(), auto: z.boolean(), met: z.boolean(), earned: z.number() })),
  facts: z.object({
    attendanceRate: z.number().nullable(),
    unmarked: z.number(),
    unexcusedAbsences: z.number(),
    longestExcusedStreak: z.number(),
    committeeMetBefore: z.boolean(),
    draftResolutionPrepared: z.boolean(),
    durationMinutes: z.number().nullable(),
    minutesComplete: z.boolean(),
    previousResolutionDone: z.boolean().nullable(),
  }),
  /** The HD 12 conditions of a meeting "of quality", each met, not met or not known yet, and why. */
  checklist: z.array(
    z.object({
      key: z.enum(CHECKLIST_KEYS),
      state: z.enum(['met', 'not_met', 'unknown']),
      label: z.string(),
      why: z.string(),
    }),
  ),
  /** The conditions (labels) that kept the grade below the top band; empty when it was not capped. */
  cappedBy: z.array(z.string()),
  ticks: z.record(z.string(), z.boolean()),
  points: z.number(),
  maxPoints: z.number(),
  grade: qualityGrade,
  gradeLabel: z.string(),
  saved: z.boolean(),
  gradedAt: z.string().nullable(),
  /** After the minutes are adopted the grade no longer changes. */
  locked: z.boolean(),
});
export type QualityOut = z.infer<typeof qualityOut>;

export const scalesQuery = z.strictObject({ unitId: recordIdText, on: isoDate.optional() });

export const scalesOut = z.object({
  /** The scale in force, with its content, for the unit's page of its scale. */
  inForce: scaleRef.extend({
    notes: z.string().nullable(),
    criteria: z.array(z.object({ key: z.string(), label: z.string(), points: z.number(), auto: z.boolean() })),
    maxPoints: z.number(),
    bands: z.array(z.object({ grade: qualityGrade, minPoints: z.number(), requires: z.array(z.string()) })),
  }),
  available: z.array(scaleRef),
});

export const loadScaleBody = z.union([
  z.strictObject({
    unitId: recordId,
    /** Adopt a built-in template as this unit's scale. */
    templateCode: z.string().min(1).max(100),
    effectiveFrom: isoDate,
    effectiveTo: isoDate.nullable().optional(),
  }),
  z.strictObject({
    unitId: recordId,
    code: z
      .string()
      .trim()
      .regex(/^[a-z0-9-]{2,60}$/, { message: 'meetings.bad_scale_code' }),
    title: text(300),
    source: text(500).optional(),
    effectiveFrom: isoDate,
    effectiveTo: isoDate.nullable().optional(),
    scale: qualityScaleSchema,
  }),
]);
export type LoadScaleInput = z.infer<typeof loadScaleBody>;
