import { z } from 'zod';
import { recordIdText } from '../../http/record-id.ts';

export const conflictListQuery = z.strictObject({ status: z.enum(['open', 'resolved', 'all']).default('open') });
export const conflictIdParams = z.strictObject({
  id: recordIdText,
});
export const resolveConflictBody = z.strictObject({ note: z.string().trim().min(1).max(2000) });

export const conflictOut = z.object({
  id: z.number(),
  kind: z.enum(['party_card_number', 'citizen_id']),
  value: z.string(),
  source: z.enum(['import', 'member.create', 'member.update']),
  status: z.enum(['open', 'resolved']),
  createdAt: z.string(),
  submittedBy: z.string().nullable(),
  fromUnitId: z.number(),
  fromUnitName: z.string(),
  existingMemberId: z.number(),
  existingMemberName: z.string(),
  existingUnitId: z.number(),
  existingUnitName: z.string(),
  resolutionNote: z.string().nullable(),
  resolvedBy: z.string().nullable(),
  resolvedAt: z.string().nullable(),
});
export const conflictListOut = z.object({ items: z.array(conflictOut) });
