// Renaming a unit from a date by a decision: the old name stays in force before the date.
import type { Kysely } from 'kysely';
import { transactionRetryingDeadlocks } from '../../db/retry-on-deadlock.ts';
import type { DB } from '../../db/types.ts';
import { badRequest } from '../../http/app-error.ts';
import type { Access } from '../access/access.ts';
import { writeAudit } from '../audit/write-audit.ts';
import { assertEffectiveDate, finishEvent, lockUnit, nextVersion, startEvent } from './restructure-steps.ts';
import type { RenameInput } from './schemas.ts';
import { loadUnitOut, searchNameOf } from './unit-row.ts';

export async function renameUnit(db: Kysely<DB>, access: Access, id: number, input: RenameInput) {
  return transactionRetryingDeadlocks(db, async (trx) => {
    const unit = await lockUnit(trx, access, id);
    if (input.name === unit.name) throw badRequest('units.same_name', {}, [{ path: 'body.name', message: 'units.same_name' }]);
    // A second rename on the day of the last change corrects it (a wrong name in the decision).
    assertEffectiveDate(input.effectiveOn, [unit], { sameDay: true });
    const eventId = await startEvent(trx, access, 'rename', input.effectiveOn, input.decisionNumber);
    await nextVersion(trx, unit, input.effectiveOn, eventId, { name: input.name });
    const former = await trx.selectFrom('unit_versions').select('name').where('unit_id', '=', id).orderBy('valid_from').execute();
    await trx
      .updateTable('units')
      .set({
        name: input.name,
        search_name: searchNameOf(
          unit.code,
          input.name,
          former.map((f) => f.name),
        ),
      })
      .where('id', '=', id)
      .execute();
    await finishEvent(trx, eventId, [id], { fromName: unit.name, toName: input.name });
    await writeAudit(trx, access.userId, {
      action: 'unit.rename',
      entityType: 'unit',
      entityId: id,
      unitId: id,
      before: { name: unit.name },
      after: { name: input.name, effectiveOn: input.effectiveOn, decisionNumber: input.decisionNumber, eventId },
    });
    return { eventId, unit: await loadUnitOut(trx, id) };
  });
}
