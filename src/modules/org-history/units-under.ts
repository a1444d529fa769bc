// "The units and members under X on date D" — the one way every figure, roll, rule-set
// lookup and document heading reads the organisation as it was. Each helper is a SQL
// subquery over unit_ancestry (an index range scan on (ancestor_id, valid_from)), never a
// walk of today's tree: use it as sql`(${unitsUnderOn(ids, d)}) as uu`.
import { type RawBuilder, sql } from 'kysely';
import type { Db, MemberStatus, UnitKind } from '../../db/types.ts';
import { LEAVING_STATUSES } from '../../domain/member-status.ts';
import { notFound } from '../../http/app-error.ts';
import { type Scope, unitInScope, unitInScopeOn } from '../access/access.ts';
import { validDuring, validOn } from './valid-on.ts';

/**
 * `a.ancestor_id` is one of the roots. One root as an equality: a plan kept for it
 * (db/reused-plans.ts) is then costed for one root, where `= any(array)` is costed for an
 * array of unknown length and never kept.
 */
const ancestorIn = (rootIds: readonly number[]) =>
  rootIds.length === 1 ? sql`a.ancestor_id = ${rootIds[0]}::int` : sql`a.ancestor_id = any(${sql.val([...rootIds])}::int[])`;
const leaving = () => sql`${sql.val([...LEAVING_STATUSES])}::text[]`;

export interface UnitUnderRow {
  root_id: number;
  unit_id: number;
  depth: number;
  kind: UnitKind;
  parent_id: number | null;
  name: string;
  code: string;
}

/**
 * The units under each root on `date`, roots included (depth 0), with their kind, parent
 * and name then. A root that did not exist on the date has no rows.
 */
export function unitsUnderOn(rootIds: readonly number[], date: string): RawBuilder<UnitUnderRow> {
  return sql<UnitUnderRow>`
    select a.ancestor_id as root_id, a.unit_id, a.depth, a.unit_kind as kind, v.parent_id, v.name, u.code
      from unit_ancestry a
      join unit_versions v on v.unit_id = a.unit_id and ${validOn('v', date)}
      join units u on u.id = a.unit_id
     where ${ancestorIn(rootIds)} and ${validOn('a', date)}`;
}

export interface AncestryRow {
  root_id: number;
  unit_id: number;
  depth: number;
  kind: UnitKind;
}

/** The lean form of unitsUnderOn — (root_id, unit_id, depth, kind) from unit_ancestry alone — for counting. */
export function ancestryUnderOn(rootIds: readonly number[], date: string): RawBuilder<AncestryRow> {
  return sql<AncestryRow>`
    select a.ancestor_id as root_id, a.unit_id, a.depth, a.unit_kind as kind
      from unit_ancestry a
     where ${ancestorIn(rootIds)} and ${validOn('a', date)}`;
}

export interface MemberUnderRow {
  root_id: number;
  member_id: number;
  unit_id: number;
  status: MemberStatus;
}

/**
 * Members placed under each root on `date` (in the root or any unit under it then), with
 * their unit and status on that date; those who had left (chuyển đi, xóa tên, khai trừ,
 * từ trần) are left out.
 */
export function membersUnderOn(rootIds: readonly number[], date: string): RawBuilder<MemberUnderRow> {
  return sql<MemberUnderRow>`
    select a.ancestor_id as root_id, p.member_id, p.unit_id, s.status
      from unit_ancestry a
      join member_placements p on p.unit_id = a.unit_id and ${validOn('p', date)}
      join member_statuses s on s.member_id = p.member_id and ${validOn('s', date)}
     where ${ancestorIn(rootIds)} and ${validOn('a', date)}
       and not (s.status = any(${leaving()}))`;
}

export interface MemberDuringRow extends MemberUnderRow {
  valid_from: string;
  valid_to: string;
}

/**
 * Members under each root at some time in the period `from`..`to` (both days included):
 * one row per stretch during which the member sat in one unit under the root with one
 * status, clipped to the period — `valid_from` inclusive, `valid_to` exclusive (at most
 * the day after `to`). Stretches with a leaving status are left out.
 */
