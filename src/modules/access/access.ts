// The one access mechanism. Computed once per request from the user's grants: for each
// permission, the set of visible units as path prefixes (subtree grants) and unit ids
// (this-unit grants). Queries apply it inside SQL with `unitInScope`, so an
// out-of-scope row is simply not found. A unit read as it was on a date is in scope when it
// is today or when it sat under a subtree grant's unit then (`unitInScopeOn`).
import { type Expression, type Kysely, type RawBuilder, type SqlBool, sql } from 'kysely';
import { escapeLike } from '../../db/escape-like.ts';
import type { DB, Role } from '../../db/types.ts';
import { type Permission, ROLE_PERMISSIONS } from '../../domain/permissions.ts';
import { pathIds } from '../../domain/unit-tree.ts';
import { AppError } from '../../http/app-error.ts';
import { keptMembersSql } from '../figures/kept-member-counts.ts';
import { validOn } from '../org-history/valid-on.ts';

export interface Grant {
  id: number;
  role: Role;
  unitId: number;
  unitPath: string;
  includeSubtree: boolean;
  unitName: string;
  /** The members the kept counts hold under the grant's unit, read with the grants (absent when built by hand). */
  members?: number;
}

export interface Scope {
  subtreePaths: string[];
  unitIds: number[];
  /** At most this many members under the scope's units (its grants' kept counts summed), when known. */
  members?: number;
}

export interface Access {
  userId: number;
  username: string;
  displayName: string;
  memberId: number | null;
  /**
   * The cell of the caller's own member record, read with the session on this request
   * (undefined when not read, e.g. for an API token or a CLI caller): lets a list skip
   * the "own record outside the scope" branch when the record is inside it anyway.
   */
  memberUnit?: { id: number; path: string } | null;
  /** Logged in with a one-time password not yet replaced: only the password change is open. */
  mustChangePassword: boolean;
  grants: Grant[];
  scope(permission: Permission): Scope;
  can(permission: Permission): boolean;
}

export function buildAccess(
  user: {
    id: number;
    username: string;
    display_name: string;
    member_id: number | null;
    must_change_password?: boolean;
    member_unit_id?: number | null;
    member_unit_path?: string | null;
  },
  grants: Grant[],
): Access {
  const cache = new Map<Permission, Scope>();
  const scope = (permission: Permission): Scope => {
    let s = cache.get(permission);
    if (!s) {
      const relevant = grants.filter((g) => ROLE_PERMISSIONS[g.role].includes(permission));
      s = {
        subtreePaths: relevant.filter((g) => g.includeSubtree).map((g) => g.unitPath),
        unitIds: relevant.filter((g) => !g.includeSubtree).map((g) => g.unitId),
        members: relevant.every((g) => g.members !== undefined) ? relevant.reduce((n, g) => n + g.members!, 0) : undefined,
      };
      cache.set(permission, s);
    }
    return s;
  };
  return {
    userId: user.id,
    username: user.username,
    displayName: user.display_name,
    memberId: user.member_id,
    memberUnit:
      user.member_unit_id === undefined
        ? undefined
        : user.member_unit_id === null || !user.member_unit_path
          ? null
          : { id: user.member_unit_id, path: user.member_unit_path },
    mustChangePassword: user.must_change_password ?? false,
    grants,
    scope,
    can: (permission) => {
      const s = scope(permission);
      return s.subtreePaths.length + s.unitIds.length > 0;
    },
  };
}

/**
 * SQL: a user's grants as one JSON array (in grant order), each with its unit's path and
 * name — so the caller's lookup on every request reads the account and its grants in one
 * statement (authenticate.ts), and loadGrants reads them the same way — and the members
 * kept under its unit (subtree_member_counts), so a member list knows its scope's size
 * before it is planned (list-members.ts, `filteredMembers`).
 */
export function grantsJson(userId: Expression<number>) {
  return sql<Grant[]>`(select coalesce(json_agg(json_build_object('id', g.id, 'role', g.role, 'unitId', g.unit_id, 'unitPath', gu.path,
      'includeSubtree', g.include_subtree, 'unitName', gu.name, 'members', ${keptMembersSql(sql.ref('g.unit_id'))}) order by g.id), '[]'::json)
    from role_grants g join units gu on gu.id = g.unit_id where g.user_id = ${userId})`;
}

export async function loadGrants(db: Kysely<DB>, userId: number): Promise<Grant[]> {
  const { rows } = await sql<{ grants: Grant[] }>`select ${grantsJson(sql`${userId}::int`)} as grants`.execute(db);
  return rows[0]!.grants;
}

