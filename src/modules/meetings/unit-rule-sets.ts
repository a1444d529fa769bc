// The rule sets a unit and the units above it have loaded for themselves, nearest unit
// first, in the shape load-rule-set.ts expects as candidates.
import { sql, type Expression } from 'kysely';
import type { Db } from '../../db/types.ts';
import { pathIds } from '../../domain/unit-tree.ts';
import type { RuleSet } from '../../domain/rules/load-rule-set.ts';
import { meetingRulesOn, type MeetingRules } from '../../domain/meeting-rules.ts';

export interface RuleSetRow {
  id: number; kind: string; code: string; unit_id: number; title: string; source: string | null;
  effective_from: string; effective_to: string | null; body: unknown;
}

/** Stored rows → candidates, nearest unit of `unitPath` first, newest first within a unit. */
export function ruleSetsFromRows(rows: readonly RuleSetRow[], unitPath: string): RuleSet[] {
  const chain = pathIds(unitPath).reverse();
  return [...rows]
    .sort((a, b) => chain.indexOf(a.unit_id) - chain.indexOf(b.unit_id) || b.effective_from.localeCompare(a.effective_from) || b.id - a.id)
    .map((r) => ({
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

/** SQL: the rule sets of `kind` loaded by the units on `path` (a units.path expression), as a JSON array. */
export function unitRuleSetsJson(kind: string, path: Expression<string>) {
  return sql<RuleSetRow[]>`(select coalesce(json_agg(json_build_object('id', r.id, 'kind', r.kind, 'code', r.code, 'unit_id', r.unit_id,
      'title', r.title, 'source', r.source, 'effective_from', r.effective_from::text, 'effective_to', r.effective_to::text, 'body', r.body)), '[]'::json)
    from rule_sets r where r.kind = ${kind} and r.unit_id = any(string_to_array(trim(both '/' from ${path}), '/')::int[]))`;
}

export async function unitRuleSets(db: Db, kind: string, unitId: number): Promise<RuleSet[]> {
  const unit = await db.selectFrom('units').select('path').where('id', '=', unitId).executeTakeFirst();
  if (!unit) return [];
  const rows = await db.selectFrom('rule_sets').selectAll().where('kind', '=', kind).where('unit_id', 'in', pathIds(unit.path)).execute();
  return ruleSetsFromRows(rows, unit.path);
}

/** The meeting rules (agenda, check-in window, thresholds) for a unit on a date. */
export async function meetingRulesFor(db: Db, unitId: number, on: string): Promise<{ code: string; version: string; title: { vi: string; en: string }; source: string; body: MeetingRules }> {
  return meetingRulesOn(on, await unitRuleSets(db, 'meeting-rules', unitId));
}
