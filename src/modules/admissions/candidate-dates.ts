// A candidate's dates as the steps in force say them (a corrected step counts by its
// correction), and the deadlines that follow from them with the admin's calendar days.
import type { Db } from '../../db/types.ts';
import { type AdmissionDeadlines, type AdmissionRules, type AdmissionStage, admissionDeadlines, admissionRulesOn } from '../../domain/admission.ts';
import type { AdmissionStep } from '../../domain/admission-pipeline.ts';
import { type RunningDeadline, runningDeadlines } from '../../domain/admission-pipeline.ts';
import { NoRuleSetInForce } from '../../domain/rules/load-rule-set.ts';
import type { CalendarAdjustments } from '../../domain/working-days.ts';

export interface StepInForce {
  id: number;
  candidate_id: number;
  stage: string;
  done_on: string;
  decision_number: string | null;
  member_id: number | null;
  known_since: string | null;
  votes_for: number | null;
  votes_total: number | null;
}

/** The steps in force (not superseded) of the candidates, by candidate and step. */
export async function stepsInForce(db: Db, candidateIds: readonly number[]): Promise<Map<number, Map<AdmissionStep, StepInForce>>> {
  const out = new Map<number, Map<AdmissionStep, StepInForce>>();
  if (candidateIds.length === 0) return out;
  const rows = await db
    .selectFrom('admission_steps')
    .select(['id', 'candidate_id', 'stage', 'done_on', 'decision_number', 'member_id', 'known_since', 'votes_for', 'votes_total'])
    .where('candidate_id', 'in', [...candidateIds])
    .where('superseded', '=', false)
    .orderBy('id')
    .execute();
  for (const r of rows) {
    const steps = out.get(r.candidate_id) ?? new Map<AdmissionStep, StepInForce>();
    out.set(r.candidate_id, steps);
    steps.set(r.stage as AdmissionStep, r);
  }
  return out;
}

function rulesOn(date: string, today: string): AdmissionRules {
  try {
    return admissionRulesOn(date).body;
  } catch (error) {
    if (error instanceof NoRuleSetInForce) return admissionRulesOn(today).body;
    throw error;
  }
}

export function deadlinesOf(steps: Map<AdmissionStep, StepInForce> | undefined, adjustments: CalendarAdjustments, today: string): AdmissionDeadlines {
  const on = (s: AdmissionStep) => steps?.get(s)?.done_on ?? null;
  // The rules in force on the decision's day (today's before it, or when no set reaches back that far).
  const rules = rulesOn(on('decision') ?? today, today);
  return admissionDeadlines({ decisionOn: on('decision'), ceremonyOn: on('ceremony'), certificateOn: on('awareness_course') }, rules, adjustments);
}

export function nextDeadline(stage: AdmissionStage, d: AdmissionDeadlines, today: string): RunningDeadline | null {
  return runningDeadlines(stage, d, today)[0] ?? null;
}
