// Reward eligibility (RULES / issue 9 §6): a member graded HTXSNV N years running (5) up to a
// year. Each year's grade is the one decided for that year's period under its own rule set;
// the reward rule is the one in force at the end of the last year.
import type { Reason } from './grading.ts';
import type { Grade, GradingRules } from './grading-rules.ts';

export interface RewardCheck {
  eligible: boolean;
  /** Years running with the grade, counting back from `year`. */
  run: number;
  reason: Reason;
}

/** `grades`: year → the grade decided that year (absent or null: not graded, which breaks the run). */
export function rewardEligibility(reward: GradingRules['reward'], grades: ReadonlyMap<number, Grade | null>, year: number): RewardCheck {
  let run = 0;
  while (run < reward.consecutiveYears && grades.get(year - run) === reward.grade) run++;
  const grade = `grading.grade_short.${reward.grade}`;
  if (run >= reward.consecutiveYears) {
    return { eligible: true, run, reason: { key: 'grading.reward.eligible', params: { years: run, from: year - run + 1, to: year, grade } } };
  }
  return { eligible: false, run, reason: { key: 'grading.reward.not_yet', params: { run, needed: reward.consecutiveYears, year, grade } } };
}
