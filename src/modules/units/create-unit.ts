// Creating a unit: its row, its first version (for the tree on any date), a 'create'
// event with the decision, and the audit row — one transaction.
import type { Kysely } from 'kysely';
import { transactionRetryingDeadlocks } from '../../db/retry-on-deadlock.ts';
import type { DB, Db } from '../../db/types.ts';
import { formatDateVi, todayInVietnam } from '../../domain/calendar.ts';
import { foldForSearch } from '../../domain/vietnamese.ts';
import { AppError, badRequest, conflict, notFound } from '../../http/app-error.ts';
import { type Access, isRootAdmin, unitInScope } from '../access/access.ts';
import { writeAudit } from '../audit/write-audit.ts';
import { rebuildUnitAncestry } from '../org-history/keep-ancestry.ts';
import { assertCanContain } from './restructure-steps.ts';
import type { CreateUnitInput } from './schemas.ts';

export async function insertUnit(trx: Db, actorUserId: number | null, input: CreateUnitInput, eventId?: number) {
  // A unit is created once its decision has been made: placing members in it today must not count them in a unit not yet founded.
  if (input.establishedOn > todayInVietnam()) {
    throw badRequest('units.established_in_future', {}, [{ path: 'body.establishedOn', message: 'units.established_in_future_field' }]);
  }
  const taken = await trx.selectFrom('units').select('id').where('code', '=', input.code).executeTakeFirst();
  if (taken) throw conflict('units.code_taken', { code: input.code });
  let parentPath = '/';
  let depth = 0;
  if (input.parentId !== null) {
    const parent = await trx.selectFrom('units').select(['path', 'depth', 'dissolved_on']).where('id', '=', input.parentId).executeTakeFirst();
    if (!parent) throw notFound('entities.unit');
    if (parent.dissolved_on) throw new AppError('units.parent_dissolved', 400);
    parentPath = parent.path;
    depth = parent.depth + 1;
  }
  const ownEvent = eventId === undefined;
  const ev =
    eventId ??
    (
      await trx
        .insertInto('unit_events')
        .values({
          kind: 'create',
          effective_on: input.establishedOn,
          decision_number: input.decisionNumber ?? null,
          created_by: actorUserId,
          payload: JSON.stringify({ code: input.code, name: input.name }),
        })
        .returning('id')
        .executeTakeFirstOrThrow()
    ).id;
  const unit = await trx
    .insertInto('units')
    .values({
      code: input.code,
      name: input.name,
      kind: input.kind,
      parent_id: input.parentId,
      path: 'pending',
      depth,
      established_on: input.establishedOn,
      search_name: foldForSearch(`${input.name} ${input.code}`),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const path = `${parentPath}${unit.id}/`;
  await trx.updateTable('units').set({ path }).where('id', '=', unit.id).execute();
  if (ownEvent) {
    // The parent's history lists the units created under it too.
    const unitIds = input.parentId === null ? [unit.id] : [unit.id, input.parentId];
    await trx
      .updateTable('unit_events')
      .set({ payload: JSON.stringify({ unitIds, code: input.code, name: input.name }) })
      .where('id', '=', ev)
      .execute();
  }
  await trx
    .insertInto('unit_versions')
    .values({
      unit_id: unit.id,
      name: input.name,
      kind: input.kind,
      parent_id: input.parentId,
      valid_from: input.establishedOn,
      event_id: ev,
    })
    .execute();
  // A new unit has nothing under it yet: its own ancestry rows are all that change.
  await rebuildUnitAncestry(trx, [unit.id]);
  await writeAudit(trx, actorUserId, { action: 'unit.create', entityType: 'unit', entityId: unit.id, unitId: unit.id, after: input });
  return unit.id;
}

export async function createUnit(db: Kysely<DB>, access: Access, input: CreateUnitInput) {
  return transactionRetryingDeadlocks(db, async (trx) => {
    if (input.parentId === null) {
      // A new root is only for an admin of the whole system (an admin grant on a root unit
      // and its subtree, as for merges and the audit trail), or the very first unit.
      const anyUnit = await trx.selectFrom('units').select('id').limit(1).executeTakeFirst();
      if (anyUnit && !isRootAdmin(access)) throw new AppError('forbidden', 403);
    } else {
      const parent = await trx
        .selectFrom('units')
        .select(['id', 'name', 'kind', 'established_on'])
        .where('id', '=', input.parentId)
        .where((eb) => unitInScope(access.scope('write_units'), eb.ref('units.id')))
        .executeTakeFirst();
      if (!parent) {
        // A parent the caller sees but may not add to: 403; one they cannot see: 404.
        const seen = await trx
          .selectFrom('units')
          .select('id')
          .where('id', '=', input.parentId)
          .where((eb) => unitInScope(access.scope('read'), eb.ref('units.id')))
          .executeTakeFirst();
        throw seen ? new AppError('forbidden', 403) : notFound('entities.unit');
      }
      assertCanContain(parent, input);
      if (input.establishedOn < parent.established_on) {
        throw new AppError('units.not_yet_established', 400, { name: parent.name, date: formatDateVi(parent.established_on) }, [
          { path: 'body.establishedOn', message: 'units.effective_not_before_field', params: { date: formatDateVi(parent.established_on) } },
        ]);
      }
    }
    return insertUnit(trx, access.userId, input);
  });
}
