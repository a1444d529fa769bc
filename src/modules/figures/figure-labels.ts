// Names of the figures' keys in the reader's language, for the exports: unit kinds,
// member statuses, sexes and theory levels from their own areas, the bands here.
import { hasMessage, type Lang, t } from '../../i18n/messages.ts';

export const BREAKDOWNS = ['byStatus', 'bySex', 'byAgeBand', 'byPartyAge', 'byTheoryLevel', 'byEducation', 'byEthnicity', 'byReligion'] as const;
export type BreakdownName = (typeof BREAKDOWNS)[number];

const AREA: Partial<Record<BreakdownName, string>> = { byStatus: 'members.status', bySex: 'members.sex', byTheoryLevel: 'members.theory_level' };

const first = (lang: Lang, keys: string[], fallback: string) => {
  const found = keys.find((k) => hasMessage(lang, k) || hasMessage('vi', k));
  return found ? t(lang, found) : fallback;
};

export const kindLabel = (lang: Lang, kind: string) => first(lang, [`units.kinds.${kind}`], kind);

/** A key of a breakdown as a person reads it; ethnicities, religions and education come as their names. */
export function breakdownLabel(lang: Lang, breakdown: BreakdownName, key: string): string {
  const area = AREA[breakdown];
  return first(lang, [`figures.export.keys.${breakdown}.${key}`, ...(area ? [`${area}.${key}`] : []), `figures.export.keys.any.${key}`], key);
}
