// Input and output contracts of the meeting plan (zod): what the web app sends and reads.

import { z } from 'zod';
import { nameText } from '../../http/name-text.ts';
import { atLeastOneField } from '../../http/patch-body.ts';
import { recordId, recordIdText } from '../../http/record-id.ts';
import { isoDate } from '../units/schemas.ts';

/** An id inside a body: a positive int4, so a huge one is a 400, not a database error. */
export const text = (max: number) => z.string().trim().min(1).max(max);
export const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .transform((v) => (v === '' ? null : v))
    .nullable()
    .optional();
export const hhmm = z.string().regex(/^([01][0-9]|2[0-3]):[0-5][0-9]$/, { message: 'meetings.bad_time' });

export const meetingKind = z.enum(['regular', 'thematic', 'committee', 'grassroots_committee', 'briefing', 'extraordinary']);
export const meetingStatus = z.enum(['planned', 'cancelled']);
export const minutesStatus = z.enum(['none', 'draft', 'adopted']);
export const qualityGrade = z.enum(['tot', 'kha', 'trung_binh', 'kem']);

// An item without a note is stored with `note: null`, the shape every reader expects (a
// missing key made the meeting unreadable: its answers failed their own schema).
export const agendaItem = z.strictObject({ title: text(500), note: optionalText(2000).transform((v) => v ?? null) });

export const planMeetingBody = z.strictObject({
  unitId: recordId,
  partyGroupId: recordId.nullable().optional(),
  kind: meetingKind,
  date: isoDate,
  startTime: hhmm,
  endTime: hhmm,
  place: text(300),
  /** Optional when a topic is picked from the bank: its title is used. */
  topic: text(500).optional(),
  topicId: recordId.nullable().optional(),
  focalIssues: z.array(text(500)).max(10).default([]),
  /** Omitted: the standard agenda of the rule set in force on the date. */
  agenda: z.array(agendaItem).max(50).optional(),
  preparesMeetingId: recordId.nullable().optional(),
});
export type PlanMeetingInput = z.infer<typeof planMeetingBody>;

export const updateMeetingBody = atLeastOneField(
  z.strictObject({
    partyGroupId: recordId.nullable().optional(),
    date: isoDate.optional(),
    startTime: hhmm.optional(),
    endTime: hhmm.optional(),
    place: text(300).optional(),
    topic: text(500).optional(),
    topicId: recordId.nullable().optional(),
    focalIssues: z.array(text(500)).max(10).optional(),
    agenda: z.array(agendaItem).max(50).optional(),
  }),
);
export type UpdateMeetingInput = z.infer<typeof updateMeetingBody>;

export const cancelMeetingBody = z.strictObject({ reason: text(1000) });

export const listMeetingsQuery = z.strictObject({
  unitId: recordIdText,
  from: isoDate.optional(),
  to: isoDate.optional(),
  kind: meetingKind.optional(),
  /** Whole subtree (default) or this unit only. */
  subtree: z
    .enum(['true', 'false'])
    .default('true')
    .transform((v) => v === 'true'),
});

export const standardAgendaQuery = z.strictObject({ kind: meetingKind, on: isoDate.optional() });

export const ruleSetRef = z.object({ code: z.string(), version: z.string(), title: z.string(), source: z.string() });

export const standardAgendaOut = z.object({
  ruleSet: ruleSetRef,
  items: z.array(z.object({ title: z.string(), note: z.string().nullable() })),
  focalIssues: z.object({ min: z.number(), max: z.number() }),
});

export const guestOut = z.object({
  id: z.number(),
  memberId: z.number().nullable(),
  fullName: z.string(),
  position: z.string().nullable(),
  assignedByUnitId: z.number().nullable(),
  assignedByUnitName: z.string().nullable(),
  attended: z.boolean().nullable(),
  /** When the guest said "Tôi sẽ dự"; null until then. */
  confirmedAt: z.string().nullable(),
});

