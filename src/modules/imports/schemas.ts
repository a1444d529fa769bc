import { z } from 'zod';
import { recordIdText } from '../../http/record-id.ts';
import { NUL } from '../members/schemas.ts';

export const importQuery = z.strictObject({
  unitId: recordIdText,
  mode: z.enum(['dry-run', 'apply']).default('dry-run'),
});

export const rowErrorOut = z.object({ row: z.number(), column: z.string(), message: z.string() });

export const importReportOut = z.object({
  mode: z.enum(['dry-run', 'apply']),
  imported: z.boolean(),
  totalRows: z.number(),
  valid: z.number(),
  created: z.number(),
  updated: z.number(),
  errors: z.array(rowErrorOut),
});

const errorText = (max: number) =>
  z
    .string()
    .max(max)
    .refine((v) => !NUL.test(v), { message: 'members.bad_characters' });

/** The refused rows of a report, sent back to be written as a workbook. */
export const importErrorsBody = z.strictObject({
  fileName: errorText(255).optional(),
  errors: z
    .array(z.strictObject({ row: z.number().int().min(0).max(10_000_000), column: errorText(200), message: errorText(2000) }))
    .min(1)
    .max(5000),
});
export type ImportErrorsBody = z.infer<typeof importErrorsBody>;