export function membersUnderDuring(rootIds: readonly number[], from: string, to: string): RawBuilder<MemberDuringRow> {
  const end = sql`(${to}::date + 1)`;
  const overlaps = (alias: string) => validDuring(alias, from, to);
  return sql<MemberDuringRow>`
    select root_id, member_id, unit_id, status, valid_from, valid_to from (
      select a.ancestor_id as root_id, p.member_id, p.unit_id, s.status,
             greatest(a.valid_from, p.valid_from, s.valid_from, ${from}::date) as valid_from,
             least(coalesce(a.valid_to, ${end}), coalesce(p.valid_to, ${end}), coalesce(s.valid_to, ${end}), ${end}) as valid_to
        from unit_ancestry a
        join member_placements p on p.unit_id = a.unit_id and ${overlaps('p')}
         and p.valid_from < coalesce(a.valid_to, ${end}) and (p.valid_to is null or p.valid_to > a.valid_from)
        join member_statuses s on s.member_id = p.member_id and ${overlaps('s')}
         and not (s.status = any(${leaving()}))
       where ${ancestorIn(rootIds)} and ${overlaps('a')}
    ) clipped
     where valid_from < valid_to`;
}

export interface UnitOnDate {
  id: number;
  code: string;
  name: string;
  kind: UnitKind;
  parent: { id: number; name: string; kind: UnitKind } | null;
  /** From the top down to the parent, as they were on the date; `inScope`: the caller may open it. */
  ancestors: Array<{ id: number; code: string; name: string; kind: UnitKind; depth: number; inScope: boolean }>;
  /** The version in force on the date. */
  validFrom: string;
  validTo: string | null;
}

/**
 * The unit as it was on `date` (no access check: for documents of a record the caller may
 * already see, such as a meeting's minutes), or null when it did not exist on the date.
 */
export async function readUnitOn(db: Db, unitId: number, date: string, scope?: Scope): Promise<UnitOnDate | null> {
  // The unit and its ancestors are independent reads: side by side (each on its own pooled connection on PostgreSQL).
  const inScope = scope ? unitInScope(scope, sql.ref('a.ancestor_id')) : sql`true`;
  const [unit, { rows }] = await Promise.all([
    db
      .selectFrom('units as u')
      .innerJoin('unit_versions as v', 'v.unit_id', 'u.id')
      .select(['u.id', 'u.code', 'v.name', 'v.kind', 'v.valid_from', 'v.valid_to'])
      .where('u.id', '=', unitId)
      .where(validOn('v', date))
      .executeTakeFirst(),
    sql<{ id: number; code: string; name: string; kind: UnitKind; depth: number; in_scope: boolean }>`
    select a.ancestor_id as id, u.code, v.name, a.ancestor_kind as kind, a.depth, ${inScope} as in_scope
      from unit_ancestry a
      join unit_versions v on v.unit_id = a.ancestor_id and ${validOn('v', date)}
      join units u on u.id = a.ancestor_id
     where a.unit_id = ${unitId}::int and a.depth > 0 and ${validOn('a', date)}
     order by a.depth desc`.execute(db),
  ]);
  if (!unit) return null;
  const ancestors = rows.map((r) => ({ id: r.id, code: r.code, name: r.name, kind: r.kind, depth: r.depth, inScope: Boolean(r.in_scope) }));
  const parent = ancestors.at(-1);
  return {
    id: unit.id,
    code: unit.code,
    name: unit.name,
    kind: unit.kind,
    parent: parent ? { id: parent.id, name: parent.name, kind: parent.kind } : null,
    ancestors,
    validFrom: unit.valid_from,
    validTo: unit.valid_to,
  };
}

/**
 * The unit as it was on `date`: its name, kind and parent then, and its ancestors. A unit
 * out of `scope` on the date (unitInScopeOn), or one that did not exist then (not yet founded, or dissolved),
 * is not found (404), like a unit that never was.
 */
export async function unitOn(db: Db, unitId: number, date: string, scope: Scope): Promise<UnitOnDate> {
  // Read side by side with the scope check; nothing read is returned unless the unit is in scope.
  const [visible, unit] = await Promise.all([
    db
      .selectFrom('units as u')
      .select('u.id')
      .where('u.id', '=', unitId)
      .where((eb) => unitInScopeOn(scope, eb.ref('u.id'), date))
      .executeTakeFirst(),
    readUnitOn(db, unitId, date, scope),
  ]);
  if (!visible || !unit) throw notFound('entities.unit');
  return unit;
}
