import { z } from 'zod';

export const isoDate = z.iso.date({ message: 'fields.invalid_date' });
export const unitKind = z.enum(['dang_bo_tinh', 'dang_bo_xa', 'dang_bo_co_so', 'chi_bo_co_so', 'chi_bo', 'dang_bo_bo_phan', 'to_dang']);
export const decisionNumber = z.string().trim().min(1).max(100);

export const createUnitBody = z.strictObject({
  code: z.string().trim().min(1).max(50).regex(/^[A-Za-z0-9._-]+$/, { message: 'units.bad_code' }),
  name: z.string().trim().min(1).max(300),
  kind: unitKind,
  parentId: z.number().int().positive().nullable(),
  establishedOn: isoDate,
  decisionNumber: decisionNumber.optional(),
});
export type CreateUnitInput = z.infer<typeof createUnitBody>;

export const unitOut = z.object({
  id: z.number(),
  code: z.string(),
  name: z.string(),
  kind: unitKind,
  parentId: z.number().nullable(),
  depth: z.number(),
  establishedOn: z.string(),
  dissolvedOn: z.string().nullable(),
});
