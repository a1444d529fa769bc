// The facts the system holds about a member for a grading period, turned into the facts the
// grading rules test (grading.ts GradingFacts): discipline decided in the period, the tasks
// assigned and how they ended (src/modules/tasks/task-facts.ts, another module), and the
// meeting attendance shown beside them. Pure; entry-facts.ts gathers the rows.
import type { GradingFacts } from './grading.ts';

/** One member's tasks due in the period, each counted once by how it ended (disjoint). */
export interface TaskFacts {
  assigned: number;
  doneOnTime: number;
  exceeded: number;
  late: number;
  notDone: number;
  open: number;
}

export interface AttendanceFacts {
  /** Cell meetings held in the period at which the member's attendance was taken. */
  meetings: number;
  present: number;
  absentExcused: number;
  absentUnexcused: number;
}

export interface MemberAutoFacts {
  attendance: AttendanceFacts;
  /** Discipline decided in the period, oldest first (dates 'YYYY-MM-DD'). */
  disciplines: { form: string; decidedOn: string; decisionNumber: string | null }[];
  /** Null until the task part is wired (or when the system holds no task for the member). */
  tasks: TaskFacts | null;
  /** The residence cells' comments of the period's year (QĐ 213-QĐ/TW), one per residence link. */
  residenceComments: ResidenceComment[];
}

/** A residence cell's comment on a member, or why there is none (HD 33 categories are not asked). */
export interface ResidenceComment {
  residenceUnitId: number;
  residenceUnitName: string;
  state: 'answered' | 'pending' | 'not_requested' | 'not_asked';
  category: string | null;
  keepsContact: boolean | null;
  fulfilsCitizenDuties: boolean | null;
  comment: string | null;
  answeredOn: string | null;
}

/**
 * The rule facts these give. Tasks: only those the secretary has assessed count — exceeding
 * is also done on time; done late is completed but behind schedule; not done is neither. A
 * task still open (not yet due, or not yet assessed) is not held against the member: the
 * cell assesses it, or states the facts itself in its proposal.
 */
export function gradingFactsFrom(auto: MemberAutoFacts): Partial<GradingFacts> {
  const out: Partial<GradingFacts> = { disciplinedInPeriod: auto.disciplines.length > 0 };
  const t = auto.tasks;
  const assessed = t ? t.assigned - t.open : 0;
  if (t && assessed > 0) {
    out.tasks = {
      total: assessed,
      onTime: t.doneOnTime + t.exceeded,
      exceeded: t.exceeded,
      completed: t.doneOnTime + t.exceeded + t.late,
      behindSchedule: t.late + t.notDone,
    };
  }
  return out;
}
