// The tree as it was on a date. Direct children of X on D are the versions with
// parent_id = X valid on D (unit_versions, indexed); whole subtrees, ancestors and member
// figures come from the temporal organisation model (org-history: unit_ancestry), never
// from today's `units.path`.

import { sql } from 'kysely';
import type { Db, UnitKind } from '../../db/types.ts';
import { type CountingRules, countingRulesOn, countOrganisations, type OrganisationCounts } from '../../domain/org-counting.ts';
import { compareUnitNames } from '../../domain/vietnamese.ts';
import { coversSubtree, type Scope, underSubtreeGrantOn, unitInScope } from '../access/access.ts';
import { keptSubtreeTotals } from '../figures/kept-member-counts.ts';
import type { ChildOut } from './schemas.ts';

export { validOn } from '../org-history/valid-on.ts';

import { ancestryUnderOn, membersUnderOn } from '../org-history/units-under.ts';
import { validOn } from '../org-history/valid-on.ts';

export interface VersionRow {
  unit_id: number;
  code: string;
  name: string;
  kind: UnitKind;
  parent_id: number | null;
}

/** The units (among `ids`) that existed on `date`, with their name, kind and parent then. */
export async function versionsOn(db: Db, ids: number[], date: string): Promise<VersionRow[]> {
  if (ids.length === 0) return [];
  return db
    .selectFrom('unit_versions as v')
    .innerJoin('units as u', 'u.id', 'v.unit_id')
    .select(['v.unit_id', 'u.code', 'v.name', 'v.kind', 'v.parent_id'])
    .where('v.unit_id', 'in', ids)
    .where(validOn('v', date))
    .execute();
}

/**
 * The scope a tree read filters by: none (undefined) when the caller sees every unit. The
 * filter would change nothing then, and at the nation it costs: PostgreSQL hashes all
 * 318,919 units in `path like '/1/%'` to check the 41 children of the top of the tree.
 */
export async function treeFilter(db: Db, scope: Scope): Promise<Scope | undefined> {
  return (await scopeHoldsAll(db, scope)) ? undefined : scope;
}

/**
 * The scope a read of `unit`'s subtree on `date` filters by: none when the unit sat under
 * (or was) a subtree grant's unit on the date, so everything under it then was the
 * caller's — a cell that has since moved away still counts in its old commune's past, as
 * the figures count it (history.ts, `whole`) — else treeFilter's.
 */
export async function treeFilterUnder(db: Db, scope: Scope, unitId: number, date: string): Promise<Scope | undefined> {
  const { rows } = await sql<{ then: boolean }>`select ${underSubtreeGrantOn(scope, sql`${unitId}::int`, date)} as then`.execute(db);
  return rows[0]!.then ? undefined : treeFilter(db, scope);
}

/** Direct children of `parentId` on `date` that the caller may see (every one without a scope). */
export async function childVersionsOn(db: Db, parentId: number, date: string, scope: Scope | undefined): Promise<VersionRow[]> {
  return db
    .selectFrom('unit_versions as v')
    .innerJoin('units as u', 'u.id', 'v.unit_id')
    .select(['v.unit_id', 'u.code', 'v.name', 'v.kind', 'v.parent_id'])
    .where('v.parent_id', '=', parentId)
    .where(validOn('v', date))
    .$if(scope !== undefined, (q) => q.where((eb) => unitInScope(scope!, eb.ref('v.unit_id'))))
    .execute();
}

/** How many units the caller may see sat directly under each of `ids` on `date`. */
async function childCountsOn(db: Db, ids: number[], date: string, scope: Scope | undefined): Promise<Map<number, number>> {
  if (ids.length === 0) return new Map();
  const rows = await db
    .selectFrom('unit_versions as v')
    .select(['v.parent_id', (eb) => eb.fn.countAll<number>().as('n')])
    .where('v.parent_id', 'in', ids)
    .where(validOn('v', date))
    .$if(scope !== undefined, (q) => q.where((eb) => unitInScope(scope!, eb.ref('v.unit_id'))))
    .groupBy('v.parent_id')
    .execute();
  return new Map(rows.map((r) => [r.parent_id!, Number(r.n)]));
}

export interface SubtreeRow {
  root_id: number;
  unit_id: number;
  kind: UnitKind;
  parent_id: number | null;
}

/**
 * The subtree of each root on the date, as (root, unit, kind, parent) rows, roots included; with
 * a scope, only the units in it (a grant on a unit alone does not reach the units below).
 */
export async function subtreesOn(db: Db, rootIds: number[], date: string, scope?: Scope): Promise<SubtreeRow[]> {
  if (rootIds.length === 0) return [];
  const { rows } = await sql<SubtreeRow>`
    select au.root_id, au.unit_id, au.kind, v.parent_id
      from (${ancestryUnderOn(rootIds, date)}) au
      join unit_versions v on v.unit_id = au.unit_id and ${validOn('v', date)}
     where ${scope ? unitInScope(scope, sql.ref('au.unit_id')) : sql`true`}`.execute(db);
  return rows;
}

