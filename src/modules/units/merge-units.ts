// Merging two or more units into one (an existing unit or a new one) from a date by a
// decision: the sources' child units move under the target, the sources' own members are
// placed in the target from that date, and the sources are dissolved on it. Before the
// date every figure still shows the old tree.
import type { Kysely } from 'kysely';
import { transactionRetryingDeadlocks } from '../../db/retry-on-deadlock.ts';
import type { DB } from '../../db/types.ts';
import { formatDateVi } from '../../domain/calendar.ts';
import { CELL_KINDS, isWithin } from '../../domain/unit-tree.ts';
import { AppError, badRequest } from '../../http/app-error.ts';
import { type Access, isRootAdmin } from '../access/access.ts';
import { writeAudit } from '../audit/write-audit.ts';
import { insertUnit } from './create-unit.ts';
import {
  assertCanContain,
  assertDistinct,
  assertEffectiveDate,
  type CurrentUnit,
  carryMembers,
  childrenToCarry,
  dissolveOn,
  finishEvent,
  loadNewParent,
  lockUnits,
  membersToCarry,
  reparent,
  startEvent,
} from './restructure-steps.ts';
import type { MergeInput } from './schemas.ts';
import { loadUnitOut } from './unit-row.ts';

export async function mergeUnits(db: Kysely<DB>, access: Access, input: MergeInput) {
  return transactionRetryingDeadlocks(db, async (trx) => {
    const date = input.effectiveOn;
    assertDistinct(input.sourceIds, 'units.duplicate_units');
    const existingTargetId = 'unitId' in input.target ? input.target.unitId : null;
    if (existingTargetId === null && input.sourceIds.length < 2)
      throw badRequest('units.merge_needs_two', {}, [{ path: 'body.sourceIds', message: 'units.merge_needs_two' }]);
    if (existingTargetId !== null && input.sourceIds.includes(existingTargetId))
      throw badRequest('units.merge_target_is_source', {}, [{ path: 'body.target.unitId', message: 'units.merge_target_is_source' }]);

    const sources = await lockUnits(trx, access, input.sourceIds);
    assertEffectiveDate(date, sources);
    const insideASource = (path: string) => sources.some((s) => isWithin(path, s.path));
    if (sources.some((s) => sources.some((o) => o.id !== s.id && isWithin(s.path, o.path)))) throw badRequest('units.merge_nested');

    // Where the merged unit stands: an existing unit, or a new one under a parent.
    let target: Pick<CurrentUnit, 'id' | 'name' | 'kind' | 'path' | 'depth'>;
    let created = false;
    let eventId: number;
    if (existingTargetId !== null) {
      target = await loadNewParent(trx, access, existingTargetId, date);
      if (insideASource(target.path)) throw badRequest('units.merge_nested');
      eventId = await startEvent(trx, access, 'merge', date, input.decisionNumber);
    } else {
      const spec = input.target as Extract<MergeInput['target'], { code: string }>;
      if (spec.parentId === null) {
        if (!isRootAdmin(access)) throw new AppError('forbidden', 403);
      } else {
        const parent = await loadNewParent(trx, access, spec.parentId, date);
        if (insideASource(parent.path)) throw badRequest('units.merge_nested');
        assertCanContain(parent, spec);
      }
      eventId = await startEvent(trx, access, 'merge', date, input.decisionNumber);
      const id = await insertUnit(trx, access.userId, { ...spec, establishedOn: date, decisionNumber: input.decisionNumber }, eventId);
      target = await trx.selectFrom('units').select(['id', 'name', 'kind', 'path', 'depth']).where('id', '=', id).executeTakeFirstOrThrow();
      created = true;
    }

    // A cell merges into a cell: its members would otherwise sit in a committee, outside any cell.
    const cell = sources.find((s) => CELL_KINDS.includes(s.kind));
    if (cell && !CELL_KINDS.includes(target.kind))
      throw badRequest('units.merge_cell_needs_cell', { name: cell.name, target: target.name }, [
        { path: existingTargetId !== null ? 'body.target.unitId' : 'body.target.kind', message: 'units.merge_cell_needs_cell_field' },
      ]);
    const children = await childrenToCarry(trx, input.sourceIds, date);
    for (const child of children) assertCanContain(target, child);
    const members = await membersToCarry(trx, input.sourceIds, date);
    for (const child of children) await reparent(trx, access, child, target, date, eventId, 'unit.merge_reparent');
    await carryMembers(trx, access, members, target, date, input.decisionNumber, 'merge', eventId);
    await dissolveOn(trx, input.sourceIds, date);

    const details = {
      sources: sources.map((s) => ({ id: s.id, name: s.name })),
      target: { id: target.id, name: target.name, created },
      childUnits: children.map((c) => ({ id: c.id, name: c.name })),
      membersMoved: members.length,
    };
    await finishEvent(trx, eventId, [...input.sourceIds, target.id, ...children.map((c) => c.id), ...sources.map((s) => s.parent_id)], details);
    for (const s of sources) {
      await writeAudit(trx, access.userId, {
        action: 'unit.merge',
        entityType: 'unit',
        entityId: s.id,
        unitId: s.id,
        before: { dissolvedOn: null },
        after: { dissolvedOn: date, mergedInto: { id: target.id, name: target.name }, decisionNumber: input.decisionNumber, eventId },
      });
    }
    await writeAudit(trx, access.userId, {
      action: 'unit.merge',
      entityType: 'unit',
      entityId: target.id,
      unitId: target.id,
      after: { ...details, effectiveOn: date, effectiveOnShown: formatDateVi(date), decisionNumber: input.decisionNumber, eventId },
    });
    return {
      eventId,
      target: await loadUnitOut(trx, target.id),
      dissolvedIds: input.sourceIds,
      membersMoved: members.length,
      childUnitsMoved: children.length,
    };
  });
}
