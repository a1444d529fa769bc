// The counting rules (which units are grassroots organisations, what is a cell) for the
// figures of a unit on a date: a set the unit or a unit above it on that date loaded, else
// the built-in one in force (src/domain/rules/org-counting/).
import type { Db } from '../../db/types.ts';
import { type CountingRules, countingRulesOn } from '../../domain/org-counting.ts';
import type { RuleSet } from '../../domain/rules/load-rule-set.ts';
import { unitRuleSets } from './unit-rule-sets.ts';

export async function countingRulesFor(db: Db, unitId: number, on: string): Promise<RuleSet<CountingRules>> {
  return countingRulesOn(on, await unitRuleSets(db, 'org-counting', unitId, on));
}
