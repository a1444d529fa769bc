import { z } from 'zod';
import { isValidCitizenId } from '../../domain/citizen-id.ts';
import { decisionNumber, isoDate } from '../units/schemas.ts';

export const sexSchema = z.enum(['nam', 'nu']);
export const memberStatusSchema = z.enum(['du_bi', 'chinh_thuc', 'mien_sinh_hoat', 'dinh_chi', 'chuyen_di', 'xoa_ten', 'khai_tru', 'tu_tran']);
export const theoryLevelSchema = z.enum(['so_cap', 'trung_cap', 'cao_cap', 'cu_nhan']);

const text = (max: number) => z.string().trim().min(1).max(max);
const optionalText = (max: number) => z.string().trim().max(max).transform((v) => (v === '' ? null : v)).nullable().optional();

export const citizenIdSchema = z.string().trim().refine(isValidCitizenId, { message: 'members.bad_citizen_id' });
export const partyCardSchema = z.string().trim().regex(/^[0-9A-Za-z.-]{6,20}$/, { message: 'members.bad_party_card' });
export const phoneSchema = z.string().trim().regex(/^(\+84|0)[0-9]{9,10}$/, { message: 'members.bad_phone' });

/** The personal record of a member, as entered on a form or an import row. */
export const memberFields = z.strictObject({
  fullName: text(200),
  sex: sexSchema,
  dateOfBirth: isoDate,
  ethnicity: text(50).default('Kinh'),
  religion: text(50).default('Không'),
  hometown: optionalText(300),
  residence: optionalText(300),
  citizenId: citizenIdSchema.nullable().optional(),
  partyCardNumber: partyCardSchema.nullable().optional(),
  admittedOn: isoDate.nullable().optional(),
  fullMemberOn: isoDate.nullable().optional(),
  education: optionalText(100),
  theoryLevel: theoryLevelSchema.nullable().optional(),
  occupation: optionalText(200),
  position: optionalText(200),
  phone: phoneSchema.nullable().optional(),
});
export type MemberFields = z.infer<typeof memberFields>;

export const createMemberBody = memberFields.extend({
  unitId: z.number().int().positive(),
  status: z.enum(['du_bi', 'chinh_thuc']),
  joinedUnitOn: isoDate,
  decisionNumber: decisionNumber.optional(),
});
export type CreateMemberInput = z.infer<typeof createMemberBody>;

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
