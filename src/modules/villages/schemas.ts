// Villages (thôn, bản, tổ dân phố), where members live, and yearly admission targets: schemas in and out.

import { z } from 'zod';
import { nameText } from '../../http/name-text.ts';
import { recordId } from '../../http/record-id.ts';
import { decisionNumber, isoDate } from '../units/schemas.ts';

export const villageKind = z.enum(['thon', 'ban', 'to_dan_pho']);
export type VillageKind = z.infer<typeof villageKind>;
const villageName = nameText(200);

export const onQuery = z.strictObject({ on: isoDate.optional() });

/** One or many villages of a cell at once (a commune's list typed or pasted from a sheet). */
export const createVillagesBody = z.strictObject({
  villages: z
    .array(z.strictObject({ name: villageName, kind: villageKind, establishedOn: isoDate, decisionNumber: decisionNumber.optional() }))
    .min(1)
    .max(500),
});
export type CreateVillagesInput = z.infer<typeof createVillagesBody>;
export const mergeVillageBody = z.strictObject({ intoVillageId: recordId, effectiveOn: isoDate, decisionNumber: decisionNumber.optional() });
export type MergeVillageInput = z.infer<typeof mergeVillageBody>;
export const dissolveVillageBody = z.strictObject({ effectiveOn: isoDate, decisionNumber: decisionNumber.optional() });
export type DissolveVillageInput = z.infer<typeof dissolveVillageBody>;

/** Where the member lives from `effectiveOn` (null: no village of ours, e.g. moved away). */
export const setResidenceBody = z.strictObject({ villageId: recordId.nullable(), effectiveOn: isoDate });
export type SetResidenceInput = z.infer<typeof setResidenceBody>;

export const villageOut = z.object({
  id: z.number(),
  name: z.string(),
  kind: villageKind,
  cellId: z.number(),
  cellName: z.string(),
  establishedOn: z.string(),
  dissolvedOn: z.string().nullable(),
  mergedIntoId: z.number().nullable(),
  decisionNumber: z.string().nullable(),
  /** Members living there on the date. */
  residents: z.number(),
  /** Bản trắng đảng viên: no member lives there on the date. */
  white: z.boolean(),
});
export const villagesOut = z.object({
  unitId: z.number(),
  on: z.string(),
  /** May the caller add, merge and dissolve villages here (write_members over the unit). */
  canManage: z.boolean(),
  villages: z.array(villageOut),
});
export type VillagesOut = z.infer<typeof villagesOut>;

export const residenceOut = z.object({
  memberId: z.number(),
  history: z.array(z.object({ villageId: z.number(), villageName: z.string(), validFrom: z.string(), validTo: z.string().nullable() })),
});
export type ResidenceOut = z.infer<typeof residenceOut>;

const year = z.coerce.number().int().min(1930).max(2200);
export const yearQuery = z.strictObject({ year: year.optional() });
export const setTargetsBody = z.strictObject({
  year: z.number().int().min(1930).max(2200),
  /** target null: the cell has no target this year. */
  targets: z
    .array(z.strictObject({ cellId: recordId, target: z.number().int().min(0).max(10000).nullable() }))
    .min(1)
    .max(2000),
});
export type SetTargetsInput = z.infer<typeof setTargetsBody>;
export const targetsOut = z.object({
  unitId: z.number(),
  year: z.number(),
  /** The cells under the unit (on 31/12 of the year, or today for the current year). */
  on: z.string(),
  canManage: z.boolean(),
  cells: z.array(z.object({ cellId: z.number(), name: z.string(), target: z.number().nullable(), admitted: z.number() })),
});
export type TargetsOut = z.infer<typeof targetsOut>;
