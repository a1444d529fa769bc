import { z } from 'zod';
import { todayInVietnam } from '../../domain/calendar.ts';
import { isValidCitizenId } from '../../domain/citizen-id.ts';
import { nameText } from '../../http/name-text.ts';
import { atLeastOneField } from '../../http/patch-body.ts';
import { recordId, recordIdText } from '../../http/record-id.ts';
import { isoDate, decisionNumber as unitDecisionNumber } from '../units/schemas.ts';

export const sexSchema = z.enum(['nam', 'nu']);
export const memberStatusSchema = z.enum(['du_bi', 'chinh_thuc', 'mien_sinh_hoat', 'dinh_chi', 'chuyen_di', 'xoa_ten', 'khai_tru', 'tu_tran']);
export const theoryLevelSchema = z.enum(['so_cap', 'trung_cap', 'cao_cap', 'cu_nhan']);

// PostgreSQL text cannot hold NUL, and control characters in a name or a card number are
// always a copy-paste accident: refuse them as bad input rather than fail in the database.
// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what this refuses
export const CONTROL = /[\u0000-\u001f\u007f]/;
// biome-ignore lint/suspicious/noControlCharactersInRegex: NUL is what this refuses
export const NUL = /\u0000/;
// Text is stored in Unicode NFC: "Nguyễn" typed with combining marks (NFD, as some phones
// and Mac keyboards send it) is the same name as the precomposed one, not a second person.
const line = (max: number) =>
  z
    .string()
    .max(max)
    .trim()
    .normalize('NFC')
    .refine((v) => !CONTROL.test(v), { message: 'members.bad_characters' });
const multiline = (max: number) =>
  z
    .string()
    .max(max)
    .trim()
    .normalize('NFC')
    .refine((v) => !NUL.test(v), { message: 'members.bad_characters' });
const text = (max: number) => line(max).min(1);
const optionalText = (max: number) =>
  line(max)
    .transform((v) => (v === '' ? null : v))
    .nullable()
    .optional();
const decisionNumber = unitDecisionNumber.refine((v) => !CONTROL.test(v), { message: 'members.bad_characters' });

export const citizenIdSchema = z.string().max(50).trim().refine(isValidCitizenId, { message: 'members.bad_citizen_id' });
export const partyCardSchema = z
  .string()
  .max(50)
  .trim()
  .regex(/^[0-9A-Za-z.-]{6,20}$/, { message: 'members.bad_party_card' });
export const phoneSchema = z
  .string()
  .max(50)
  .trim()
  .regex(/^(\+84|0)[0-9]{9,10}$/, { message: 'members.bad_phone' });

// The Party was founded on 3/2/1930: no admission, status or placement is dated before it,
// and no decision is dated in the future (the current status must be true today).
const PARTY_FOUNDED = '1930-02-03';
// (A value that is not even YYYY-MM-DD already has its error; don't add a second one.)
const within = (from: string) => (d: string) => !/^\d{4}-\d{2}-\d{2}$/.test(d) || (d >= from && d <= todayInVietnam());
export const birthDate = isoDate.refine(within('1900-01-01'), { message: 'members.bad_birth_date' });
export const partyDate = isoDate.refine(within(PARTY_FOUNDED), { message: 'members.bad_party_date' });

/** The personal record of a member: each field's rule, without defaults. */
const personalFields = {
  fullName: nameText(200),
  sex: sexSchema,
  dateOfBirth: birthDate,
  ethnicity: text(50),
  religion: text(50),
  hometown: optionalText(300),
  residence: optionalText(300),
  citizenId: citizenIdSchema.nullable().optional(),
  partyCardNumber: partyCardSchema.nullable().optional(),
  admittedOn: partyDate.nullable().optional(),
  fullMemberOn: partyDate.nullable().optional(),
  education: optionalText(100),
  theoryLevel: theoryLevelSchema.nullable().optional(),
  occupation: optionalText(200),
  position: optionalText(200),
  phone: phoneSchema.nullable().optional(),
};

/** The personal record as entered on a form or an import row. */
export const memberFields = z.strictObject({
  ...personalFields,
  ethnicity: personalFields.ethnicity.default('Kinh'),
  religion: personalFields.religion.default('Không'),
});
export type MemberFields = z.infer<typeof memberFields>;

