// Splitting a unit into new parts from a date by a decision. The plan must place every
// current member and every child unit of the source in exactly one part — nobody is
// lost — else 400 names who and what is missing. The source is dissolved on the date.
import type { Kysely } from 'kysely';
import { transactionRetryingDeadlocks } from '../../db/retry-on-deadlock.ts';
import type { DB } from '../../db/types.ts';
import { checkSplitPlan, type SplitProblem } from '../../domain/unit-tree.ts';
import { AppError, badRequest, type FieldError } from '../../http/app-error.ts';
import { type Access, isRootAdmin } from '../access/access.ts';
import { writeAudit } from '../audit/write-audit.ts';
import { insertUnit } from './create-unit.ts';
import {
  assertCanContain,
  assertDistinct,
  assertEffectiveDate,
  carryMembers,
  childrenToCarry,
  dissolveOn,
  finishEvent,
  loadNewParent,
  lockUnit,
  membersToCarry,
  reparent,
  startEvent,
} from './restructure-steps.ts';
import type { SplitInput } from './schemas.ts';
import { loadUnitOut } from './unit-row.ts';

export async function splitUnit(db: Kysely<DB>, access: Access, id: number, input: SplitInput) {
  return transactionRetryingDeadlocks(db, async (trx) => {
    const date = input.effectiveOn;
    const source = await lockUnit(trx, access, id);
    assertEffectiveDate(date, [source]);
    assertDistinct(
      input.parts.map((p) => p.code.toLowerCase()),
      'units.duplicate_codes',
    );
    if (source.parent_id === null) {
      if (!isRootAdmin(access)) throw new AppError('forbidden', 403);
    } else {
      const parent = await loadNewParent(trx, access, source.parent_id, date);
      for (const part of input.parts) assertCanContain(parent, part);
    }

    const children = await childrenToCarry(trx, [id], date);
    const members = await membersToCarry(trx, [id], date);
    const problems = checkSplitPlan(
      members.map((m) => m.member_id),
      children.map((c) => c.id),
      input.parts,
    );
    if (problems.length > 0) {
      const memberName = new Map(members.map((m) => [m.member_id, m.full_name]));
      const unitName = new Map(children.map((c) => [c.id, c.name]));
      const nameOf = (p: SplitProblem) => (p.kind.startsWith('member') ? memberName.get(p.id) : unitName.get(p.id)) ?? `#${p.id}`;
      const fieldErrors: FieldError[] = problems.map((p) => ({
        path: 'body.parts',
        message: `units.split.${p.kind}`,
        params: { name: nameOf(p), unit: source.name },
      }));
      throw badRequest('units.split_incomplete', { name: source.name, count: problems.length }, fieldErrors);
    }
    const childById = new Map(children.map((c) => [c.id, c]));
    for (const part of input.parts) for (const childId of part.childUnitIds) assertCanContain(part, childById.get(childId)!);

    const eventId = await startEvent(trx, access, 'split', date, input.decisionNumber);
    const created: Array<{ id: number; code: string; name: string; memberCount: number; childUnitIds: number[] }> = [];
    for (const part of input.parts) {
      const partId = await insertUnit(
        trx,
        access.userId,
        { code: part.code, name: part.name, kind: part.kind, parentId: source.parent_id, establishedOn: date, decisionNumber: input.decisionNumber },
        eventId,
      );
      const row = await trx.selectFrom('units').select(['id', 'name', 'kind', 'path', 'depth']).where('id', '=', partId).executeTakeFirstOrThrow();
      for (const childId of part.childUnitIds) await reparent(trx, access, childById.get(childId)!, row, date, eventId, 'unit.split_reparent');
      const assigned = new Set(part.memberIds);
      await carryMembers(
        trx,
        access,
        members.filter((m) => assigned.has(m.member_id)),
        row,
        date,
        input.decisionNumber,
        'split',
        eventId,
      );
      created.push({ id: partId, code: part.code, name: part.name, memberCount: part.memberIds.length, childUnitIds: part.childUnitIds });
    }
    await dissolveOn(trx, [id], date);
    const details = { source: { id, name: source.name }, parts: created };
    await finishEvent(trx, eventId, [id, source.parent_id, ...created.map((p) => p.id), ...children.map((c) => c.id)], details);
    await writeAudit(trx, access.userId, {
      action: 'unit.split',
      entityType: 'unit',
      entityId: id,
      unitId: id,
      before: { dissolvedOn: null },
      after: { dissolvedOn: date, ...details, decisionNumber: input.decisionNumber, eventId },
    });
    const parts = [];
    for (const p of created) parts.push(await loadUnitOut(trx, p.id));
    return { eventId, parts, dissolvedId: id };
  });
}
