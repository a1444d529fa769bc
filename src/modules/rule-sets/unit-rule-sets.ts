// The one store of rule sets that units load for themselves (table rule_sets), for every
// kind of rule (meeting rules, meeting-quality scales, counting rules; later grading, dues).
// Built-in sets are JSON files read by src/domain/rules/load-rule-set.ts; this module
// supplies the unit sets as candidates, nearest unit first.
//
// Inheritance follows the tree as it was on the date judged: a cell that moved from commune
// A to commune B in 2026 has its 2024 meetings judged under A's sets, not B's. The unit's
// ancestors on the date come from unit_versions read by date (as ancestorsOn), never from
// today's units.path.
import { type Expression, sql } from 'kysely';
import { reusingPlan } from '../../db/reused-plans.ts';
import type { Db } from '../../db/types.ts';
import { groupBy } from '../../domain/group-by.ts';
import type { RuleSet } from '../../domain/rules/load-rule-set.ts';
import { validOn } from '../org-history/valid-on.ts';

export interface RuleSetRow {
  id: number;
  kind: string;
  code: string;
  unit_id: number;
  title: string;
  source: string | null;
  effective_from: string;
  effective_to: string | null;
  body: unknown;
  /** How far up the loading unit was from the unit judged, on the date judged (0 = itself). */
  depth: number;
}

/** Stored rows → candidates: nearest unit first, newest first within a unit. */
export function ruleSetsFromRows(rows: readonly RuleSetRow[]): RuleSet[] {
  return [...rows]
    .sort((a, b) => a.depth - b.depth || b.effective_from.localeCompare(a.effective_from) || b.id - a.id)
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

/**
 * The rule sets of `kind` that `unitId` and the units above it on `on` loaded, as
 * candidates: one query (the walk up and the sets together), as every figure and report
 * asks for its rules on each request.
 */
export async function unitRuleSets(db: Db, kind: string, unitId: number, on: string): Promise<RuleSet[]> {
  const { rows } = await reusingPlan(sql<{ sets: RuleSetRow[] }>`select ${unitRuleSetsJson(kind, sql.val(unitId), sql.val(on))} as sets`).execute(db);
  return ruleSetsFromRows(rows[0]?.sets ?? []);
}

/**
 * unitRuleSets for many units on one date (a province's dues ledger judges 4,000 cells): one
 * query over the kept ancestry (unit_ancestry, the same walk up as unit_versions gives). A
 * unit that did not exist on the date still has its own sets, as unitRuleSets gives them.
 */
export async function unitRuleSetsOfUnits(db: Db, kind: string, unitIds: readonly number[], on: string): Promise<Map<number, RuleSet[]>> {
  const ids = sql.val([...unitIds]);
  const columns = sql`r.id, r.kind, r.code, r.unit_id, r.title, r.source, r.effective_from::text as effective_from,
    r.effective_to::text as effective_to, r.body`;
  const { rows } = await sql<RuleSetRow & { judged_id: number }>`
    select a.unit_id as judged_id, ${columns}, a.depth
      from rule_sets r join unit_ancestry a on a.ancestor_id = r.unit_id and ${validOn('a', on)}
     where r.kind = ${kind} and a.unit_id = any(${ids}::int[])
    union all
    select r.unit_id as judged_id, ${columns}, 0 as depth
      from rule_sets r
     where r.kind = ${kind} and r.unit_id = any(${ids}::int[])
       and not exists (select 1 from unit_ancestry a where a.unit_id = r.unit_id and a.depth = 0 and ${validOn('a', on)})`.execute(db);
  const byUnit = groupBy(rows, (r) => r.judged_id);
  return new Map(unitIds.map((id) => [id, ruleSetsFromRows(byUnit.get(id) ?? [])]));
}

/**
 * SQL for a hot path that must stay one query (self check-in): the same candidates as
 * unitRuleSets, as a JSON array, for the unit and date given as SQL expressions. The walk
 * up is the one ancestorsOn makes (unit_versions valid on the date). unitRuleSets is this query too.
 */
export function unitRuleSetsJson(kind: string, unitId: Expression<number>, on: Expression<string>) {
  // Aliases of their own (rs_*): `unitId` and `on` are often columns of the caller's query
  // (\`u.id\`), which an inner \`units u\` would shadow — the walk would then start from every unit.
  return sql<RuleSetRow[]>`(
    with recursive rs_up(unit_id, parent_id, depth) as (
      select rs_u.id, rs_v.parent_id, 0 from units rs_u
        left join unit_versions rs_v on rs_v.unit_id = rs_u.id and rs_v.valid_from <= ${on}::date and (rs_v.valid_to is null or rs_v.valid_to > ${on}::date)
       where rs_u.id = ${unitId}
      union all
      select rs_v.unit_id, rs_v.parent_id, rs_up.depth + 1 from rs_up
        join unit_versions rs_v on rs_v.unit_id = rs_up.parent_id and rs_v.valid_from <= ${on}::date and (rs_v.valid_to is null or rs_v.valid_to > ${on}::date)
       where rs_up.depth < 64
    )
    select coalesce(json_agg(json_build_object('id', rs_r.id, 'kind', rs_r.kind, 'code', rs_r.code, 'unit_id', rs_r.unit_id,
      'title', rs_r.title, 'source', rs_r.source, 'effective_from', rs_r.effective_from::text, 'effective_to', rs_r.effective_to::text,
      'body', rs_r.body, 'depth', rs_up.depth)), '[]'::json)
      from rule_sets rs_r join rs_up on rs_up.unit_id = rs_r.unit_id where rs_r.kind = ${kind})`;
}
