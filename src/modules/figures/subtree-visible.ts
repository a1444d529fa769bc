// Whether the caller sees the whole subtree of a unit (a subtree grant on it or above),
// not only the unit itself: only then do figures name the units below it. A this-unit
// grant on a commune gives its own totals, not its cells' names (as the compliance report).
import { sql } from 'kysely';
import type { Db } from '../../db/types.ts';
import { coversSubtree, type Scope } from '../access/access.ts';

export async function subtreeVisible(db: Db, scope: Scope, unitId: number): Promise<boolean> {
  if (scope.subtreePaths.length === 0) return false;
  const { rows } = await sql<{ path: string }>`select path from units where id = ${unitId}`.execute(db);
  return rows[0] !== undefined && coversSubtree(scope, rows[0].path);
}