export const createMemberBody = memberFields.extend({
  unitId: recordId,
  /** Follows the date of full membership when left out; when given, it must agree with it. */
  status: z.enum(['du_bi', 'chinh_thuc']).optional(),
  /** "Ngày về sinh hoạt tại chi bộ": on the cell's rolls from then; today when left out (never the admission date). */
  joinedUnitOn: partyDate.default(() => todayInVietnam()),
  decisionNumber: decisionNumber.optional(),
  /** "Thôn/bản nơi cư trú": the village the member lives in, from joinedUnitOn (villages module). */
  villageId: recordId.nullable().optional(),
});
export type CreateMemberInput = z.infer<typeof createMemberBody>;

// From the rules without defaults: memberFields.partial() would still apply the defaults
// (ethnicity 'Kinh', religion 'Không') to fields a PATCH leaves out, overwriting them.
const personalPatch = z.strictObject(personalFields).partial();
// `effectiveOn` alone changes nothing: at least one field of the record must come with it.
export const updateMemberBody = atLeastOneField(
  z.strictObject({
    ...personalPatch.shape,
    /**
     * The day a new education, political-theory level or religion takes effect (default
     * today): figures for earlier dates keep the old value. Other fields are corrections,
     * true on every date.
     */
    effectiveOn: partyDate.optional(),
  }),
  ['effectiveOn'],
);
export type UpdateMemberInput = z.infer<typeof updateMemberBody>;
export type PersonalPatch = Omit<UpdateMemberInput, 'effectiveOn'>;

/** The decision behind a life event: its number, and optionally its date and the body that issued it. */
export const decisionFields = {
  decisionNumber,
  decisionOn: partyDate.optional(),
  issuedBy: text(200).optional(),
};
export const changeStatusBody = z.strictObject({
  status: memberStatusSchema,
  effectiveOn: partyDate,
  ...decisionFields,
  note: multiline(1000).optional(),
});
export type ChangeStatusInput = z.infer<typeof changeStatusBody>;

export const transferBody = z.strictObject({
  unitId: recordId,
  effectiveOn: partyDate,
  decisionNumber,
  reason: multiline(1000).optional(),
});
export type TransferInput = z.infer<typeof transferBody>;

// Ids in the URL: digits only, within int4, so 'abc', '-1', '1e3' and 99999999999 are a
// 400 rather than a database error.
export const memberIdParams = z.strictObject({ id: recordIdText });

const statusFilterValue = z.enum([...memberStatusSchema.options, 'all']);
/** `status` may repeat (?status=a&status=b) or be comma-separated (?status=a,b). */
const statusFilter = z.preprocess(
  (v) =>
    v === undefined
      ? undefined
      : (Array.isArray(v) ? v : [v])
          .flatMap((x) => String(x).split(','))
          .map((x) => x.trim())
          .filter(Boolean),
  z.array(statusFilterValue).max(20).optional(),
);
const queryInt = (min: number, max: number) =>
  z
    .string()
    .regex(/^[0-9]{1,6}$/, { message: 'members.bad_number' })
    .transform(Number)
    .pipe(z.number().min(min).max(max));

const memberListFields = z.strictObject({
  q: line(200).optional(),
  unitId: recordIdText.optional(),
  status: statusFilter,
  sex: sexSchema.optional(),
  ethnicity: line(50).optional(),
  theoryLevel: theoryLevelSchema.optional(),
  ageFrom: queryInt(0, 150).optional(),
  ageTo: queryInt(0, 150).optional(),
  page: queryInt(1, 100_000).default(1),
  pageSize: queryInt(1, 200).default(50),
  /** An opaque cursor from a previous answer (nextCursor, prevCursor, lastCursor); `page` is then ignored. */
  cursor: z
    .string()
    .max(4000)
    .regex(/^[A-Za-z0-9_-]+$/, { message: 'members.bad_cursor' })
    .optional(),
});
const agesInOrder = (q: { ageFrom?: number; ageTo?: number }) => q.ageFrom === undefined || q.ageTo === undefined || q.ageFrom <= q.ageTo;
const agesReversed = { message: 'members.ages_reversed', path: ['ageTo'] };
export const listMembersQuery = memberListFields.refine(agesInOrder, agesReversed);
export type ListMembersQuery = z.infer<typeof listMembersQuery>;
export const exportMembersQuery = memberListFields.omit({ page: true, pageSize: true, cursor: true }).refine(agesInOrder, agesReversed);
export type MemberFilters = z.infer<typeof exportMembersQuery>;

