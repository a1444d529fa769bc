// How the dashboard writes its figures: shares the Vietnamese way (41,52%) with the
// numerator and denominator beside them ("142/342"), and names for the API's keys.
import type { Share } from '../../api/figures.ts';
import { hasKey, type Translate } from '../../i18n/i18n.ts';

/** n/of as a percentage with at most two decimals: 142/342 → "41,52%"; nothing to count → "—". */
export function sharePercent(share: Share, lang: string): string {
  if (share.of === 0) return '—';
  return (share.n / share.of).toLocaleString(lang === 'vi' ? 'vi-VN' : 'en-GB', { style: 'percent', maximumFractionDigits: 2 });
}

/** "41,52% (142/342)". */
export const shareText = (share: Share, lang: string) => `${sharePercent(share, lang)} (${share.n}/${share.of})`;

/** A share as a number of percent for a chart axis (null when there is nothing to count). */
export const sharePoint = (share: Share): number | null => (share.of === 0 ? null : Math.round((share.n / share.of) * 10000) / 100);

export const numberText = (n: number, lang: string) => n.toLocaleString(lang === 'vi' ? 'vi-VN' : 'en-GB');

/** A month 'YYYY-MM' as people write it: "07/2025". */

export type Breakdown = 'byStatus' | 'bySex' | 'byAgeBand' | 'byEthnicity' | 'byReligion' | 'byEducation' | 'byTheoryLevel' | 'byPartyAge';

/**
 * The name of one key of a breakdown: the dashboard's own label when it has one, the
 * register's label for statuses, sexes and theory levels, else the key as the API gave it
 * (ethnicities and religions come as their names).
 */
export function keyLabel(t: Translate, breakdown: Breakdown | 'grade' | 'kind', key: string): string {
  const own = `dashboard.keys.${breakdown}.${key}`;
  if (hasKey(own)) return t(own);
  const shared =
    breakdown === 'byStatus'
      ? `memberStatus.${key}`
      : breakdown === 'bySex'
        ? `sex.${key}`
        : breakdown === 'byTheoryLevel'
          ? `theoryLevel.${key}`
          : breakdown === 'grade'
            ? `meetings.grades.${key}`
            : breakdown === 'kind'
              ? `unitKind.${key}`
              : '';
  if (shared && hasKey(shared)) return t(shared);
  return key;
}
