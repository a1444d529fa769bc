// The admissions API's shapes (issue 10 items 1 and 2): candidates, their steps, the dossier,
// and the days an admin adds to the calendar. Dates are ISO in the API.

import { z } from 'zod';
import { ADMISSION_STAGES } from '../../domain/admission.ts';
import { ADMISSION_STEPS, DOSSIER_DOCUMENTS } from '../../domain/admission-pipeline.ts';
import { nameText } from '../../http/name-text.ts';
import { recordId, recordIdText } from '../../http/record-id.ts';
import { birthDate, memberIdParams, partyDate, sexSchema } from '../members/schemas.ts';
import { isoDate } from '../units/schemas.ts';

const line = (max: number) =>
  z
    .string()
    .max(max)
    .trim()
    .normalize('NFC')
    // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what this refuses
    .refine((v) => !/[\u0000-\u001f\u007f]/.test(v), { message: 'members.bad_characters' });
const note = z
  .string()
  .max(2000)
  .trim()
  .normalize('NFC')
  // biome-ignore lint/suspicious/noControlCharactersInRegex: NUL is what this refuses
  .refine((v) => !/\u0000/.test(v), { message: 'members.bad_characters' });
const optionalLine = (max: number) =>
  line(max)
    .transform((v) => (v === '' ? null : v))
    .nullable()
    .optional();

export const stageSchema = z.enum(ADMISSION_STAGES);
export const stepSchema = z.enum(ADMISSION_STEPS);
export const documentSchema = z.enum(DOSSIER_DOCUMENTS);
export const deadlineKind = z.enum(['certificate_expires_on', 'ceremony_by', 'probation_ends_on', 'consideration_by']);

export const candidateParams = memberIdParams;
export const stepParams = z.strictObject({ id: memberIdParams.shape.id, stepId: memberIdParams.shape.id });
export const documentParams = z.strictObject({ id: memberIdParams.shape.id, document: documentSchema });

export const createCandidateBody = z.strictObject({
  unitId: recordId,
  /** The village (thôn, bản, tổ dân phố) the candidate lives in. */
  villageId: recordId.nullable().optional(),
  fullName: nameText(200),
  sex: sexSchema,
  dateOfBirth: birthDate,
  ethnicity: line(50).min(1).default('Kinh'),
  religion: line(50).min(1).default('Không'),
  residence: optionalLine(300),
  occupation: optionalLine(200),
  /** The day the cell identified them as a source (nguồn phát triển đảng). */
  sourceOn: partyDate,
  note: note.optional(),
});
export type CreateCandidateInput = z.infer<typeof createCandidateBody>;

const votes = z.number().int().min(0).max(10_000);
/** One step: its date, and what that step records. */
export const recordStepBody = z.strictObject({
  step: stepSchema.exclude(['source']),
  doneOn: partyDate,
  decisionNumber: line(100).min(1).optional(),
  /** helper_assigned: the helping member; dossier: the sponsor (form 3-KNĐ). */
  memberId: recordId.optional(),
  /** dossier: since when the sponsor has worked, studied or lived with the candidate. */
  knownSince: isoDate.optional(),
  /** cell_resolution, recognised: the cell's vote, against its number of full members. */
  votesFor: votes.optional(),
  fullMembers: votes.optional(),
  note: note.optional(),
});
export type RecordStepInput = z.infer<typeof recordStepBody>;

export const correctStepBody = z.strictObject({
  doneOn: partyDate,
  decisionNumber: line(100).min(1).optional(),
  memberId: recordId.optional(),
  knownSince: isoDate.optional(),
  votesFor: votes.optional(),
  fullMembers: votes.optional(),
  note: note.optional(),
  reason: note.pipe(z.string().min(1)),
});
export type CorrectStepInput = z.infer<typeof correctStepBody>;

export const saveDocumentBody = z.strictObject({
  status: z.enum(['received', 'verified']),
  receivedOn: partyDate,
  verifiedOn: partyDate.nullable().optional(),
  note: note.optional(),
});
export type SaveDocumentInput = z.infer<typeof saveDocumentBody>;

export const listCandidatesQuery = z.strictObject({
  unitId: recordIdText,
  /** Left out: those still in the pipeline (not recognised, not proposed for striking off). */
  stage: z.enum([...ADMISSION_STAGES, 'all']).optional(),
});

const deadlineOut = z.object({ kind: deadlineKind, dueOn: z.string(), overdue: z.boolean() });
export const candidateBrief = z.object({
  id: z.number(),
  unitId: z.number(),
  unitName: z.string(),
  villageId: z.number().nullable(),
  fullName: z.string(),
  sex: sexSchema,
  dateOfBirth: z.string(),
  stage: stageSchema,
  memberId: z.number().nullable(),
  next: deadlineOut.nullable(),
});
export type CandidateBrief = z.infer<typeof candidateBrief>;
export const candidateListOut = z.object({ items: z.array(candidateBrief) });

export const stepOut = z.object({
  id: z.number(),
  step: stepSchema,
  doneOn: z.string(),
  decisionNumber: z.string().nullable(),
  member: z.object({ id: z.number(), fullName: z.string() }).nullable(),
  knownSince: z.string().nullable(),
  votesFor: z.number().nullable(),
  fullMembers: z.number().nullable(),
  note: z.string().nullable(),
  correctsStepId: z.number().nullable(),
  correctionReason: z.string().nullable(),
  superseded: z.boolean(),
  recordedBy: z.string().nullable(),
  recordedAt: z.string(),
});
export type StepOut = z.infer<typeof stepOut>;

export const candidateDetailOut = candidateBrief.extend({
  ethnicity: z.string(),
  religion: z.string(),
  residence: z.string().nullable(),
  occupation: z.string().nullable(),
  canEdit: z.boolean(),
  nextSteps: z.array(stepSchema),
  steps: z.array(stepOut),
  documents: z.array(
    z.object({
      document: documentSchema,
      required: z.boolean(),
      status: z.enum(['missing', 'received', 'verified']),
      receivedOn: z.string().nullable(),
      verifiedOn: z.string().nullable(),
      note: z.string().nullable(),
    }),
  ),
  deadlines: z.object({
    ceremonyBy: z.string().nullable(),
    probationEndsOn: z.string().nullable(),
    considerationBy: z.string().nullable(),
    certificateExpiresOn: z.string().nullable(),
  }),
  running: z.array(deadlineOut),
  /** Party age in months once recognised, as the rules count it. */
  partyAgeMonths: z.number().nullable(),
});
export type CandidateDetailOut = z.infer<typeof candidateDetailOut>;

export const calendarYearQuery = z.strictObject({ year: z.coerce.number().int().min(1990).max(2100) });
export const calendarDayParams = z.strictObject({ day: isoDate });
export const addCalendarDayBody = z.strictObject({
  day: isoDate,
  kind: z.enum(['day_off', 'working_day']),
  note: line(300).min(1),
});
export const calendarYearOut = z.object({
  year: z.number(),
  holidays: z.array(z.object({ date: z.string(), key: z.string(), compensating: z.boolean(), name: z.string() })),
  added: z.array(z.object({ day: z.string(), kind: z.enum(['day_off', 'working_day']), note: z.string() })),
  canEdit: z.boolean(),
});
