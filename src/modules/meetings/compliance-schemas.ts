import { z } from 'zod';
import { isReportPeriod, reportPeriodIssue } from '../../domain/report-period.ts';
import { recordIdText } from '../../http/record-id.ts';
import { isoDate } from '../units/schemas.ts';

export const complianceQuery = z
  .strictObject({
    unitId: recordIdText,
    from: isoDate,
    to: isoDate,
    /** The report date (default today): months after it are not yet due. */
    asOf: isoDate.optional(),
  })
  .refine((q) => isReportPeriod(q.from, q.to), reportPeriodIssue);

const grades = z.object({ tot: z.number(), kha: z.number(), trung_binh: z.number(), kem: z.number(), ungraded: z.number() });

export const complianceOut = z.object({
  unit: z.object({ id: z.number(), name: z.string() }),
  from: z.string(),
  to: z.string(),
  asOf: z.string(),
  monthsRequired: z.array(z.string()),
  quartersRequired: z.array(z.string()),
  cells: z.array(
    z.object({
      unitId: z.number(),
      unitName: z.string(),
      monthsRequired: z.number(),
      monthsHeld: z.number(),
      missingMonths: z.array(z.string()),
      everyMonth: z.boolean().nullable(),
      thematicByQuarter: z.record(z.string(), z.number()),
      thematicEveryQuarter: z.boolean().nullable(),
      meetingsHeld: z.number(),
      expected: z.number(),
      present: z.number(),
      attendanceRate: z.number().nullable(),
      grades,
    }),
  ),
  summary: z.object({
    cells: z.number(),
    cellsEveryMonth: z.number(),
    cellsMonthlyApplicable: z.number(),
    cellsEveryMonthRate: z.number().nullable(),
    cellsThematicEveryQuarter: z.number(),
    cellsThematicApplicable: z.number(),
    cellsThematicEveryQuarterRate: z.number().nullable(),
    meetingsHeld: z.number(),
    expected: z.number(),
    present: z.number(),
    attendanceRate: z.number().nullable(),
    grades,
  }),
  strikeOffWarnings: z.array(
    z.object({ memberId: z.number(), fullName: z.string(), unitId: z.number(), unitName: z.string(), absences: z.number(), dates: z.array(z.string()) }),
  ),
  thisMonth: z.object({
    month: z.string(),
    deadline: z.string(),
    overdue: z.boolean(),
    cellsWithoutMeeting: z.array(z.object({ unitId: z.number(), unitName: z.string() })),
  }),
});
