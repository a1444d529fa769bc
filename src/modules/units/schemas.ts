import { z } from 'zod';
import { todayInVietnam } from '../../domain/calendar.ts';
import { nameText } from '../../http/name-text.ts';
import { recordId, recordIdParams, recordIdText } from '../../http/record-id.ts';

// Dates of this domain fall between 1900 and 2100: a year 0000 or 10000 is a typo, and
// PostgreSQL or a per-month loop over it would fail or run for minutes. (A value that is
// not YYYY-MM-DD already has its error; abort: a date out of range gets this one error,
// not also the caller's own narrower rule.)
// A missing date keeps zod's own issue, said as "required", not as a date that does not exist.
export const isoDate = z.iso
  .date({ error: (issue) => (issue.input === undefined ? undefined : 'fields.invalid_date') })
  .refine((d) => !/^\d{4}-\d{2}-\d{2}$/.test(d) || (d >= '1900-01-01' && d <= '2100-12-31'), { message: 'fields.date_out_of_range', abort: true });
/** A date something is looked at on (the tree, a unit, figures): today at the latest, since nothing is recorded after today. */
export const viewDateUpToToday = (message: string) =>
  // A value that is not a date already has its one error (isoDate's): no second about today.
  isoDate.refine((d) => !/^\d{4}-\d{2}-\d{2}$/.test(d) || d <= todayInVietnam(), { message });
export const unitKind = z.enum([
  'toan_dang',
  'dang_bo_truc_thuoc_tw',
  'dang_bo_tinh',
  'dang_bo_huyen',
  'dang_bo_quan',
  'dang_bo_thi_xa',
  'dang_bo_thanh_pho',
  'dang_bo_khoi',
  'dang_bo_xa',
  'dang_bo_co_so',
  'chi_bo_co_so',
  'chi_bo',
  'dang_bo_bo_phan',
  'to_dang',
]);
export const decisionNumber = z.string().trim().min(1).max(100);
const unitCode = z
  .string()
  .trim()
  .min(1)
  .max(50)
  .regex(/^[A-Za-z0-9._-]+$/, { message: 'units.bad_code' });
const unitName = nameText(300);

export const createUnitBody = z.strictObject({
  code: unitCode,
  name: unitName,
  kind: unitKind,
  parentId: recordId.nullable(),
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
export type UnitOut = z.infer<typeof unitOut>;

// ---- reads ----

export const committeeParams = recordIdParams.extend({ committeeId: recordIdText });
export const atQuery = z.strictObject({ at: viewDateUpToToday('units.view_date_in_future').optional() });
export const childrenQuery = atQuery.extend({ parentId: recordIdText.optional() });
export const searchQuery = atQuery.extend({ q: z.string().trim().min(1).max(200) });

export const childOut = z.object({
  id: z.number(),
  code: z.string(),
  name: z.string(),
  kind: unitKind,
  parentId: z.number().nullable(),
  childCount: z.number(),
  memberCount: z.number(),
});
export type ChildOut = z.infer<typeof childOut>;
export const childrenOut = z.object({ at: z.string(), items: z.array(childOut) });

export const searchOut = z.object({
  items: z.array(z.object({ id: z.number(), code: z.string(), name: z.string(), kind: unitKind, path: z.array(z.string()) })),
});

export const committeePosition = z.enum(['bi_thu', 'pho_bi_thu', 'cap_uy_vien']);
export const committeeOut = z.object({
  id: z.number(),
  memberId: z.number().nullable(),
  fullName: z.string(),
  position: committeePosition,
  validFrom: z.string(),
  validTo: z.string().nullable(),
  decisionNumber: z.string().nullable(),
});
export type CommitteeOut = z.infer<typeof committeeOut>;

export const unitCounts = z.object({
  members: z.number(),
  cells: z.number(),
  grassroots: z.number(),
  exempted: z.number(),
  probationary: z.number(),
});

export const organisationCounts = z.object({
  grassroots: z.object({ n: z.number(), committees: z.number(), cells: z.number() }),
  cells: z.object({ n: z.number(), underCommittees: z.number(), grassrootsCells: z.number() }),
});

export const unitDetailOut = z.object({
  unit: unitOut,
  ancestors: z.array(z.object({ id: z.number(), name: z.string() })),
  /** The parent's kind on the date (null for a root), whether or not the caller may see the parent. */
  parentKind: unitKind.nullable(),
  committee: z.array(committeeOut),
  counts: unitCounts,
  /** counts.grassroots and counts.cells, split: committees and grassroots cells; cells under committees and grassroots cells. */
  organisations: organisationCounts,
  /** The counting rules the figures follow on the date (which units count as grassroots organisations, and why). */
  countingRule: z.object({ code: z.string(), title: z.string(), source: z.string(), notes: z.string() }),
  children: z.array(childOut),
  canEdit: z.boolean(),
});

export const historyOut = z.object({
  items: z.array(
    z.object({
      id: z.number(),
      kind: z.enum(['create', 'rename', 'move', 'merge', 'split', 'dissolve', 'reclassify']),
      effectiveOn: z.string(),
      decisionNumber: z.string().nullable(),
      note: z.string().nullable(),
      details: z.record(z.string(), z.unknown()),
    }),
  ),
});

// ---- restructuring: each carries the date it takes effect and the decision behind it ----

const decided = { effectiveOn: isoDate, decisionNumber };

export const renameBody = z.strictObject({ name: unitName, ...decided });
export type RenameInput = z.infer<typeof renameBody>;

export const moveBody = z.strictObject({ parentId: recordId, ...decided });
export type MoveInput = z.infer<typeof moveBody>;

export const mergeBody = z.strictObject({
  sourceIds: z.array(recordId).min(1).max(100),
  target: z.union([z.strictObject({ unitId: recordId }), z.strictObject({ code: unitCode, name: unitName, kind: unitKind, parentId: recordId.nullable() })]),
  ...decided,
});
export type MergeInput = z.infer<typeof mergeBody>;

export const splitBody = z.strictObject({
  parts: z
    .array(
      z.strictObject({
        code: unitCode,
        name: unitName,
        kind: unitKind,
        memberIds: z.array(recordId).max(10_000),
        childUnitIds: z.array(recordId).max(1_000),
      }),
    )
    .min(2)
    .max(50),
  ...decided,
});
export type SplitInput = z.infer<typeof splitBody>;

export const reclassifyBody = z.strictObject({
  kind: unitKind,
  ...decided,
  /** The day the decision was signed, when it differs from the day it takes effect. */
  decisionDate: isoDate.optional(),
  note: z.string().trim().min(1).max(1000).optional(),
});
export type ReclassifyInput = z.infer<typeof reclassifyBody>;

export const dissolveBody = z.strictObject({ ...decided });
export type DissolveInput = z.infer<typeof dissolveBody>;

export const restructureOut = z.object({ eventId: z.number(), unit: unitOut });
export const mergeOut = z.object({
  eventId: z.number(),
  target: unitOut,
  dissolvedIds: z.array(z.number()),
  membersMoved: z.number(),
  childUnitsMoved: z.number(),
});
export const splitOut = z.object({ eventId: z.number(), parts: z.array(unitOut), dissolvedId: z.number() });

export const addCommitteeBody = z.strictObject({
  memberId: recordId.nullable().optional(),
  fullName: nameText(200),
  position: committeePosition,
  validFrom: isoDate,
  decisionNumber: decisionNumber.optional(),
});
export type AddCommitteeInput = z.infer<typeof addCommitteeBody>;
export const endCommitteeBody = z.strictObject({ validTo: isoDate });
