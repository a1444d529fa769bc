// The meeting rules a unit's meeting is held under: the unit's own set, or one a unit above
// it (on the meeting's date) loaded, else the built-in HD 12 set. The store of unit rule
// sets is the rule-sets module.
import type { Db } from '../../db/types.ts';
import { type MeetingRules, meetingRulesOn } from '../../domain/meeting-rules.ts';
import { unitRuleSets } from '../rule-sets/unit-rule-sets.ts';

/** The meeting rules (agenda, check-in window, thresholds) for a unit on a date. */
export async function meetingRulesFor(
  db: Db,
  unitId: number,
  on: string,
): Promise<{ code: string; version: string; title: { vi: string; en: string }; source: string; body: MeetingRules }> {
  return meetingRulesOn(on, await unitRuleSets(db, 'meeting-rules', unitId, on));
}
