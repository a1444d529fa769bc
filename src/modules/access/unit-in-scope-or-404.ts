// "The unit, if the caller may use it": the one look-up before a unit's lists, reports and
// writes. A unit out of the scope answers 404, exactly as a unit that never was, so an id
// tells an outsider nothing.
import type { Selectable } from 'kysely';
import type { DB, Db } from '../../db/types.ts';
import { notFound } from '../../http/app-error.ts';
import { type Scope, unitInScope } from './access.ts';

export async function unitInScopeOr404(db: Db, scope: Scope, unitId: number): Promise<Selectable<DB['units']>> {
  const unit = await db
    .selectFrom('units')
    .selectAll()
    .where('id', '=', unitId)
    .where((eb) => unitInScope(scope, eb.ref('units.id')))
    .executeTakeFirst();
  if (!unit) throw notFound('entities.unit');
  return unit;
}
