// The meeting rules a unit's meeting is held under: the unit's own set, or one a unit above
// it (on the meeting's date) loaded, else the built-in HD 12 set. The store of unit rule
// sets is the rule-sets module.
import type { Db } from '../../db/types.ts';
import type { ComplianceRules } from '../../domain/meeting-compliance.ts';
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

/**
 * A read that depends on a unit's compliance rules, started without waiting for them: at
 * once under the built-in rules in force on `today` (what almost every unit uses), and
 * again only when the unit's own rules differ in what the read uses (`uses`) — one round
 * trip fewer on every request.
 */
export async function readUnderComplianceRules<T>(
  today: string,
  rules: Promise<ComplianceRules>,
  uses: readonly (keyof ComplianceRules)[],
  read: (r: ComplianceRules) => Promise<T>,
): Promise<T> {
  let builtin: ComplianceRules;
  try {
    builtin = meetingRulesOn(today).body.compliance;
  } catch {
    return read(await rules); // no built-in set in force that day: only the unit's own
  }
  const guess = read(builtin);
  const actual = await rules.catch(async (error: unknown) => {
    await guess.catch(() => undefined);
    throw error;
  });
  if (uses.every((k) => actual[k] === builtin[k])) return guess;
  await guess.catch(() => undefined);
  return read(actual);
}
