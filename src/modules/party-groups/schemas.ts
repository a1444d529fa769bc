// Party groups (tổ đảng) of a cell: schemas in and out.

import { z } from 'zod';
import { nameText } from '../../http/name-text.ts';
import { recordId } from '../../http/record-id.ts';
import { decisionNumber, isoDate } from '../units/schemas.ts';

const groupName = nameText(300);

export const onQuery = z.strictObject({ on: isoDate.optional() });

export const createGroupBody = z.strictObject({ name: groupName, effectiveOn: isoDate, decisionNumber: decisionNumber.optional() });
export type CreateGroupInput = z.infer<typeof createGroupBody>;
export const renameGroupBody = z.strictObject({ name: groupName, effectiveOn: isoDate, decisionNumber: decisionNumber.optional() });
export type RenameGroupInput = z.infer<typeof renameGroupBody>;
export const closeGroupBody = z.strictObject({ effectiveOn: isoDate, decisionNumber: decisionNumber.optional() });
export type CloseGroupInput = z.infer<typeof closeGroupBody>;
/** The group's members from `effectiveOn`: those listed join (leaving another group of the cell), the others leave. */
export const setMembersBody = z.strictObject({ memberIds: z.array(recordId).max(2000), effectiveOn: isoDate });
export type SetMembersInput = z.infer<typeof setMembersBody>;

const person = z.object({ memberId: z.number(), fullName: z.string() });
export const groupOut = z.object({
  id: z.number(),
  code: z.string(),
  name: z.string(),
  establishedOn: z.string(),
  dissolvedOn: z.string().nullable(),
  members: z.array(person.extend({ since: z.string() })),
});
export const groupsOut = z.object({
  cellId: z.number(),
  on: z.string(),
  /** May the caller create groups and assign members (write_members over the cell). */
  canManage: z.boolean(),
  groups: z.array(groupOut),
  /** Members of the cell on the date who belong to no group. */
  unassigned: z.array(person),
});
export type GroupsOut = z.infer<typeof groupsOut>;