/** Whether the scope holds every unit (a subtree grant on each top-level unit). */
async function scopeHoldsAll(db: Db, scope: Scope): Promise<boolean> {
  if (scope.subtreePaths.length === 0) return false;
  const roots = await db.selectFrom('units').select('path').where('parent_id', 'is', null).execute();
  return roots.every((r) => coversSubtree(scope, r.path));
}

/** Members (not counting those who left) in each root's subtree on `date`, within the caller's scope (all without one). */
export async function subtreeMemberCounts(db: Db, rootIds: number[], date: string, scope: Scope | undefined): Promise<Map<number, number>> {
  if (rootIds.length === 0) return new Map();
  // A caller who sees every unit: the kept per-subtree counts, without scanning the members.
  if (scope === undefined) return keptSubtreeTotals(db, rootIds, date);
  const { rows } = await sql<{ root_id: number; n: number }>`
    select mu.root_id, count(*)::int as n from (${membersUnderOn(rootIds, date)}) mu
     where ${unitInScope(scope, sql.ref('mu.unit_id'))}
     group by mu.root_id`.execute(db);
  return new Map(rows.map((r) => [r.root_id, Number(r.n)]));
}

export interface SubtreeCounts {
  members: number;
  cells: number;
  grassroots: number;
  exempted: number;
  probationary: number;
}

/**
 * The figures of one unit's subtree on `date` (the unit itself included), within the caller's
 * scope (everything without one: `treeFilter`); grassroots organisations and cells as `rules` count them (by default the built-in
 * set in force on the date; the caller passes the unit's own through rule-sets/counting-rules.ts).
 */
export async function subtreeCounts(
  db: Db,
  unitId: number,
  date: string,
  scope: Scope | undefined,
  rules: CountingRules = countingRulesOn(date).body,
): Promise<SubtreeCounts & { organisations: OrganisationCounts }> {
  const [subtree, byStatus] = await Promise.all([
    subtreesOn(db, [unitId], date, scope),
    sql<{ status: string; n: number }>`
      select mu.status, count(*)::int as n from (${membersUnderOn([unitId], date)}) mu
       where ${scope ? unitInScope(scope, sql.ref('mu.unit_id')) : sql`true`}
       group by mu.status`.execute(db),
  ]);
  const organisations = countOrganisations(
    subtree.map((r) => ({ id: r.unit_id, kind: r.kind, parentId: r.parent_id })),
    date,
    rules,
  );
  const out: SubtreeCounts & { organisations: OrganisationCounts } = {
    organisations,
    members: 0,
    cells: organisations.cells.n,
    grassroots: organisations.grassroots.n,
    exempted: 0,
    probationary: 0,
  };
  for (const row of byStatus.rows) {
    const n = Number(row.n);
    out.members += n;
    if (row.status === 'mien_sinh_hoat') out.exempted += n;
    if (row.status === 'du_bi') out.probationary += n;
  }
  return out;
}

/** Turns versions into tree items with child and member counts (of what the caller may see, `treeFilter`), in Vietnamese name order. */
export async function presentChildren(db: Db, versions: VersionRow[], date: string, scope: Scope | undefined): Promise<ChildOut[]> {
  const ids = versions.map((v) => v.unit_id);
  const [childCounts, memberCounts] = await Promise.all([childCountsOn(db, ids, date, scope), subtreeMemberCounts(db, ids, date, scope)]);
  return versions
    .map((v) => ({
      id: v.unit_id,
      code: v.code,
      name: v.name,
      kind: v.kind,
      parentId: v.parent_id,
      childCount: childCounts.get(v.unit_id) ?? 0,
      memberCount: memberCounts.get(v.unit_id) ?? 0,
    }))
    .sort((a, b) => compareUnitNames(a.name, b.name) || a.id - b.id);
}

/**
 * The ancestors of each unit in `startIds` on `date`, from the top down to the parent;
 * `scope` keeps only those the caller may see.
 */
export async function ancestorsOn(db: Db, startIds: number[], date: string, scope?: Scope): Promise<Map<number, { id: number; name: string }[]>> {
  const out = new Map<number, { id: number; name: string }[]>();
  if (startIds.length === 0) return out;
  const { rows } = await sql<{ start_id: number; unit_id: number; name: string }>`
    select a.unit_id as start_id, a.ancestor_id as unit_id, v.name
      from unit_ancestry a
      join unit_versions v on v.unit_id = a.ancestor_id and ${validOn('v', date)}
     where a.unit_id = any(${sql.val(startIds)}::int[]) and a.depth > 0 and ${validOn('a', date)}
       and ${scope ? unitInScope(scope, sql.ref('a.ancestor_id')) : sql`true`}
     order by a.unit_id, a.depth desc`.execute(db);
  for (const r of rows) {
    const list = out.get(r.start_id) ?? [];
    list.push({ id: r.unit_id, name: r.name });
    out.set(r.start_id, list);
  }
  return out;
}
