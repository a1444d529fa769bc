// The lazy tree: the children of one unit as they were on a date, or — without a parent —
// the caller's own top units (one per grant, none inside another).

import type { Db } from '../../db/types.ts';
import { ROLE_PERMISSIONS } from '../../domain/permissions.ts';
import { scopeRoots } from '../../domain/unit-tree.ts';
import type { Access } from '../access/access.ts';
import { unitInScopeOr404 } from '../access/unit-in-scope-or-404.ts';
import { unitOn } from '../org-history/units-under.ts';
import type { ChildOut } from './schemas.ts';
import { childVersionsOn, presentChildren, treeFilter, treeFilterUnder, versionsOn } from './tree-at-date.ts';

/**
 * Asked for on a date (`strict`), a parent that did not exist then is not found; without
 * one (today), a dissolved parent simply has no children.
 */
export async function listChildren(db: Db, access: Access, parentId: number | undefined, at: string, strict = true): Promise<ChildOut[]> {
  const scope = access.scope('read');
  if (parentId === undefined) {
    const grants = access.grants.filter((g) => ROLE_PERMISSIONS[g.role].includes('read'));
    const [roots, filter] = await Promise.all([versionsOn(db, scopeRoots(grants), at), treeFilter(db, scope)]);
    return presentChildren(db, roots, at, filter);
  }
  await unitInScopeOr404(db, scope, parentId, at);
  const [filter] = await Promise.all([treeFilterUnder(db, scope, parentId, at), strict ? unitOn(db, parentId, at, scope) : undefined]);
  return presentChildren(db, await childVersionsOn(db, parentId, at, filter), at, filter);
}
