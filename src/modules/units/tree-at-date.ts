// The tree as it was on a date, read from unit_versions (one row per period a unit had a
// name, kind and parent) with indexed lookups: children of X on D are the versions with
// parent_id = X valid on D. Member figures come from the placements and statuses valid on D.
import { sql } from 'kysely';
import type { Db, UnitKind } from '../../db/types.ts';
import { countOrganisations } from '../../domain/org-counting.ts';
import { LEAVING_STATUSES } from '../../domain/member-status.ts';
import { unitInScope, type Scope } from '../access/access.ts';
import type { ChildOut } from './schemas.ts';

export { validOn } from '../org-history/valid-on.ts';
import { validOn } from '../org-history/valid-on.ts';

const leftStatuses = () => sql`${sql.val([...LEAVING_STATUSES])}::text[]`;

export interface VersionRow { unit_id: number; code: string; name: string; kind: UnitKind; parent_id: number | null }

/** The units (among `ids`) that existed on `date`, with their name, kind and parent then. */
export async function versionsOn(db: Db, ids: number[], date: string): Promise<VersionRow[]> {
  if (ids.length === 0) return [];
  return db.selectFrom('unit_versions as v').innerJoin('units as u', 'u.id', 'v.unit_id')
    .select(['v.unit_id', 'u.code', 'v.name', 'v.kind', 'v.parent_id'])
    .where('v.unit_id', 'in', ids).where(validOn('v', date)).execute();
}

/** Direct children of `parentId` on `date` that the caller may see. */
export async function childVersionsOn(db: Db, parentId: number, date: string, scope: Scope): Promise<VersionRow[]> {
  return db.selectFrom('unit_versions as v').innerJoin('units as u', 'u.id', 'v.unit_id')
    .select(['v.unit_id', 'u.code', 'v.name', 'v.kind', 'v.parent_id'])
    .where('v.parent_id', '=', parentId).where(validOn('v', date))
    .where((eb) => unitInScope(scope, eb.ref('v.unit_id'))).execute();
}

/** How many units the caller may see sat directly under each of `ids` on `date`. */
async function childCountsOn(db: Db, ids: number[], date: string, scope: Scope): Promise<Map<number, number>> {
  if (ids.length === 0) return new Map();
  const rows = await db.selectFrom('unit_versions as v').select(['v.parent_id', (eb) => eb.fn.countAll<number>().as('n')])
    .where('v.parent_id', 'in', ids).where(validOn('v', date))
    .where((eb) => unitInScope(scope, eb.ref('v.unit_id'))).groupBy('v.parent_id').execute();
  return new Map(rows.map((r) => [r.parent_id!, Number(r.n)]));
}

export interface SubtreeRow { root_id: number; unit_id: number; kind: UnitKind; parent_id: number | null }

/**
 * The subtree of each root on the date, as (root, unit, kind, parent) rows, roots included; with
 * a scope, only the units in it (a grant on a unit alone does not reach the units below).
 * UNION (not UNION ALL) stops the walk even if back-dated history ever held a loop.
 */
export async function subtreesOn(db: Db, rootIds: number[], date: string, scope?: Scope): Promise<SubtreeRow[]> {
  if (rootIds.length === 0) return [];
  const { rows } = await sql<SubtreeRow>`
    with recursive sub(root_id, unit_id, kind, parent_id) as (
      select v.unit_id, v.unit_id, v.kind, v.parent_id from unit_versions v
       where v.unit_id = any(${sql.val(rootIds)}::int[]) and ${validOn('v', date)}
      union
      select s.root_id, v.unit_id, v.kind, v.parent_id from sub s
        join unit_versions v on v.parent_id = s.unit_id and ${validOn('v', date)}
    )
    select root_id, unit_id, kind, parent_id from sub
     where ${scope ? unitInScope(scope, sql.ref('sub.unit_id')) : sql`true`}`.execute(db);
  return rows;
}

// Members placed in the given units on the date, by unit and status, leavers left out.
// The unit list is passed as an array (not joined to the recursive walk) so the planner
// sees its real size: index lookups for a cell's subtree, a hash join for a province.
async function membersByUnitOn(db: Db, unitIds: number[], date: string) {
  if (unitIds.length === 0) return [];
  const { rows } = await sql<{ unit_id: number; status: string; n: number }>`
    select p.unit_id, ms.status, count(*)::int as n
      from member_placements p
      join member_statuses ms on ms.member_id = p.member_id and ${validOn('ms', date)}
     where p.unit_id = any(${sql.val(unitIds)}::int[]) and ${validOn('p', date)}
       and not (ms.status = any(${leftStatuses()}))
     group by p.unit_id, ms.status`.execute(db);
  return rows;
}

