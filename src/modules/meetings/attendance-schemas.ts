import { z } from 'zod';
import { recordId } from '../../http/record-id.ts';
import { memberStatusSchema } from '../members/schemas.ts';
import { checkInWindowOut, guestOut, optionalText } from './schemas.ts';

/** on_duty: an armed-forces member away on duty, recorded apart and left out of the ratio (HD 12). */
export const attendanceStatus = z.enum(['present', 'absent_excused', 'absent_unexcused', 'on_duty']);

export const attendanceSummaryOut = z.object({
  total: z.number(),
  full: z.number(),
  probationary: z.number(),
  exempted: z.number(),
  suspended: z.number(),
  onDuty: z.number(),
  expected: z.number(),
  present: z.number(),
  absentExcused: z.number(),
  absentUnexcused: z.number(),
  unmarked: z.number(),
  rate: z.number().nullable(),
});

const attendanceEntryOut = z.object({
  memberId: z.number(),
  fullName: z.string(),
  memberStatus: memberStatusSchema,
  attendance: attendanceStatus.nullable(),
  reason: z.string().nullable(),
  checkedInAt: z.string().nullable(),
  /** Where the attendance comes from: the member's own check-in or the secretary's roll call. */
  source: z.enum(['check_in', 'roll_call']).nullable(),
});
export type AttendanceEntryOut = z.infer<typeof attendanceEntryOut>;

export const attendanceOut = z.object({
  meetingId: z.number(),
  summary: attendanceSummaryOut,
  /** Members expected to attend, sorted the Vietnamese way. */
  members: z.array(attendanceEntryOut),
  /** Exempted (miễn sinh hoạt) and suspended members, listed apart and not in the ratio. */
  apart: z.array(attendanceEntryOut),
  guests: z.array(guestOut),
  /** True when this write came after the meeting ended or after the minutes were adopted. */
  late: z.boolean().optional(),
});
export type AttendanceOut = z.infer<typeof attendanceOut>;

export const recordAttendanceBody = z.strictObject({
  entries: z
    .array(
      z.strictObject({
        memberId: recordId,
        /** null clears the roll-call entry (a self check-in, if any, counts again). */
        status: attendanceStatus.nullable(),
        reason: optionalText(500),
      }),
    )
    .max(2000)
    .default([]),
  guests: z
    .array(z.strictObject({ guestId: recordId, attended: z.boolean().nullable() }))
    .max(200)
    .default([]),
  /** Why a late correction is made; kept in the audit row. */
  note: optionalText(1000),
});
export type RecordAttendanceInput = z.infer<typeof recordAttendanceBody>;

export const checkInBody = z.union(
  [
    z.strictObject({
      code: z
        .string()
        .trim()
        .regex(/^[0-9]{6}$/, { message: 'meetings.bad_check_in_code' }),
    }),
    z.strictObject({ qr: z.string().trim().min(1).max(500) }),
  ],
  // Neither shape (nothing sent, or both): say what to send, not a bare "invalid input".
  { error: (issue) => (issue.code === 'invalid_union' ? 'meetings.check_in_code_or_qr' : undefined) },
);
export type CheckInInput = z.infer<typeof checkInBody>;

export const checkInOut = z.object({
  meetingId: z.number(),
  memberId: z.number(),
  checkedInAt: z.string(),
  /** True when this member had already checked in (at checkedInAt): nothing was recorded now. */
  alreadyCheckedIn: z.boolean(),
  meeting: z.object({ topic: z.string(), unitName: z.string(), heldOn: z.string(), startTime: z.string(), endTime: z.string(), place: z.string() }),
});

export const checkInCodeOut = z.object({
  code: z.string(),
  qrToken: z.string(),
  qrUrl: z.string(),
  window: checkInWindowOut,
});

export const qrQuery = z.strictObject({ format: z.enum(['svg', 'png']).default('svg') });
