// Contracts of tasks (phân công nhiệm vụ): what the web app sends and reads.
import { z } from 'zod';
import { TASK_OUTCOMES, TASK_STATES } from '../../domain/tasks.ts';
import { atLeastOneField } from '../../http/patch-body.ts';
import { recordId, recordIdParams, recordIdText } from '../../http/record-id.ts';
import { optionalText, text } from '../meetings/schemas.ts';
import { isoDate } from '../units/schemas.ts';

export const taskOutcome = z.enum(TASK_OUTCOMES);
export const taskState = z.enum(TASK_STATES);
const amount = z.number().min(0).max(1_000_000_000);
const programmeCode = z.string().regex(/^[a-z][a-z0-9_]{1,40}$/, { message: 'tasks.unknown_programme' });

export const taskParams = recordIdParams;
export const reportParams = z.strictObject({ id: recordIdText, reportId: recordIdText });
export const fileParams = z.strictObject({ id: recordIdText, fileId: recordIdText });

export const listTasksQuery = z.strictObject({
  unitId: recordIdText,
  /** open: not yet assessed (overdue included); overdue; closed: assessed; all. */
  state: z.enum(['open', 'overdue', 'closed', 'all']).default('all'),
});

const taskFields = {
  title: text(2000),
  programme: programmeCode.nullable().optional(),
  dueOn: isoDate,
  expectedResult: optionalText(5000),
  /** A measurable target (e.g. 50 households), with its unit of measure. */
  targetValue: amount.nullable().optional(),
  targetUnit: optionalText(100),
  assigneeIds: z.array(recordId).min(1).max(200),
};

export const createTaskBody = z.strictObject({ unitId: recordId, ...taskFields });
export type CreateTaskInput = z.infer<typeof createTaskBody>;

export const updateTaskBody = atLeastOneField(
  z.strictObject({
    title: taskFields.title.optional(),
    programme: taskFields.programme,
    dueOn: isoDate.optional(),
    expectedResult: taskFields.expectedResult,
    targetValue: taskFields.targetValue,
    targetUnit: taskFields.targetUnit,
    assigneeIds: taskFields.assigneeIds.optional(),
  }),
);
export type UpdateTaskInput = z.infer<typeof updateTaskBody>;

export const outcomeBody = z.strictObject({
  /** null reopens the task (the assessment was a mistake). */
  outcome: taskOutcome.nullable(),
  /** The day the work was finished (or judged not done); today when omitted. */
  outcomeOn: isoDate.optional(),
  note: optionalText(2000),
  achievedValue: amount.nullable().optional(),
});
export type OutcomeInput = z.infer<typeof outcomeBody>;

export const reportBody = z.strictObject({
  note: text(5000),
  progressValue: amount.nullable().optional(),
});
export type ReportInput = z.infer<typeof reportBody>;

const assigneeOut = z.object({ memberId: z.number(), fullName: z.string() });

export const taskOut = z.object({
  id: z.number(),
  unitId: z.number(),
  unitName: z.string(),
  source: z.enum(['direct', 'minutes']),
  meetingId: z.number().nullable(),
  meetingHeldOn: z.string().nullable(),
  title: z.string(),
  programme: z.string().nullable(),
  programmeName: z.string().nullable(),
  /** The assignee as the minutes name them, when no member is linked. */
  assigneeLabel: z.string().nullable(),
  assignees: z.array(assigneeOut),
  dueOn: z.string().nullable(),
  expectedResult: z.string().nullable(),
  targetValue: z.number().nullable(),
  targetUnit: z.string().nullable(),
  outcome: taskOutcome.nullable(),
  outcomeOn: z.string().nullable(),
  outcomeNote: z.string().nullable(),
  achievedValue: z.number().nullable(),
  state: taskState,
  daysOverdue: z.number(),
  reportCount: z.number(),
  lastReportAt: z.string().nullable(),
});
export type TaskOut = z.infer<typeof taskOut>;

export const fileOut = z.object({ id: z.number(), fileName: z.string(), contentType: z.string(), sizeBytes: z.number(), uploadedAt: z.string() });

export const taskDetailOut = taskOut.extend({
  reports: z.array(
    z.object({
      id: z.number(),
      note: z.string(),
      progressValue: z.number().nullable(),
      reporter: z.string().nullable(),
      reportedAt: z.string(),
      files: z.array(fileOut),
    }),
  ),
  /** The outcome as recorded and changed over time (from the audit trail). */
  history: z.array(
    z.object({ at: z.string(), actor: z.string().nullable(), outcome: taskOutcome.nullable(), outcomeOn: z.string().nullable(), note: z.string().nullable() }),
  ),
  /** What the caller may do next, so the page shows only those buttons. */
  canManage: z.boolean(),
  canReport: z.boolean(),
});
export type TaskDetailOut = z.infer<typeof taskDetailOut>;

export const taskListOut = z.object({ items: z.array(taskOut), today: z.string() });

export const programmesOut = z.object({ items: z.array(z.object({ code: z.string(), name: z.string() })) });

/** A task still open, as the minutes, the plan form and the secretary's home list it. */
export const openTaskOut = z.object({
  id: z.number(),
  meetingId: z.number().nullable(),
  meetingHeldOn: z.string().nullable(),
  assignee: z.string(),
  description: z.string(),
  dueOn: z.string().nullable(),
  overdue: z.boolean(),
});
