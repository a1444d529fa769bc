// Dissolving a unit from a date by a decision. Refused while anyone or anything is still
// in it on or after that date: members are transferred and child units moved first, so
// nobody drops out of the figures.
import type { Kysely } from 'kysely';
import { transactionRetryingDeadlocks } from '../../db/retry-on-deadlock.ts';
import type { DB } from '../../db/types.ts';
import { conflict } from '../../http/app-error.ts';
import type { Access } from '../access/access.ts';
import { writeAudit } from '../audit/write-audit.ts';
import { assertEffectiveDate, dissolveOn, finishEvent, lockUnit, placementsActiveFrom, startEvent } from './restructure-steps.ts';
import type { DissolveInput } from './schemas.ts';
import { loadUnitOut } from './unit-row.ts';

export async function dissolveUnit(db: Kysely<DB>, access: Access, id: number, input: DissolveInput) {
  return transactionRetryingDeadlocks(db, async (trx) => {
    const unit = await lockUnit(trx, access, id);
    assertEffectiveDate(input.effectiveOn, [unit]);
    const date = input.effectiveOn;
    const members = new Set((await placementsActiveFrom(trx, [id], date)).map((p) => p.member_id)).size;
    const children = await trx
      .selectFrom('unit_versions as v')
      .select((eb) => eb.fn.count<number>('v.unit_id').distinct().as('n'))
      .where('v.parent_id', '=', id)
      .where((eb) => eb.or([eb('v.valid_to', 'is', null), eb('v.valid_to', '>', date)]))
      .executeTakeFirstOrThrow();
    if (members > 0 || Number(children.n) > 0) {
      throw conflict('units.dissolve_not_empty', { name: unit.name, members, children: Number(children.n) });
    }
    const eventId = await startEvent(trx, access, 'dissolve', date, input.decisionNumber);
    await dissolveOn(trx, [id], date);
    await finishEvent(trx, eventId, [id, unit.parent_id], { unit: { id, name: unit.name } });
    await writeAudit(trx, access.userId, {
      action: 'unit.dissolve',
      entityType: 'unit',
      entityId: id,
      unitId: id,
      before: { dissolvedOn: null },
      after: { dissolvedOn: date, decisionNumber: input.decisionNumber, eventId },
    });
    return { eventId, unit: await loadUnitOut(trx, id) };
  });
}