/**
 * SQL: the unit behind `unitId` is visible under `scope`. Each subtree is its own
 * `path like '<prefix>%'` (not `like any(array)`), so the units_path_idx btree
 * (text_pattern_ops) finds the units in scope and the cost follows the scope's size,
 * not the number of units in the database. `pathsInText`: the prefixes are written into the
 * statement rather than bound, for a statement that keeps its plan (db/reused-plans.ts):
 * a kept plan is planned without its parameters' values, and a bound prefix leaves it no
 * way to the units but a scan of them all.
 */
export function unitInScope(scope: Scope, unitId: Expression<number> | Expression<number | null>, pathsInText = false): Expression<SqlBool> {
  const branches = scopeBranches(scope, pathsInText);
  if (!branches) return sql<SqlBool>`false`;
  return sql<SqlBool>`${unitId} in (select su.id from units su where ${branches})`;
}

/** SQL over the unit `su`: it lies in the scope (null for an empty scope). */
function scopeBranches(scope: Scope, pathsInText: boolean): RawBuilder<SqlBool> | null {
  if (scope.subtreePaths.length === 0 && scope.unitIds.length === 0) return null;
  const prefix = (p: string) => (pathsInText ? sql.lit(`${escapeLike(p)}%`) : sql.val(`${escapeLike(p)}%`));
  const branches = [
    ...scope.subtreePaths.map((p) => sql<SqlBool>`su.path like ${prefix(p)}`),
    ...(scope.unitIds.length > 0 ? [sql<SqlBool>`su.id = any(${sql.val(scope.unitIds)}::int[])`] : []),
  ];
  return sql<SqlBool>`(${sql.join(branches, sql` or `)})`;
}

/**
 * SQL: the unit sat under (or was) the unit of one of the scope's subtree grants on `date`,
 * as the temporal organisation model says: a commune's officer reads a cell that has since
 * moved to another commune as it was while it was theirs.
 */
export function underSubtreeGrantOn(scope: Scope, unitId: Expression<number>, date: string): Expression<SqlBool> {
  const grantUnits = scope.subtreePaths.map((p) => pathIds(p).at(-1)!);
  if (grantUnits.length === 0) return sql<SqlBool>`false`;
  return sql<SqlBool>`exists (select 1 from unit_ancestry sa where sa.unit_id = ${unitId}
    and sa.ancestor_id = any(${sql.val(grantUnits)}::int[]) and ${validOn('sa', date)})`;
}

/**
 * SQL: the unit, read as it was on `date`, is visible under `scope`: under one of its
 * subtree grants then, or in it today. The unit's ancestry is looked at first: it answers
 * nearly every request.
 */
export function unitInScopeOn(scope: Scope, unitId: Expression<number>, date: string): Expression<SqlBool> {
  const branches = scopeBranches(scope, false);
  // One unit: its own row is looked up, never every unit of the scope hashed (as `in (select …)` would be beside an `or`).
  const today = branches ? sql<SqlBool>`exists (select 1 from units su where su.id = ${unitId} and ${branches})` : sql<SqlBool>`false`;
  return sql<SqlBool>`(${underSubtreeGrantOn(scope, unitId, date)} or ${today})`;
}

/** Whether a subtree grant of `scope` holds the unit at `path` (and so everything under it), in memory. */
export function coversSubtree(scope: Scope, path: string): boolean {
  return scope.subtreePaths.some((p) => path.startsWith(p));
}

/**
 * Whether a unit (its id and path, as read on this request) lies in `scope`: the same
 * test as unitInScope, in memory. Only ever used to leave out a branch that would find
 * nothing more; the rows themselves are still chosen by unitInScope in SQL.
 */
export function unitWithin(scope: Scope, unit: { id: number; path: string }): boolean {
  return scope.unitIds.includes(unit.id) || coversSubtree(scope, unit.path);
}

/**
 * An admin of a whole tree (an admin grant on a root unit and its subtree): the only one
 * who may act above every unit — new top-level units, merges and splits at the top,
 * audit rows and accounts not tied to any unit.
 */
export function isRootAdmin(access: Access): boolean {
  return access.grants.some((g) => g.role === 'admin' && g.includeSubtree && g.unitPath.split('/').filter(Boolean).length === 1);
}

export function requirePermission(access: Access, permission: Permission): void {
  if (!access.can(permission)) throw new AppError('forbidden', 403);
}