export const memberOut = z.object({
  id: z.number(),
  fullName: z.string(),
  sex: sexSchema,
  dateOfBirth: z.string(),
  ethnicity: z.string(),
  religion: z.string(),
  hometown: z.string().nullable(),
  residence: z.string().nullable(),
  citizenId: z.string().nullable(),
  partyCardNumber: z.string().nullable(),
  admittedOn: z.string().nullable(),
  fullMemberOn: z.string().nullable(),
  education: z.string().nullable(),
  theoryLevel: theoryLevelSchema.nullable(),
  occupation: z.string().nullable(),
  position: z.string().nullable(),
  phone: z.string().nullable(),
  unitId: z.number(),
  unitName: z.string(),
  status: memberStatusSchema,
});
export type MemberOut = z.infer<typeof memberOut>;

/** One member as the detail page shows it: the record and whether the caller may edit it. */
export const memberDetailOut = memberOut.extend({
  canEdit: z.boolean(),
  /** RULES §3: absences without reason in N distinct months within 12 (the months, and the meetings' dates); null when not reached. */
  strikeOffWarning: z.object({ months: z.array(z.string()), dates: z.array(z.string()) }).nullable(),
});
export type MemberDetailOut = z.infer<typeof memberDetailOut>;

export const memberListItemOut = z.object({
  id: z.number(),
  fullName: z.string(),
  sex: sexSchema,
  dateOfBirth: z.string(),
  age: z.number(),
  unitId: z.number(),
  unitName: z.string(),
  status: memberStatusSchema,
  /** Shown beside the status: an exempted or suspended member is still chính thức from this date. */
  fullMemberOn: z.string().nullable(),
  partyCardNumber: z.string().nullable(),
  theoryLevel: theoryLevelSchema.nullable(),
  ethnicity: z.string(),
});
export const memberListOut = z.object({
  items: z.array(memberListItemOut),
  /** Counted on a request without a cursor; a cursor carries it on (no recount per page). */
  total: z.number(),
  /** false: a name search with more matches than it counts; total is then a lower bound. */
  totalExact: z.boolean(),
  page: z.number(),
  pageSize: z.number(),
  nextCursor: z.string().nullable(),
  prevCursor: z.string().nullable(),
  lastCursor: z.string().nullable(),
});

export const memberHistoryOut = z.object({
  placements: z.array(
    z.object({
      unitId: z.number(),
      unitName: z.string(),
      validFrom: z.string(),
      validTo: z.string().nullable(),
      decisionNumber: z.string().nullable(),
      reason: z.string().nullable(),
    }),
  ),
  statuses: z.array(
    z.object({
      status: memberStatusSchema,
      validFrom: z.string(),
      validTo: z.string().nullable(),
      decisionNumber: z.string().nullable(),
      /** The decision's own date and issuing body, when recorded (life events, issue 10). */
      decisionOn: z.string().nullable().optional(),
      issuedBy: z.string().nullable().optional(),
      note: z.string().nullable(),
    }),
  ),
  /**
   * Education, political-theory level and religion as they were over time (member_attribute_history),
   * oldest first; the last row holds today's values. validFrom null: since the record began.
   */
  attributes: z.array(
    z.object({
      validFrom: z.string().nullable(),
      validTo: z.string().nullable(),
      education: z.string().nullable(),
      theoryLevel: theoryLevelSchema.nullable(),
      religion: z.string(),
    }),
  ),
  changes: z.array(
    z.object({
      at: z.string(),
      actor: z.string().nullable(),
      action: z.string(),
      before: z.unknown(),
      after: z.unknown(),
    }),
  ),
  /** 'unit:9' → name: the cells, members and accounts the changes refer to (see audit/resolve-names.ts). */
  names: z.record(z.string(), z.string()),
});
