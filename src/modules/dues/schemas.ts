// Party dues (issue 10 item 5): schemas in and out. Money is whole đồng (safe integers,
// never fractions); months are 'YYYY-MM'; dates ISO in the API.

import { z } from 'zod';
import { DUES_BASES } from '../../domain/party-dues.ts';
import { recordId, recordIdText } from '../../http/record-id.ts';
import { decisionNumber, isoDate } from '../units/schemas.ts';

/** Whole đồng: up to 2 billion, the integer column's reach. */
const money = z.number().int().min(0).max(2_000_000_000);
export const month = z
  .string()
  .regex(/^\d{4}-(0[1-9]|1[0-2])$/, { message: 'dues.invalid_month' })
  .refine((m) => m >= '2000-01' && m <= '2100-12', { message: 'dues.invalid_month' });
const note = z.string().trim().min(1).max(1000);
export const RELIEF_REASONS = ['social_pension', 'poor_household', 'near_poor_household', 'listed_illness', 'hardship'] as const;

export const unitMonthParams = z.strictObject({ id: recordIdText, month });
export const memberMonthParams = z.strictObject({ id: recordIdText, month });
const monthIndex = (m: string) => Number(m.slice(0, 4)) * 12 + Number(m.slice(5));
/** A period of months, both ends given or neither (then the 12 months ending with this one); at most 5 years. */
export const periodQuery = z
  .strictObject({ from: month.optional(), to: month.optional() })
  .refine((q) => (q.from === undefined) === (q.to === undefined), { message: 'dues.period_both_ends', path: ['to'] })
  .refine((q) => !q.from || !q.to || q.from <= q.to, { message: 'dues.period_reversed', path: ['to'] })
  .refine((q) => !q.from || !q.to || monthIndex(q.to) - monthIndex(q.from) < 60, { message: 'dues.period_too_long', path: ['to'] });

export const paymentBody = z
  .strictObject({
    /** Whole đồng paid for the month; more than due is a voluntary extra, 0 withdraws a payment recorded by mistake. */
    amount: money,
    method: z.enum(['cash', 'online']),
    /** The reference of an online payment (required for one). */
    reference: z.string().trim().min(1).max(200).optional(),
    paidOn: isoDate,
  })
  .refine((b) => b.method === 'cash' || b.reference !== undefined, { message: 'dues.reference_required', path: ['reference'] });
export type PaymentInput = z.infer<typeof paymentBody>;

/** The whole cell's month at once: each member once. */
export const unitPaymentsBody = z.strictObject({
  payments: z
    .array(
      z
        .strictObject({
          memberId: recordId,
          amount: money,
          method: z.enum(['cash', 'online']),
          reference: z.string().trim().min(1).max(200).optional(),
          paidOn: isoDate,
        })
        .refine((b) => b.method === 'cash' || b.reference !== undefined, { message: 'dues.reference_required', path: ['reference'] }),
    )
    .min(1)
    .max(1000),
});

export const basisBody = z
  .strictObject({
    from: month,
    basis: z.enum(DUES_BASES),
    /** Monthly insured salary or pension, whole đồng (those two bases only). */
    earnings: money.optional(),
    /** The amount set for an 'other' member; the rule set's default when left out. */
    fixedAmount: money.optional(),
    pastWorkingAge: z.boolean().optional(),
    note: note.optional(),
  })
  .refine((b) => (b.basis === 'insured_salary' || b.basis === 'pension') === (b.earnings !== undefined), {
    message: 'dues.earnings_for_basis',
    path: ['earnings'],
  })
  .refine((b) => b.basis === 'other' || b.fixedAmount === undefined, { message: 'dues.fixed_for_other', path: ['fixedAmount'] });
export type BasisInput = z.infer<typeof basisBody>;

export const exemptionBody = z
  .strictObject({
    reason: z.enum(RELIEF_REASONS),
    from: month,
    /** The last month covered; open when left out. */
    to: month.optional(),
    decisionNumber: decisionNumber.optional(),
    decidedOn: isoDate.optional(),
    note: note.optional(),
  })
  .refine((b) => b.to === undefined || b.to >= b.from, { message: 'dues.period_reversed', path: ['to'] });
export type ExemptionInput = z.infer<typeof exemptionBody>;

