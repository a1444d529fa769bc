import { z } from 'zod';

const urlId = z.string().regex(/^[1-9][0-9]{0,9}$/, { message: 'members.bad_id' }).transform(Number)
  .pipe(z.number().max(2_147_483_647, { message: 'members.bad_id' }));

export const importQuery = z.strictObject({
  unitId: urlId,
  mode: z.enum(['dry-run', 'apply']).default('dry-run'),
});

export const rowErrorOut = z.object({ row: z.number(), column: z.string(), message: z.string() });

export const importReportOut = z.object({
  mode: z.enum(['dry-run', 'apply']),
  totalRows: z.number(),
  valid: z.number(),
  created: z.number(),
  updated: z.number(),
  errors: z.array(rowErrorOut),
});
