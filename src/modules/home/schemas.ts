// What GET /api/v1/home answers (see home.ts for who gets which part).

import { z } from 'zod';
import { recordIdText } from '../../http/record-id.ts';
import { deadlineKind, stageSchema } from '../admissions/schemas.ts';
import { meetingKind, minutesStatus, qualityGrade } from '../meetings/schemas.ts';
import { openTaskOut, taskOut } from '../tasks/schemas.ts';

const stepOut = z.object({
  key: z.enum(['plan', 'notice', 'rollCall', 'minutes', 'grade', 'adopt']),
  state: z.enum(['done', 'todo', 'late', 'waiting']),
  dueOn: z.string().nullable(),
});

export const previousResolutionOut = z.object({
  meetingId: z.number(),
  heldOn: z.string(),
  resolutionItems: z.array(z.string()),
  actionItems: z.array(
    z.object({
      id: z.number(),
      assignee: z.string(),
      description: z.string(),
      dueOn: z.string().nullable(),
      status: z.enum(['open', 'done']),
      overdue: z.boolean(),
    }),
  ),
});

const secretaryCellOut = z.object({
  unitId: z.number(),
  unitName: z.string(),
  /** The month worked on: this month until its meeting is adopted, then the next. */
  month: z.string(),
  planDeadline: z.string(),
  meeting: z
    .object({
      id: z.number(),
      heldOn: z.string(),
      startTime: z.string(),
      endTime: z.string(),
      place: z.string(),
      topic: z.string(),
      minutes: minutesStatus,
      graded: z.boolean(),
    })
    .nullable(),
  steps: z.array(stepOut),
  previous: previousResolutionOut.nullable(),
  /** The cell's overdue tasks (from the minutes: meetingId; assigned directly: null). */
  overdue: z.array(
    z.object({
      id: z.number(),
      meetingId: z.number().nullable(),
      meetingHeldOn: z.string().nullable(),
      assignee: z.string(),
      description: z.string(),
      dueOn: z.string(),
    }),
  ),
});

const committeeOut = z.object({
  unitId: z.number(),
  unitName: z.string(),
  month: z.string(),
  cells: z.array(
    z.object({
      unitId: z.number(),
      unitName: z.string(),
      meetingId: z.number().nullable(),
      heldOn: z.string().nullable(),
      planned: z.boolean(),
      held: z.boolean(),
      adopted: z.boolean(),
      graded: z.boolean(),
      /** The meeting has ended (its planned end is past). */
      ended: z.boolean(),
    }),
  ),
  /** More cells than one screen: the compliance report lists them all. */
  truncated: z.boolean(),
  assigned: z.array(
    z.object({
      meetingId: z.number(),
      unitId: z.number(),
      unitName: z.string(),
      heldOn: z.string(),
      startTime: z.string(),
      endTime: z.string(),
      place: z.string(),
      topic: z.string(),
      guestName: z.string(),
      mine: z.boolean(),
      confirmed: z.boolean(),
    }),
  ),
});

export const homeOut = z.object({
  today: z.string(),
  cells: z.array(secretaryCellOut),
  committees: z.array(committeeOut),
  /** Running admission deadlines in the units granted (admissions/home-deadlines.ts), overdue first. */
  admissions: z.object({
    items: z.array(
      z.object({
        candidateId: z.number(),
        fullName: z.string(),
        unitId: z.number(),
        unitName: z.string(),
        stage: stageSchema,
        kind: deadlineKind,
        dueOn: z.string(),
        overdue: z.boolean(),
      }),
    ),
    truncated: z.boolean(),
  }),
  /** The account is linked to a member: their meetings and notices are shown too. */
  member: z.boolean(),
  /** The caller's own open tasks, overdue first (the full list: GET /me/tasks). */
  myTasks: z.array(taskOut),
});

export const planDefaultsQuery = z.strictObject({
  unitId: recordIdText,
  month: z
    .string()
    .regex(/^(19|20)\d{2}-(0[1-9]|1[0-2])$/, { message: 'fields.invalid_month' })
    .optional(),
});

export const planDefaultsOut = z.object({
  unitId: z.number(),
  month: z.string(),
  date: z.string(),
  startTime: z.string(),
  endTime: z.string(),
  place: z.string().nullable(),
  usualDay: z.number(),
  planned: z.object({ id: z.number(), heldOn: z.string() }).nullable(),
  previous: previousResolutionOut.nullable(),
  /** The cell's tasks still open today: the plan carries them into the month. */
  openTasks: z.array(openTaskOut),
});

export const calendarQuery = z.strictObject({
  unitId: recordIdText,
  year: z.coerce.number().int().min(1990).max(2100),
});

export const calendarOut = z.object({
  unit: z.object({ id: z.number(), name: z.string(), kind: z.string() }),
  year: z.number(),
  today: z.string(),
  months: z.array(
    z.object({
      month: z.string(),
      meetings: z.array(
        z.object({ id: z.number(), kind: meetingKind, heldOn: z.string(), state: z.enum(['planned', 'held', 'adopted']), grade: qualityGrade.nullable() }),
      ),
    }),
  ),
});