export const documentOut = z.object({ id: z.number(), fileName: z.string(), contentType: z.string(), sizeBytes: z.number(), uploadedAt: z.string() });

export const checkInWindowOut = z.object({
  state: z.enum(['not_open', 'open', 'closed']),
  opensAt: z.string(),
  closesAt: z.string(),
  /** True when the secretary changed the window the rule set gives. */
  adjusted: z.boolean(),
});
export type CheckInWindowOut = z.infer<typeof checkInWindowOut>;

export const checkInWindowBody = z.union([
  z.strictObject({ action: z.literal('open') }),
  z.strictObject({ action: z.literal('extend'), minutes: z.number().int().min(5).max(240) }),
  z.strictObject({ action: z.literal('close') }),
  z.strictObject({ action: z.literal('reset') }),
]);

export const meetingOut = z.object({
  id: z.number(),
  unitId: z.number(),
  unitName: z.string(),
  partyGroupId: z.number().nullable(),
  partyGroupName: z.string().nullable(),
  kind: meetingKind,
  heldOn: z.string(),
  startTime: z.string(),
  endTime: z.string(),
  startsAt: z.string(),
  endsAt: z.string(),
  place: z.string(),
  topic: z.string(),
  topicId: z.number().nullable(),
  focalIssues: z.array(z.string()),
  agenda: z.array(z.object({ title: z.string(), note: z.string().nullable() })),
  status: meetingStatus,
  cancelReason: z.string().nullable(),
  /** For a committee pre-meeting: the meeting it prepares. */
  preparesMeetingId: z.number().nullable(),
  /** For a cell meeting: its committee pre-meetings. */
  preMeetingIds: z.array(z.number()),
  guests: z.array(guestOut),
  documents: z.array(documentOut),
  minutesStatus,
  quality: z.object({ grade: qualityGrade, points: z.number(), maxPoints: z.number() }).nullable(),
  /** The check-in window and its state now, by the rule the check-in itself applies. */
  checkIn: checkInWindowOut,
  canManage: z.boolean(),
});
export type MeetingOut = z.infer<typeof meetingOut>;

export const meetingSummaryOut = z.object({
  id: z.number(),
  unitId: z.number(),
  unitName: z.string(),
  kind: meetingKind,
  heldOn: z.string(),
  startTime: z.string(),
  endTime: z.string(),
  place: z.string(),
  topic: z.string(),
  status: meetingStatus,
  minutesStatus,
  grade: qualityGrade.nullable(),
});

export const preparationBody = z.strictObject({
  memberReviews: z
    .array(
      z.strictObject({
        memberId: recordId,
        strengths: optionalText(5000),
        shortcomings: optionalText(5000),
      }),
    )
    .max(500)
    .default([]),
  agreedContent: optionalText(20000),
  draftResolution: optionalText(20000),
});
export type PreparationInput = z.infer<typeof preparationBody>;

export const preparationOut = z.object({
  meetingId: z.number(),
  preparesMeetingId: z.number().nullable(),
  memberReviews: z.array(z.object({ memberId: z.number(), fullName: z.string(), strengths: z.string().nullable(), shortcomings: z.string().nullable() })),
  agreedContent: z.string().nullable(),
  draftResolution: z.string().nullable(),
  updatedAt: z.string().nullable(),
});

export const guestBody = z.strictObject({
  /** A member of a higher committee, assigned to attend and guide. */
  memberId: recordId.nullable().optional(),
  /** Required for a guest who is not a member in chibo. */
  fullName: nameText(200).optional(),
  position: optionalText(200),
  /** The committee that assigns the guest (a unit above the meeting's). */
  assignedByUnitId: recordId.nullable().optional(),
});
export type GuestInput = z.infer<typeof guestBody>;

export const guestParams = z.strictObject({ id: recordIdText, guestId: recordIdText });
export const documentParams = z.strictObject({ id: recordIdText, documentId: recordIdText });
