import { z } from 'zod';
import { atLeastOneField } from '../../http/patch-body.ts';
import { recordId, recordIdText } from '../../http/record-id.ts';
import { roleSchema } from '../auth/schemas.ts';

export const userOut = z.object({
  id: z.number(),
  username: z.string(),
  displayName: z.string(),
  memberId: z.number().nullable(),
  isActive: z.boolean(),
  grants: z.array(z.object({ id: z.number(), role: roleSchema, unitId: z.number(), unitName: z.string(), includeSubtree: z.boolean() })),
});

export const createUserBody = z.strictObject({
  username: z
    .string()
    .trim()
    .toLowerCase()
    // Upper case is accepted and stored lower case: the published pattern says what may be sent.
    .regex(/^[a-zA-Z0-9._-]{3,50}$/, { message: 'users.bad_username' }),
  displayName: z.string().trim().min(1).max(200),
  // Checked against the password rules by the use case (assertAcceptablePassword).
  password: z.string().max(1000),
  memberId: recordId.nullable().optional(),
});

export const updateUserBody = atLeastOneField(
  z.strictObject({
    displayName: z.string().trim().min(1).max(200).optional(),
    isActive: z.boolean().optional(),
    memberId: recordId.nullable().optional(),
    password: z.string().max(1000).optional(),
  }),
);

export const grantBody = z.strictObject({
  role: roleSchema,
  unitId: recordId,
  includeSubtree: z.boolean().default(true),
});

export const cellAccountsBody = z.strictObject({ unitId: recordId });
const accountLine = z.object({ memberId: z.number(), fullName: z.string(), username: z.string() });
export const cellAccountsOut = z.object({
  unit: z.object({ id: z.number(), name: z.string() }),
  created: z.array(accountLine.extend({ password: z.string() })),
  existing: z.array(accountLine),
});

export const grantParams = z.strictObject({
  id: recordIdText,
  grantId: recordIdText,
});

export const tokenBody = z.strictObject({
  name: z.string().trim().min(1).max(100),
  /** Days until the token stops working; 90 (the most) when not given. */
  expiresInDays: z.number().int().min(1).max(90).optional(),
});
export const tokenOut = z.object({ id: z.number(), name: z.string(), createdAt: z.string(), lastUsedAt: z.string().nullable(), expiresAt: z.string() });
export const newTokenOut = tokenOut.extend({ token: z.string() });
