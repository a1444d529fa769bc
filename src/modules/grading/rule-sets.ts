// A province (or any unit grading below it), through its organisation board (write_units), loads its own grading criteria and point scale,
// or its "Chi bộ 4 tốt" scale, through the rule-sets module (issue 9 item 6): one row in
// rule_sets, checked against the engine's schema, in force from its date for the unit's
// subtree, nearest unit first. Built-in sets may be adopted as they are (the "4 tốt" example
// ships as a template). A new set never changes a period already opened: the period keeps
// the body it was fixed to (open-period.ts), so a decided grade stays as decided.
import type { Kysely } from 'kysely';
import type { z } from 'zod';
import type { DB, Db } from '../../db/types.ts';
import { todayInVietnam } from '../../domain/calendar.ts';
import { fourGoodScaleSchema } from '../../domain/four-good.ts';
import { gradingRulesSchema } from '../../domain/grading-rules.ts';
import { builtinRuleSets, NoRuleSetInForce, type RuleSet, ruleSetInForce } from '../../domain/rules/load-rule-set.ts';
import { badRequest, forbidden } from '../../http/app-error.ts';
import type { Lang } from '../../i18n/messages.ts';
import { type Access, unitInScope } from '../access/access.ts';
import { unitInScopeOr404 } from '../access/unit-in-scope-or-404.ts';
import { saveUnitRuleSet } from '../rule-sets/save-unit-rule-set.ts';
import { unitRuleSets } from '../rule-sets/unit-rule-sets.ts';
import type { GradingRuleSetKind, LoadGradingRuleSetInput } from './schemas.ts';

const SCHEMAS: Record<GradingRuleSetKind, z.ZodType<unknown>> = { grading: gradingRulesSchema, 'four-good': fourGoodScaleSchema };

function ref(set: RuleSet, lang: Lang) {
  return {
    code: set.code,
    version: set.version,
    title: set.title[lang],
    source: set.source,
    origin: set.origin.type,
    unitId: set.origin.type === 'unit' ? set.origin.unitId : null,
    use: set.use,
    effectiveFrom: set.effectiveFrom,
    effectiveTo: set.effectiveTo,
  };
}

/** The set of `kind` in force for the unit on the date (null when none is: "4 tốt" until a committee loads one), and those it may adopt. */
export async function listGradingRuleSets(db: Db, access: Access, unitId: number, kind: GradingRuleSetKind, on: string | undefined, lang: Lang) {
  await unitInScopeOr404(db, access.scope('read'), unitId);
  const date = on ?? todayInVietnam();
  const own = await unitRuleSets(db, kind, unitId, date);
  let inForce: RuleSet | null = null;
  try {
    inForce = ruleSetInForce(kind, date, SCHEMAS[kind], own);
  } catch (e) {
    if (!(e instanceof NoRuleSetInForce)) throw e;
  }
  return {
    kind,
    date,
    inForce: inForce && { ...ref(inForce, lang), body: inForce.body },
    available: [...own, ...builtinRuleSets(kind)].map((s) => ref(s, lang)),
  };
}

export async function loadGradingRuleSet(db: Kysely<DB>, access: Access, input: LoadGradingRuleSetInput): Promise<number> {
  return db.transaction().execute(async (trx) => {
    await unitInScopeOr404(trx, access.scope('read'), input.unitId);
    // A unit's own rules are the organisation board's to issue (write_units), not every grader's.
    const writable = await trx
      .selectFrom('units as u')
      .select('u.id')
      .where('u.id', '=', input.unitId)
      .where((eb) => unitInScope(access.scope('write_units'), eb.ref('u.id')))
      .executeTakeFirst();
    if (!writable) throw forbidden();
    if (input.effectiveTo && input.effectiveTo <= input.effectiveFrom)
      throw badRequest('validation', {}, [{ path: 'body.effectiveTo', message: 'grading.rule_set_bad_period' }]);
    let values: { code: string; title: string; source: string | null; body: unknown };
    if ('templateCode' in input) {
      const template = builtinRuleSets(input.kind).find((s) => s.code === input.templateCode);
      if (!template) throw badRequest('validation', {}, [{ path: 'body.templateCode', message: 'grading.unknown_template' }]);
      values = { code: template.code, title: template.title.vi, source: template.source, body: SCHEMAS[input.kind].parse(template.body) };
    } else {
      values = { code: input.code, title: input.title, source: input.source ?? null, body: input.rules };
    }
    return saveUnitRuleSet(trx, access, {
      kind: input.kind,
      unitId: input.unitId,
      ...values,
      effectiveFrom: input.effectiveFrom,
      effectiveTo: input.effectiveTo ?? null,
      takenCode: 'grading.rule_set_exists',
    });
  });
}