/** Members (not counting those who left) in each root's subtree on `date`, within the caller's scope. */
export async function subtreeMemberCounts(db: Db, rootIds: number[], date: string, scope: Scope): Promise<Map<number, number>> {
  const subtree = await subtreesOn(db, rootIds, date, scope);
  const rootsOf = new Map<number, number[]>();
  for (const r of subtree) rootsOf.set(r.unit_id, [...(rootsOf.get(r.unit_id) ?? []), r.root_id]);
  const counts = new Map<number, number>();
  for (const row of await membersByUnitOn(db, [...rootsOf.keys()], date)) {
    for (const root of rootsOf.get(row.unit_id) ?? []) counts.set(root, (counts.get(root) ?? 0) + Number(row.n));
  }
  return counts;
}

export interface SubtreeCounts { members: number; cells: number; grassroots: number; exempted: number; probationary: number }

/** The figures of one unit's subtree on `date` (the unit itself included), within the caller's scope. */
export async function subtreeCounts(db: Db, unitId: number, date: string, scope: Scope): Promise<SubtreeCounts> {
  const subtree = await subtreesOn(db, [unitId], date, scope);
  // Grassroots organisations and cells as the counting rules in force on the date count them.
  const organisations = countOrganisations(subtree.map((r) => ({ id: r.unit_id, kind: r.kind, parentId: r.parent_id })), date);
  const out: SubtreeCounts = {
    members: 0,
    cells: organisations.cells.n,
    grassroots: organisations.grassroots.n,
    exempted: 0,
    probationary: 0,
  };
  for (const row of await membersByUnitOn(db, [...new Set(subtree.map((r) => r.unit_id))], date)) {
    const n = Number(row.n);
    out.members += n;
    if (row.status === 'mien_sinh_hoat') out.exempted += n;
    if (row.status === 'du_bi') out.probationary += n;
  }
  return out;
}

const collator = new Intl.Collator('vi', { numeric: true, sensitivity: 'base' });

/** Turns versions into tree items with child and member counts (of what the caller may see), in Vietnamese name order. */
export async function presentChildren(db: Db, versions: VersionRow[], date: string, scope: Scope): Promise<ChildOut[]> {
  const ids = versions.map((v) => v.unit_id);
  const [childCounts, memberCounts] = await Promise.all([childCountsOn(db, ids, date, scope), subtreeMemberCounts(db, ids, date, scope)]);
  return versions
    .map((v) => ({ id: v.unit_id, code: v.code, name: v.name, kind: v.kind, parentId: v.parent_id, childCount: childCounts.get(v.unit_id) ?? 0, memberCount: memberCounts.get(v.unit_id) ?? 0 }))
    .sort((a, b) => collator.compare(a.name, b.name) || a.id - b.id);
}

export interface AncestorRow { start_id: number; unit_id: number; name: string; lvl: number }

/**
 * The ancestors of each unit in `starts` (unit id + the date to read it on), nearest first
 * in `lvl`; `scope` keeps only those the caller may see.
 */
export async function ancestorsOn(db: Db, startIds: number[], date: string, scope?: Scope): Promise<Map<number, { id: number; name: string }[]>> {
  const out = new Map<number, { id: number; name: string }[]>();
  if (startIds.length === 0) return out;
  const { rows } = await sql<AncestorRow>`
    with recursive up(start_id, unit_id, parent_id, name, lvl) as (
      select v.unit_id, v.unit_id, v.parent_id, v.name, 0 from unit_versions v
       where v.unit_id = any(${sql.val(startIds)}::int[]) and ${validOn('v', date)}
      union all
      select up.start_id, v.unit_id, v.parent_id, v.name, up.lvl + 1 from up
        join unit_versions v on v.unit_id = up.parent_id and ${validOn('v', date)}
       where up.lvl < 64
    )
    select start_id, unit_id, name, lvl from up
     where lvl > 0 and ${scope ? unitInScope(scope, sql.ref('up.unit_id')) : sql`true`}
     order by start_id, lvl desc`.execute(db);
  for (const r of rows) {
    const list = out.get(r.start_id) ?? [];
    list.push({ id: r.unit_id, name: r.name });
    out.set(r.start_id, list);
  }
  return out;
}
