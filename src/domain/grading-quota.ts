// The quota (RULES §1): the number graded HTXSNV may not exceed maxPercent (20%) of the number
// graded HTTNV, within each group of similar roles. Checked when the competent level decides;
// the message carries the exact numbers ("4 HTXSNV > 20% × 17 HTTNV = 3"). The limit is
// integer arithmetic, floor(20 × 17 / 100) = 3, so no float ever lets a 4th through.
import type { Reason } from './grading.ts';
import type { Grade, GradingRules } from './grading-rules.ts';

export interface QuotaEntry {
  /** The group of similar roles (chức trách, nhiệm vụ tương đồng) the caller put the person in. */
  group: string;
  grade: Grade;
}

export interface QuotaGroup {
  group: string;
  top: number;
  of: number;
  /** The most `top` may be; null when the rule set has the quota off. */
  max: number | null;
  ok: boolean;
}

export const quotaMax = (maxPercent: number, of: number) => Math.floor((maxPercent * of) / 100);

/** Each group's counts and limit, in the order groups first appear. */
export function checkQuota(quota: GradingRules['quota'], entries: readonly QuotaEntry[]): QuotaGroup[] {
  const groups = new Map<string, { top: number; of: number }>();
  for (const e of entries) {
    const g = groups.get(e.group) ?? { top: 0, of: 0 };
    if (e.grade === quota.grade) g.top++;
    else if (e.grade === quota.ofGrade) g.of++;
    groups.set(e.group, g);
  }
  return [...groups].map(([group, { top, of }]) => {
    const max = quota.enabled ? quotaMax(quota.maxPercent, of) : null;
    return { group, top, of, max, ok: max === null || top <= max };
  });
}

/** The groups over the limit, as messages: {top} {grade} > {percent}% × {of} {ofGrade} = {max}. */
export function quotaViolations(quota: GradingRules['quota'], entries: readonly QuotaEntry[]): Reason[] {
  return checkQuota(quota, entries)
    .filter((g) => !g.ok)
    .map((g) => ({
      key: 'grading.quota.exceeded',
      params: {
        group: g.group,
        top: g.top,
        grade: `grading.grade_short.${quota.grade}`,
        percent: quota.maxPercent,
        of: g.of,
        ofGrade: `grading.grade_short.${quota.ofGrade}`,
        max: g.max!,
      },
    }));
}
