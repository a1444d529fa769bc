// Words and colours for grades, stages and periods, and how shares are written (41,52%).
import { hasKey, type MessageKey, type Translate } from '../../i18n/i18n.ts';
import { showDate } from '../../lib/dates.ts';
import type { Grade, Period, PeriodKind, Stage } from './grading-api.ts';

export const gradeLabel = (t: Translate, g: Grade) => t(`grading.grade.${g}`);
export const gradeShort = (t: Translate, g: Grade) => t(`grading.gradeShort.${g}`);
export const kindLabel = (t: Translate, k: PeriodKind) => t(`grading.kind.${k}`);
export const stageLabel = (t: Translate, s: Stage) => t(`grading.stage.${s}`);

export const GRADE_COLORS: Record<Grade, string> = { htxsnv: 'green', httnv: 'blue', htnv: 'gold', khtnv: 'red' };
export const STAGE_COLORS: Record<Stage, string> = { excluded: 'default', waiting: 'orange', self_assessed: 'cyan', proposed: 'blue', decided: 'green' };

/** "01/01/2025 – 31/12/2025". */
export const periodDates = (p: Pick<Period, 'startsOn' | 'endsOn'>) => `${showDate(p.startsOn)} – ${showDate(p.endsOn)}`;

/** Points as people write them: 85,5. */
export const pointsText = (n: number, lang: string) => n.toLocaleString(lang === 'vi' ? 'vi-VN' : 'en-GB', { maximumFractionDigits: 2 });

/** n/of as a percentage with at most two decimals ("41,52%"); nothing to count: "—". */
export function percentText(n: number, of: number, lang: string): string {
  if (of === 0) return '—';
  return (n / of).toLocaleString(lang === 'vi' ? 'vi-VN' : 'en-GB', { style: 'percent', maximumFractionDigits: 2 });
}

/** The rule set a period uses, by its code: "Quy định 366-QĐ/TW"; a province's own set by its code. */
export const ruleSetName = (t: Translate, code: string) => (hasKey(`grading.ruleSet.${code}`) ? t(`grading.ruleSet.${code}` as MessageKey) : code);
