// The figures API (issue 7 contract, shared with the dashboard): every share is {n, of}.
import { z } from 'zod';
import { id } from '../meetings/schemas.ts';
import { isoDate } from '../units/schemas.ts';

// A period covers at most ten years (two terms), like the compliance report.
const MAX_YEARS = 10;

export const unitParams = z.strictObject({ unitId: id });
export const unitFiguresQuery = z.strictObject({ date: isoDate.optional() });
/** A grading period's dates (a period opened with exactly these dates is counted). */
export const gradingFiguresQuery = z
  .strictObject({ from: isoDate, to: isoDate })
  .refine((q) => q.to >= q.from, { message: 'grading.ends_before_start', path: ['to'] });
export const meetingFiguresQuery = z
  .strictObject({ from: isoDate, to: isoDate })
  .refine((q) => q.from <= q.to && q.to < `${Number(q.from.slice(0, 4)) + MAX_YEARS}${q.from.slice(4)}`, {
    message: 'meetings.compliance_period',
    path: ['to'],
    params: { years: MAX_YEARS },
  });

const shareOut = z.object({ n: z.number(), of: z.number() });
const counts = z.array(z.object({ key: z.string(), n: z.number() }));
const unitKind = z.string();

export const figuresUnitOut = z.object({
  id: z.number(),
  code: z.string(),
  name: z.string(),
  kind: unitKind,
  parent: z.object({ id: z.number(), name: z.string() }).nullable(),
});

export const unitFiguresOut = z.object({
  unit: figuresUnitOut,
  date: z.string(),
  members: z.object({
    total: z.number(),
    byStatus: counts,
    bySex: counts,
    byAgeBand: counts,
    byAgeBandAndSex: z.array(z.object({ key: z.string(), nam: z.number(), nu: z.number() })),
    byEthnicity: counts,
    byReligion: counts,
    byEducation: counts,
    byTheoryLevel: counts,
    byPartyAge: counts,
  }),
  exempted: shareOut,
  probationary: shareOut,
  organisations: z.object({
    grassroots: z.object({ n: z.number(), committees: z.number(), cells: z.number() }),
    cells: z.object({ n: z.number(), underCommittees: z.number(), grassrootsCells: z.number() }),
    rule: z.object({ code: z.string(), source: z.string() }),
  }),
  subUnits: z.array(
    z.object({
      id: z.number(),
      code: z.string(),
      name: z.string(),
      kind: unitKind,
      childCount: z.number(),
      members: z.number(),
      cells: z.number(),
      grassroots: z.number(),
    }),
  ),
});
export type UnitFiguresOut = z.infer<typeof unitFiguresOut>;

export const meetingFiguresOut = z.object({
  unit: figuresUnitOut,
  from: z.string(),
  to: z.string(),
  meetingsHeld: z.number(),
  monthlyCompliance: shareOut,
  thematic: shareOut,
  attendanceRate: shareOut,
  quality: z.array(z.object({ grade: z.string(), n: z.number() })),
  graded: shareOut,
  strikingOffWarnings: z.number(),
  trend: z.array(z.object({ month: z.string(), compliance: shareOut, attendance: shareOut })),
  subUnits: z.array(
    z.object({
      id: z.number(),
      code: z.string(),
      name: z.string(),
      kind: unitKind,
      meetingsHeld: z.number(),
      compliance: shareOut,
      attendance: shareOut,
    }),
  ),
});
export type MeetingFiguresOut = z.infer<typeof meetingFiguresOut>;
