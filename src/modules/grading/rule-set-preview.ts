// The rule set a period opened for a unit with a given end date would use (issue 9 item 5):
// shown on the opening form before the committee confirms. The same choice openPeriod makes
// (the unit's own sets first, then the built-in ones in force on the end date), the same
// checks (a unit not seen is 404, one the caller may not grade over 403).
import type { Kysely } from 'kysely';
import type { DB } from '../../db/types.ts';
import { formatDateVi } from '../../domain/calendar.ts';
import { gradingRulesOn } from '../../domain/grading-rules.ts';
import { NoRuleSetInForce } from '../../domain/rules/load-rule-set.ts';
import { conflict, notFound } from '../../http/app-error.ts';
import type { Lang } from '../../i18n/messages.ts';
import { type Access, unitInScope } from '../access/access.ts';
import { unitRuleSets } from '../rule-sets/unit-rule-sets.ts';
import { requireGradeOver } from './period-access.ts';

export async function ruleSetPreview(db: Kysely<DB>, access: Access, lang: Lang, q: { unitId: number; endsOn: string }) {
  const visible = await db
    .selectFrom('units as u')
    .select('u.id')
    .where('u.id', '=', q.unitId)
    .where((eb) => unitInScope(access.scope('read'), eb.ref('u.id')))
    .executeTakeFirst();
  if (!visible) throw notFound('entities.unit');
  await requireGradeOver(db, access, q.unitId);
  try {
    const rules = gradingRulesOn(q.endsOn, await unitRuleSets(db, 'grading', q.unitId, q.endsOn));
    return {
      code: rules.code,
      version: rules.version,
      title: rules.title[lang],
      source: rules.source,
      effectiveFrom: rules.effectiveFrom,
      ownSet: rules.origin.type === 'unit',
      maxPoints: rules.body.maxPoints,
      bands: rules.body.bands.map((b) => ({ grade: b.grade, minPoints: b.minPoints })),
      criteria: rules.body.criteria.map((c) => ({ key: c.key, subjects: [...c.subjects], label: c.label[lang], maxPoints: c.maxPoints })),
    };
  } catch (e) {
    if (e instanceof NoRuleSetInForce) throw conflict('grading.no_rule_set', { date: formatDateVi(q.endsOn) });
    throw e;
  }
}
