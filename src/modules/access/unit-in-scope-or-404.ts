// "The unit, if the caller may use it": the one look-up before a unit's lists, reports and
// writes. A unit out of the scope answers 404, exactly as a unit that never was, so an id
// tells an outsider nothing.
import { type Expression, type Selectable, type SqlBool, sql } from 'kysely';
import type { DB, Db } from '../../db/types.ts';
import { notFound } from '../../http/app-error.ts';
import { type Scope, unitInScope } from './access.ts';

/**
 * SQL: the unit is in `scope`, or it is the cell of member `ownMemberId` (a member asks about
 * their own cell's list, where they find their own record and tasks, without a scope over it).
 */
export function unitInScopeOrOwnCell(scope: Scope, ownMemberId: number | null, unitId: Expression<number>): Expression<SqlBool> {
  const inScope = unitInScope(scope, unitId);
  if (ownMemberId === null) return inScope;
  return sql<SqlBool>`(${inScope} or ${unitId} = (select own.unit_id from members own where own.id = ${ownMemberId}::int))`;
}

export async function unitInScopeOr404(db: Db, scope: Scope, unitId: number, ownMemberId: number | null = null): Promise<Selectable<DB['units']>> {
  const unit = await db
    .selectFrom('units')
    .selectAll()
    .where('id', '=', unitId)
    .where((eb) => unitInScopeOrOwnCell(scope, ownMemberId, eb.ref('units.id')))
    .executeTakeFirst();
  if (!unit) throw notFound('entities.unit');
  return unit;
}
