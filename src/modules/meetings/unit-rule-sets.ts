// The rule sets a unit and the units above it have loaded for themselves, nearest unit
// first, in the shape load-rule-set.ts expects as candidates.
import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../../db/types.ts';
import { pathIds } from '../../domain/unit-tree.ts';
import type { RuleSet } from '../../domain/rules/load-rule-set.ts';
import { meetingRulesOn, type MeetingRules } from '../../domain/meeting-rules.ts';

type Db = Kysely<DB> | Transaction<DB>;

export async function unitRuleSets(db: Db, kind: string, unitId: number): Promise<RuleSet[]> {
  const unit = await db.selectFrom('units').select('path').where('id', '=', unitId).executeTakeFirst();
  if (!unit) return [];
  const chain = pathIds(unit.path).reverse();
  const rows = await db.selectFrom('rule_sets').selectAll().where('kind', '=', kind).where('unit_id', 'in', chain)
    .orderBy('effective_from', 'desc').orderBy('id', 'desc').execute();
  rows.sort((a, b) => chain.indexOf(a.unit_id) - chain.indexOf(b.unit_id));
  return rows.map((r) => ({
    kind: r.kind,
    code: r.code,
    version: r.effective_from,
    title: { vi: r.title, en: r.title },
    source: r.source ?? '',
    effectiveFrom: r.effective_from,
    effectiveTo: r.effective_to,
    use: 'default' as const,
    origin: { type: 'unit' as const, unitId: r.unit_id, id: r.id },
    body: r.body,
  }));
}

/** The meeting rules (agenda, check-in window, thresholds) for a unit on a date. */
export async function meetingRulesFor(db: Db, unitId: number, on: string): Promise<{ code: string; version: string; title: { vi: string; en: string }; source: string; body: MeetingRules }> {
  return meetingRulesOn(on, await unitRuleSets(db, 'meeting-rules', unitId));
}
