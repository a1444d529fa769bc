import { z } from 'zod';

export const roleSchema = z.enum(['admin', 'org_officer', 'committee', 'secretary', 'member']);

export const loginBody = z.strictObject({
  username: z.string().trim().min(1).max(100),
  password: z.string().min(1).max(1000),
});

export const passwordChangeBody = z.strictObject({
  currentPassword: z.string().min(1).max(1000),
  // The rules (length in characters, common passwords, the username) are checked by
  // assertAcceptablePassword, which knows the username; this only bounds the input.
  newPassword: z.string().max(1000),
});

export const grantOut = z.object({
  id: z.number(),
  role: roleSchema,
  unitId: z.number(),
  unitName: z.string(),
  includeSubtree: z.boolean(),
});

export const meOut = z.object({
  id: z.number(),
  username: z.string(),
  displayName: z.string(),
  memberId: z.number().nullable(),
  /** Logged in with a one-time password: the app asks for a new one before anything else. */
  mustChangePassword: z.boolean(),
  grants: z.array(grantOut),
  permissions: z.array(z.string()),
});

export const okOut = z.object({ ok: z.literal(true) });