export const reductionBody = z.strictObject({
  percent: z.number().int().min(1).max(99),
  from: month,
  months: z.number().int().min(1).max(120),
  decisionNumber: decisionNumber.optional(),
  decidedOn: isoDate.optional(),
  note: note.optional(),
});
export type ReductionInput = z.infer<typeof reductionBody>;

const ruleSetOut = z.object({
  code: z.string(),
  title: z.string(),
  /** The items of the set that are chibo's reading, not yet confirmed: their keys, and the same in words. */
  unconfirmed: z.array(z.string()),
  unconfirmedItems: z.array(z.string()),
});
const paymentOut = z.object({
  amount: z.number().int(),
  method: z.enum(['cash', 'online']),
  reference: z.string().nullable(),
  paidOn: z.string(),
  /** How many times the month's payment was corrected (each kept). */
  corrections: z.number().int(),
});
export const memberMonthOut = z.object({
  month: z.string(),
  unitId: z.number().int(),
  basis: z.enum(DUES_BASES),
  basisSet: z.boolean(),
  base: z.number().int().nullable(),
  due: z.number().int().nullable(),
  exemption: z.string().nullable(),
  exemptionLabel: z.string().nullable(),
  reductionPercent: z.number().int(),
  problem: z.string().nullable(),
  payment: paymentOut.nullable(),
  /** Still owed for the month (null: the amount is not known). */
  owed: z.number().int().nullable(),
  /** The cell kept the month's dues in chibo (false: kept on paper, or not entered yet; then it is nobody's arrears). */
  recorded: z.boolean(),
  ruleSet: z.string(),
});
export type MemberMonthOut = z.infer<typeof memberMonthOut>;

export const cellMonthOut = z.object({
  /** dissolvedOn: the day the unit was dissolved; its sheets are then read-only. */
  unit: z.object({ id: z.number().int(), name: z.string(), dissolvedOn: z.string().nullable() }),
  month: z.string(),
  ruleSet: ruleSetOut,
  /** The caller may record payments for this cell (never once it is dissolved). */
  canRecord: z.boolean(),
  members: z.array(
    z.object({
      memberId: z.number().int(),
      fullName: z.string(),
      dues: memberMonthOut,
      /** Still owed over the 12 months before this one. */
      arrearsBefore: z.number().int(),
    }),
  ),
  totals: z.object({ due: z.number().int(), paid: z.number().int(), members: z.number().int(), paidMembers: z.number().int() }),
});
export type CellMonthOut = z.infer<typeof cellMonthOut>;

export const memberDuesOut = z.object({
  memberId: z.number().int(),
  fullName: z.string(),
  bases: z.array(
    z.object({
      basis: z.enum(DUES_BASES),
      earnings: z.number().int().nullable(),
      fixedAmount: z.number().int().nullable(),
      pastWorkingAge: z.boolean(),
      from: z.string(),
      to: z.string().nullable(),
    }),
  ),
  exemptions: z.array(z.object({ reason: z.string(), label: z.string(), from: z.string(), to: z.string().nullable(), decisionNumber: z.string().nullable() })),
  reductions: z.array(z.object({ percent: z.number().int(), from: z.string(), months: z.number().int(), decisionNumber: z.string().nullable() })),
  months: z.array(memberMonthOut),
  arrears: z.object({
    total: z.number().int(),
    months: z.array(z.object({ month: z.string(), owed: z.number().int() })),
    extra: z.number().int(),
    unknown: z.number().int(),
  }),
  payments: z.array(
    z.object({
      month: z.string(),
      amount: z.number().int(),
      method: z.enum(['cash', 'online']),
      reference: z.string().nullable(),
      paidOn: z.string(),
      recordedAt: z.string(),
      replaced: z.boolean(),
    }),
  ),
});

export const arrearsOut = z.object({
  unit: z.object({ id: z.number().int(), name: z.string() }),
  from: z.string(),
  to: z.string(),
  members: z.array(
    z.object({
      memberId: z.number().int(),
      fullName: z.string(),
      unitId: z.number().int(),
      total: z.number().int(),
      months: z.array(z.object({ month: z.string(), owed: z.number().int().nullable() })),
      /** Months owed with nothing paid (grounds for striking off at 3 within 12 months). */
      unpaidMonths: z.array(z.string()),
    }),
  ),
  total: z.number().int(),
});
