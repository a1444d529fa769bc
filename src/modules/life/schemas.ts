// Contracts of a member's life events (issue 10 items 3 and 4): transfers of official
// membership, striking-off proposals, and the residence cell's yearly comment.

import { z } from 'zod';
import { recordId, recordIdText } from '../../http/record-id.ts';
import { createMemberBody, decisionFields, partyDate } from '../members/schemas.ts';
import { isoDate } from '../units/schemas.ts';

const text = (max: number) => z.string().max(max).trim().normalize('NFC').min(1);
const month = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, { message: 'life.bad_month' });

// ── Transfers (chuyển sinh hoạt đảng chính thức, QĐ 4192-QĐ/BTCTW) ──
/** Sent to a cell of the system (toUnitId) or out of it (destination: the organisation named). */
export const sendTransferBody = z
  .strictObject({
    toUnitId: recordId.optional(),
    destination: text(300).optional(),
    ...decisionFields,
    decisionOn: partyDate,
    issuedBy: text(200),
    note: text(1000).optional(),
  })
  .refine((b) => (b.toUnitId === undefined) !== (b.destination === undefined), {
    message: 'life.transfer_one_destination',
    path: ['toUnitId'],
  });
export type SendTransferInput = z.infer<typeof sendTransferBody>;

export const acceptTransferBody = z.strictObject({ receivedOn: partyDate });
export const returnTransferBody = z.strictObject({ reason: text(1000) });

/** A member arriving from outside the system: their record, the origin and the sending decision. */
export const transferInBody = z.strictObject({
  member: createMemberBody,
  origin: text(300),
  ...decisionFields,
  decisionOn: partyDate,
  issuedBy: text(200),
  note: text(1000).optional(),
});

export const transfersQuery = z.strictObject({ unitId: recordIdText, direction: z.enum(['incoming', 'outgoing']) });

export const transferOut = z.object({
  id: z.number(),
  memberId: z.number(),
  fullName: z.string(),
  fromUnitId: z.number().nullable(),
  fromUnitName: z.string().nullable(),
  toUnitId: z.number().nullable(),
  toUnitName: z.string().nullable(),
  origin: z.string().nullable(),
  destination: z.string().nullable(),
  decisionNumber: z.string(),
  decisionOn: z.string(),
  issuedBy: z.string(),
  note: z.string().nullable(),
  status: z.enum(['sent', 'accepted', 'returned']),
  receivedOn: z.string().nullable(),
  returnReason: z.string().nullable(),
});
export type TransferOut = z.infer<typeof transferOut>;
export const transferListOut = z.object({ items: z.array(transferOut) });

/** The record that travels with the member: who they are and their history, for the receiver. */
export const transferRecordOut = z.object({
  transfer: transferOut,
  member: z.object({
    fullName: z.string(),
    sex: z.string(),
    dateOfBirth: z.string(),
    partyCardNumber: z.string().nullable(),
    admittedOn: z.string().nullable(),
    fullMemberOn: z.string().nullable(),
    status: z.string(),
  }),
  placements: z.array(z.object({ unitName: z.string(), validFrom: z.string(), validTo: z.string().nullable(), decisionNumber: z.string().nullable() })),
  statuses: z.array(
    z.object({
      status: z.string(),
      validFrom: z.string(),
      validTo: z.string().nullable(),
      decisionNumber: z.string().nullable(),
      decisionOn: z.string().nullable(),
      issuedBy: z.string().nullable(),
    }),
  ),
});

// ── Striking off (xóa tên) ──
export const strikeOffCandidatesQuery = z.strictObject({ unitId: recordIdText, asOf: isoDate.optional() });
export const strikeOffCandidatesOut = z.object({
  asOf: z.string(),
  items: z.array(
    z.object({
      memberId: z.number(),
      fullName: z.string(),
      unitId: z.number(),
      unitName: z.string(),
      grounds: z.array(z.object({ reason: z.enum(['absence', 'dues']), months: z.array(z.string()) })),
      proposalId: z.number().nullable(),
    }),
  ),
});

export const proposeStrikeOffBody = z.strictObject({
  reason: z.enum(['absence', 'dues', 'other']),
  months: z.array(month).max(24).default([]),
  note: text(1000).optional(),
  proposedOn: partyDate,
  /** The cell's resolution proposing it (nghị quyết chi bộ). */
  resolutionNumber: decisionFields.decisionNumber,
});
export const decideStrikeOffBody = z.strictObject({
  outcome: z.enum(['struck_off', 'rejected']),
  effectiveOn: partyDate,
  ...decisionFields,
  decisionOn: partyDate,
  issuedBy: text(200),
});
export const proposalsQuery = z.strictObject({ unitId: recordIdText });
export const proposalOut = z.object({
  id: z.number(),
  memberId: z.number(),
  fullName: z.string(),
  unitId: z.number(),
  unitName: z.string(),
  reason: z.enum(['absence', 'dues', 'other']),
  months: z.array(z.string()),
  note: z.string().nullable(),
  proposedOn: z.string(),
  resolutionNumber: z.string(),
  status: z.enum(['proposed', 'struck_off', 'rejected']),
  decisionNumber: z.string().nullable(),
  decisionOn: z.string().nullable(),
  issuedBy: z.string().nullable(),
  /** Whether the caller is at the level above that decides. */
  canDecide: z.boolean(),
});
export const proposalListOut = z.object({ items: z.array(proposalOut) });

// ── Residence comments (QĐ 213-QĐ/TW, HD 33-HD/BTCTW) ──
export const hd33CategorySchema = z.enum(['armed_forces', 'student', 'full_time_study']);
export const linkCategoryBody = z.strictObject({ category: hd33CategorySchema.nullable() });
export const requestCommentsBody = z.strictObject({ unitId: recordId, year: z.number().int().min(2000).max(2200), requestedOn: partyDate });
export const requestCommentsOut = z.object({ requested: z.number(), alreadyAsked: z.number(), notAsked: z.number() });
export const answerCommentBody = z.strictObject({
  keepsContact: z.boolean(),
  fulfilsCitizenDuties: z.boolean(),
  comment: text(2000),
  answeredOn: partyDate,
});
export const commentsQuery = z.strictObject({ unitId: recordIdText, year: z.coerce.number().int().min(2000).max(2200), side: z.enum(['residence', 'work']) });
export const commentOut = z.object({
  id: z.number(),
  year: z.number(),
  fullName: z.string(),
  /** Shown to the work place (who may read the member); null for the residence cell. */
  memberId: z.number().nullable(),
  residenceUnitId: z.number(),
  residenceUnitName: z.string(),
  workUnitName: z.string(),
  requestedOn: z.string(),
  keepsContact: z.boolean().nullable(),
  fulfilsCitizenDuties: z.boolean().nullable(),
  comment: z.string().nullable(),
  answeredOn: z.string().nullable(),
  canAnswer: z.boolean(),
});
export const commentListOut = z.object({ items: z.array(commentOut) });

/** GET /transfers/destination: the one cell with the code typed, outside the caller's scope too. */
export const transferDestinationOut = z.object({ id: z.number(), code: z.string(), name: z.string(), parentName: z.string().nullable() });
