// Moving a unit (with its whole subtree) under another parent from a date by a decision.
import type { Kysely } from 'kysely';
import { transactionRetryingDeadlocks } from '../../db/retry-on-deadlock.ts';
import type { DB } from '../../db/types.ts';
import { isWithin } from '../../domain/unit-tree.ts';
import { badRequest } from '../../http/app-error.ts';
import type { Access } from '../access/access.ts';
import { writeAudit } from '../audit/write-audit.ts';
import { assertCanContain, assertEffectiveDate, finishEvent, loadNewParent, lockUnit, reparent, startEvent } from './restructure-steps.ts';
import type { MoveInput } from './schemas.ts';
import { loadUnitOut } from './unit-row.ts';

export async function moveUnit(db: Kysely<DB>, access: Access, id: number, input: MoveInput) {
  return transactionRetryingDeadlocks(db, async (trx) => {
    const unit = await lockUnit(trx, access, id);
    // Same day as the last change allowed: reclassified and moved on one date (1/7/2025).
    assertEffectiveDate(input.effectiveOn, [unit], { sameDay: true });
    if (unit.parent_id === input.parentId) throw badRequest('units.same_parent', {}, [{ path: 'body.parentId', message: 'units.same_parent' }]);
    const parent = await loadNewParent(trx, access, input.parentId, input.effectiveOn);
    if (isWithin(parent.path, unit.path)) {
      throw badRequest('units.move_into_own_subtree', {}, [{ path: 'body.parentId', message: 'units.move_into_own_subtree' }]);
    }
    assertCanContain(parent, unit);
    const from = unit.parent_id === null ? null : await trx.selectFrom('units').select(['id', 'name']).where('id', '=', unit.parent_id).executeTakeFirst();
    const eventId = await startEvent(trx, access, 'move', input.effectiveOn, input.decisionNumber);
    await reparent(trx, access, unit, parent, input.effectiveOn, eventId, 'unit.move');
    await finishEvent(trx, eventId, [id, unit.parent_id, parent.id], {
      unit: { id, name: unit.name },
      from: from ? { id: from.id, name: from.name } : null,
      to: { id: parent.id, name: parent.name },
    });
    await writeAudit(trx, access.userId, {
      action: 'unit.move',
      entityType: 'unit',
      entityId: parent.id,
      unitId: parent.id,
      after: { movedIn: { id, name: unit.name }, effectiveOn: input.effectiveOn, decisionNumber: input.decisionNumber, eventId },
    });
    return { eventId, unit: await loadUnitOut(trx, id) };
  });
}
