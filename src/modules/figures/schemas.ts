// The figures API (issue 7 contract, shared with the dashboard): every share is {n, of}.
import { z } from 'zod';
import { ADMISSION_STAGES } from '../../domain/admission.ts';
import { isReportPeriod, reportPeriodIssue } from '../../domain/report-period.ts';
import { recordIdText } from '../../http/record-id.ts';
import { isoDate, viewDateUpToToday } from '../units/schemas.ts';

export const unitParams = z.strictObject({ unitId: recordIdText });
/** The date figures are read on: today at the latest (a later date would show today's records as a projection nobody asked for). */
export const figuresDate = viewDateUpToToday('figures.date_in_future');
export const unitFiguresQuery = z.strictObject({ date: figuresDate.optional() });
/** A grading period's dates (a period opened with exactly these dates is counted). */
export const gradingFiguresQuery = z
  .strictObject({ from: isoDate, to: isoDate })
  .refine((q) => q.to >= q.from, { message: 'grading.ends_before_start', path: ['to'] });
export const meetingFiguresQuery = z.strictObject({ from: isoDate, to: isoDate }).refine((q) => isReportPeriod(q.from, q.to), reportPeriodIssue);

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

// ── Growth against targets and white villages (issue 10 item 6: growth-figures.ts, village-figures.ts) ──
const growthLine = z.object({
  unitId: z.number(),
  name: z.string(),
  target: z.number().nullable(),
  admitted: z.number(),
  cells: z.number(),
  cellsWithTarget: z.number(),
  cellsReached: z.number(),
});
export const growthFiguresOut = z.object({
  unitId: z.number(),
  date: z.string(),
  year: z.number(),
  from: z.string(),
  total: growthLine,
  subUnits: z.array(growthLine),
  cells: z.array(growthLine),
  /** Candidates of the admissions pipeline by stage, and in the awareness course, on the date. */
  candidates: z.object({ byStage: z.record(z.string(), z.number()), inAwarenessCourse: z.number() }),
});
export const villageFiguresOut = z.object({
  unitId: z.number(),
  date: z.string(),
  yearStart: z.string(),
  atYearStart: z.object({ n: z.number(), of: z.number() }),
  onDate: z.object({ n: z.number(), of: z.number() }),
  removed: z.number(),
  white: z.array(
    z.object({
      id: z.number(),
      name: z.string(),
      kind: z.enum(['thon', 'ban', 'to_dan_pho']),
      cellId: z.number(),
      cellName: z.string(),
      candidates: z.number().optional(),
    }),
  ),
});

/** GET /figures/units/{id}/admissions (admission-figures.ts). */
export const admissionFiguresOut = z.object({
  unit: z.object({ id: z.number(), name: z.string() }),
  from: z.string(),
  to: z.string(),
  admitted: z.number(),
  byStage: z.record(z.enum(ADMISSION_STAGES), z.number()),
  inAwarenessCourse: z.number(),
});
// Party dues (issue 10 item 5): a unit's dues for a month, whole đồng.
export const duesFiguresQuery = z.strictObject({ month: z.string().regex(/^(20\d\d|2100)-(0[1-9]|1[0-2])$/, { message: 'dues.invalid_month' }) });
const duesHeadline = z.object({
  /** Đồng collected towards what was due (extras apart) of the đồng due. */
  collection: shareOut,
  /** Voluntary extra, đồng. */
  extra: z.number(),
  /** Members who paid something of the members who owed something. */
  paidMembers: shareOut,
  /** Members with something still owed over the 12 months ending with the month, of all members. */
  inArrears: shareOut,
  /** Members whose amount could not be computed (a salary or pension missing). */
  unknownDue: z.number(),
});
export const duesFiguresOut = z.object({
  unit: figuresUnitOut,
  month: z.string(),
  ...duesHeadline.shape,
  subUnits: z.array(z.object({ id: z.number(), name: z.string(), kind: unitKind, ...duesHeadline.shape })),
});
export type DuesFiguresOut = z.infer<typeof duesFiguresOut>;
/** Tasks that fell due in the period in the unit's subtree, by the secretary's assessment (task-figures.ts). */
export const taskFiguresOut = z.object({
  unit: figuresUnitOut,
  from: z.string(),
  to: z.string(),
  assigned: z.number(),
  open: z.number(),
  overdue: z.number(),
  byOutcome: counts,
  completed: shareOut,
  onTime: shareOut,
  exceeded: shareOut,
  notDone: shareOut,
  assessed: shareOut,
  byProgramme: z.array(z.object({ programme: z.string().nullable(), name: z.string().nullable(), assigned: z.number(), completed: shareOut })),
});
export type TaskFiguresOut = z.infer<typeof taskFiguresOut>;
