// The structured minutes (biên bản) of a meeting, following the HD 12 sequence. Every
// field is optional while the minutes are a draft; adoption checks what it needs.
import { z } from 'zod';
import { TASK_OUTCOMES } from '../../domain/tasks.ts';
import { recordId } from '../../http/record-id.ts';
import { openTaskOut } from '../tasks/schemas.ts';
import { isoDate } from '../units/schemas.ts';
import { attendanceOut, attendanceStatus } from './attendance-schemas.ts';
import { hhmm, optionalText, text } from './schemas.ts';

const count = z.number().int().min(0).max(100_000);

export const minutesFields = z.strictObject({
  /** The place name of the date line ("Bắc Bình, ngày …"); defaults from the unit above. */
  placeName: optionalText(100),
  openedAt: hhmm.nullable().optional(),
  closedAt: hhmm.nullable().optional(),
  chairName: optionalText(200),
  chairPosition: optionalText(200),
  minuteTakerName: optionalText(200),
  purpose: optionalText(5000),
  guestsNote: optionalText(2000),
  agendaItems: z
    .array(
      z.strictObject({
        title: text(500),
        summary: optionalText(20000),
        speakers: z.array(text(200)).max(100).optional(),
      }),
    )
    .max(50)
    .optional(),
  previousResolutionReview: optionalText(20000),
  upperDocuments: optionalText(20000),
  conclusions: optionalText(20000),
  resolutionItems: z.array(text(2000)).max(50).optional(),
  votes: z.strictObject({ for: count, against: count, abstain: count }).nullable().optional(),
  tasks: z
    .array(
      z.strictObject({
        memberId: recordId.nullable().optional(),
        assignee: text(200),
        description: text(2000),
        dueOn: isoDate.nullable().optional(),
      }),
    )
    .max(200)
    .optional(),
  admissionsAndTransfers: optionalText(5000),
});
export type MinutesContent = z.infer<typeof minutesFields>;

/** The same fields on the way out (no input transforms: responses are encoded, not parsed). */
const outText = z.string().nullable().optional();
export const minutesContentOut = z.object({
  placeName: outText,
  openedAt: outText,
  closedAt: outText,
  chairName: outText,
  chairPosition: outText,
  minuteTakerName: outText,
  purpose: outText,
  guestsNote: outText,
  agendaItems: z.array(z.object({ title: z.string(), summary: outText, speakers: z.array(z.string()).optional() })).optional(),
  previousResolutionReview: outText,
  upperDocuments: outText,
  conclusions: outText,
  resolutionItems: z.array(z.string()).optional(),
  votes: z.object({ for: z.number(), against: z.number(), abstain: z.number() }).nullable().optional(),
  tasks: z.array(z.object({ memberId: z.number().nullable().optional(), assignee: z.string(), description: z.string(), dueOn: outText })).optional(),
  admissionsAndTransfers: outText,
});

export const saveMinutesBody = z.strictObject({
  /** The number of "Số …-BB/CB"; assigned at adoption when left empty. */
  number: z
    .string()
    .trim()
    .regex(/^[0-9]{1,6}$/, { message: 'meetings.bad_minutes_number' })
    .nullable()
    .optional(),
  content: minutesFields,
});
export type SaveMinutesInput = z.infer<typeof saveMinutesBody>;

export const amendMinutesBody = z.strictObject({
  reason: text(2000),
  /** Only the fields given are replaced. */
  changes: minutesFields,
  /**
   * Attendance as corrected, for members on the roll frozen at adoption: the frozen
   * figures, the register, the minutes and the .docx change together.
   */
  attendance: z
    .array(z.strictObject({ memberId: recordId, status: attendanceStatus, reason: optionalText(500) }))
    .max(2000)
    .optional(),
});
export type AmendMinutesInput = z.infer<typeof amendMinutesBody>;

export const minutesOut = z.object({
  meetingId: z.number(),
  status: z.enum(['none', 'draft', 'adopted']),
  number: z.string().nullable(),
  /** "12-BB/CB", or "…-BB/CB" before a number is given. */
  documentNumber: z.string(),
  content: minutesContentOut,
  /** Live while a draft; as adopted afterwards. */
  attendance: attendanceOut.omit({ late: true }),
  complete: z.boolean(),
  missing: z.array(z.object({ field: z.string(), label: z.string() })),
  adoptedAt: z.string().nullable(),
  adoptedBy: z.string().nullable(),
  amendments: z.array(z.object({ id: z.number(), reason: z.string(), at: z.string(), actor: z.string().nullable(), before: z.unknown(), after: z.unknown() })),
  actionItems: z.array(
    z.object({
      id: z.number(),
      memberId: z.number().nullable(),
      assignee: z.string(),
      description: z.string(),
      dueOn: z.string().nullable(),
      status: z.enum(['open', 'done']),
      outcome: z.enum(TASK_OUTCOMES).nullable(),
    }),
  ),
  /** The cell's other tasks open on the meeting's day (the minutes carry them forward). */
  openTasks: z.array(openTaskOut),
});
export type MinutesOut = z.infer<typeof minutesOut>;
