// "The unit, if the caller may use it": the one look-up before a unit's lists, reports and
// writes. A unit out of the scope answers 404, exactly as a unit that never was, so an id
// tells an outsider nothing.
import { type Expression, type Selectable, type SqlBool, sql } from 'kysely';
import type { DB, Db } from '../../db/types.ts';
import { notFound } from '../../http/app-error.ts';
import { type Scope, unitInScope, unitInScopeOn } from './access.ts';

/** With `on`, the unit as read on that date (unitInScopeOn: in the scope today, or under a subtree grant then). */
export async function unitInScopeOr404(db: Db, scope: Scope, unitId: number, on?: string): Promise<Selectable<DB['units']>> {
  const unit = await db
    .selectFrom('units')
    .selectAll()
    .where('id', '=', unitId)
    .where((eb) => (on === undefined ? unitInScope(scope, eb.ref('units.id')) : unitInScopeOn(scope, eb.ref('units.id'), on)))
    .executeTakeFirst();
  if (!unit) throw notFound('entities.unit');
  return unit;
}

/**
 * SQL: a unit a list may be filtered by: it holds something the caller sees — it is in the
 * scope, above a unit of the scope (a cell's secretary filters by their commune and finds
 * their cell's members), or holds the caller's own cell (`ownMemberId`: a member finds their
 * own record and tasks). Any other unit is not found, as one that never was.
 */
export function unitHoldingWhatIsSeen(scope: Scope, ownMemberId: number | null, unitId: Expression<number>): Expression<SqlBool> {
  // Unit paths are digits and slashes: one is a LIKE pattern of its subtree as it stands.
  const holds = [
    ...scope.subtreePaths.map((p) => sql<SqlBool>`${p} like over.path || '%'`),
    ...(scope.unitIds.length > 0
      ? [sql<SqlBool>`exists (select 1 from units g where g.id = any(${sql.val(scope.unitIds)}::int[]) and g.path like over.path || '%')`]
      : []),
    ...(ownMemberId !== null
      ? [
          sql<SqlBool>`exists (select 1 from members own join units g on g.id = own.unit_id where own.id = ${ownMemberId}::int and g.path like over.path || '%')`,
        ]
      : []),
  ];
  if (holds.length === 0) return sql<SqlBool>`false`;
  return sql<SqlBool>`(${unitInScope(scope, unitId)} or exists (select 1 from units over where over.id = ${unitId} and (${sql.join(holds, sql` or `)})))`;
}

/** The unit a list is filtered by, or 404 (unitHoldingWhatIsSeen). */
export async function listUnitOr404(db: Db, scope: Scope, ownMemberId: number | null, unitId: number): Promise<void> {
  const unit = await db
    .selectFrom('units')
    .select('id')
    .where('id', '=', unitId)
    .where((eb) => unitHoldingWhatIsSeen(scope, ownMemberId, eb.ref('units.id')))
    .executeTakeFirst();
  if (!unit) throw notFound('entities.unit');
}
