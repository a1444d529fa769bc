// A rule set a unit loaded, written as the rule-sets module stores it, so a test can judge
// figures, check-ins or inheritance under a unit's own rules.
import type { Kysely } from 'kysely';
import type { DB } from '../../src/db/types.ts';
import { type MeetingRules, meetingRulesSchema } from '../../src/domain/meeting-rules.ts';
import { builtinRuleSet } from '../../src/domain/rules/load-rule-set.ts';

export interface UnitRuleSet {
  kind: string;
  code: string;
  unitId: number;
  effectiveFrom: string;
  body: unknown;
  title?: string;
  source?: string;
}

/** Stores the set; answers a function that removes it again (for a test that must leave no trace). */
export async function loadUnitRuleSet(db: Kysely<DB>, set: UnitRuleSet): Promise<() => Promise<void>> {
  const { id } = await db
    .insertInto('rule_sets')
    .values({
      kind: set.kind,
      code: set.code,
      unit_id: set.unitId,
      title: set.title ?? set.code,
      source: set.source ?? `Quyết định của ${set.code}`,
      effective_from: set.effectiveFrom,
      effective_to: null,
      body: JSON.stringify(set.body),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return async () => {
    await db.deleteFrom('rule_sets').where('id', '=', id).execute();
  };
}

/** HD 12's meeting rules with some of their compliance and check-in figures changed. */
export function hd12MeetingRulesWith(change: { compliance?: Partial<MeetingRules['compliance']>; checkIn?: Partial<MeetingRules['checkIn']> }): MeetingRules {
  const hd12 = builtinRuleSet('meeting-rules', 'hd12', meetingRulesSchema)!.body;
  return { ...hd12, compliance: { ...hd12.compliance, ...change.compliance }, checkIn: { ...hd12.checkIn, ...change.checkIn } };
}
