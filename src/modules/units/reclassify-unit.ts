// Changing a unit's kind from a date by a decision (đổi loại tổ chức): e.g. a commune's
// grassroots committee becoming a đảng bộ xã on 1/7/2025, before it moves under the
// province (a move on the same date is accepted after it, or before it). The old kind stays
// in force before the date, so a 2024 tree still shows the grassroots committee.
import type { Kysely } from 'kysely';
import { transactionRetryingDeadlocks } from '../../db/retry-on-deadlock.ts';
import type { DB } from '../../db/types.ts';
import { formatDateVi } from '../../domain/calendar.ts';
import { CELL_KINDS, canContain } from '../../domain/unit-tree.ts';
import { badRequest } from '../../http/app-error.ts';
import type { Access } from '../access/access.ts';
import { writeAudit } from '../audit/write-audit.ts';
import { assertEffectiveDate, finishEvent, lockUnit, nextVersion, placementsActiveFrom, startEvent } from './restructure-steps.ts';
import type { ReclassifyInput } from './schemas.ts';
import { loadUnitOut } from './unit-row.ts';

const kindField = (message: string, params: Record<string, string> = {}) => [{ path: 'body.kind', message, params }];

export async function reclassifyUnit(db: Kysely<DB>, access: Access, id: number, input: ReclassifyInput) {
  return transactionRetryingDeadlocks(db, async (trx) => {
    const unit = await lockUnit(trx, access, id);
    if (input.kind === unit.kind) throw badRequest('units.same_kind', {}, kindField('units.same_kind'));
    assertEffectiveDate(input.effectiveOn, [unit], { sameDay: true });
    if (input.decisionDate && input.decisionDate > input.effectiveOn) {
      throw badRequest('units.decision_after_effective', {}, [
        { path: 'body.decisionDate', message: 'units.decision_after_effective_field', params: { date: formatDateVi(input.effectiveOn) } },
      ]);
    }
    const kind = `units.kinds.${input.kind}`;

    // The parent from the date on is the current one (the date is not before the last change).
    if (unit.parent_id !== null) {
      const parent = await trx.selectFrom('units').select(['name', 'kind']).where('id', '=', unit.parent_id).executeTakeFirstOrThrow();
      if (!canContain(parent.kind, input.kind)) {
        throw badRequest(
          'units.reclassify_parent_refuses',
          { name: unit.name, kind, parent: parent.name, parentKind: `units.kinds.${parent.kind}` },
          kindField('units.reclassify_parent_refuses_field', { parent: parent.name }),
        );
      }
    }
    // Every unit under it on the date or since must be one the new kind may hold.
    const child = await trx
      .selectFrom('unit_versions as v')
      .innerJoin('units as c', 'c.id', 'v.unit_id')
      .select(['v.name', 'v.kind'])
      .where('v.parent_id', '=', id)
      .where((eb) => eb.or([eb('v.valid_to', 'is', null), eb('v.valid_to', '>', input.effectiveOn)]))
      .orderBy('v.valid_from')
      .orderBy('v.unit_id')
      .execute()
      .then((rows) => rows.find((r) => !canContain(input.kind, r.kind)));
    if (child) {
      throw badRequest(
        'units.reclassify_child_refuses',
        { name: unit.name, kind, child: child.name, childKind: `units.kinds.${child.kind}` },
        kindField('units.reclassify_child_refuses_field', { child: child.name }),
      );
    }
    // Members are placed in cells only: a cell that stops being one must be emptied first.
    if (!CELL_KINDS.includes(input.kind)) {
      const placed = await placementsActiveFrom(trx, [id], input.effectiveOn);
      if (placed.length > 0) {
        throw badRequest(
          'units.reclassify_has_members',
          { name: unit.name, kind, members: placed.length },
          kindField('units.reclassify_has_members_field', { members: String(placed.length) }),
        );
      }
    }

    const eventId = await startEvent(trx, access, 'reclassify', input.effectiveOn, input.decisionNumber, input.note ?? null);
    await nextVersion(trx, unit, input.effectiveOn, eventId, { kind: input.kind });
    await trx.updateTable('units').set({ kind: input.kind }).where('id', '=', id).execute();
    // finishEvent keeps unit_ancestry (the kinds of the unit's rows and of its subtree's, split at the date).
    await finishEvent(trx, eventId, [id], {
      unit: { id, name: unit.name },
      fromKind: unit.kind,
      toKind: input.kind,
      decisionDate: input.decisionDate ?? null,
    });
    await writeAudit(trx, access.userId, {
      action: 'unit.reclassify',
      entityType: 'unit',
      entityId: id,
      unitId: id,
      before: { kind: unit.kind },
      after: {
        kind: input.kind,
        effectiveOn: input.effectiveOn,
        decisionNumber: input.decisionNumber,
        decisionDate: input.decisionDate ?? null,
        note: input.note ?? null,
        eventId,
      },
    });
    return { eventId, unit: await loadUnitOut(trx, id) };
  });
}
