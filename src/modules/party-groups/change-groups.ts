// Creating, renaming and closing a cell's party groups. A party group is a unit of kind
// `to_dang` under the cell, so each change is a dated unit version with its event (the
// cell's decision number when there is one) and unit_ancestry kept, as for any unit;
// closing a group ends its memberships on the same date. Each write is audited.
import type { Kysely } from 'kysely';
import { transactionRetryingDeadlocks } from '../../db/retry-on-deadlock.ts';
import type { DB } from '../../db/types.ts';
import { formatDateVi, todayInVietnam } from '../../domain/calendar.ts';
import { badRequest, conflict } from '../../http/app-error.ts';
import type { Access } from '../access/access.ts';
import { writeAudit } from '../audit/write-audit.ts';
import { insertUnit } from '../units/create-unit.ts';
import { dissolveOn, finishEvent, nextVersion, type Trx } from '../units/restructure-steps.ts';
import { cellFor, groupFor } from './cell-of-group.ts';
import type { CloseGroupInput, CreateGroupInput, RenameGroupInput } from './schemas.ts';

const dateError = (code: string, params: Record<string, string> = {}) => badRequest(code, params, [{ path: 'body.effectiveOn', message: code, params }]);

function assertDate(date: string, notBefore: string) {
  if (date > todayInVietnam()) throw dateError('party_groups.date_in_future');
  if (date < notBefore) throw dateError('party_groups.date_too_early', { date: formatDateVi(notBefore) });
}

async function startEvent(trx: Trx, access: Access, kind: 'rename' | 'dissolve', effectiveOn: string, decisionNumber: string | undefined) {
  const row = await trx
    .insertInto('unit_events')
    .values({ kind, effective_on: effectiveOn, decision_number: decisionNumber ?? null, created_by: access.userId, payload: '{}' })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/** A code for the group, unique among units: the cell's code and a number. */
async function groupCode(trx: Trx, cellCode: string) {
  for (let n = 1; ; n++) {
    const code = `${cellCode}.TD${n}`;
    if (!(await trx.selectFrom('units').select('id').where('code', '=', code).executeTakeFirst())) return code;
  }
}

export async function createGroup(db: Kysely<DB>, access: Access, cellId: number, input: CreateGroupInput) {
  return transactionRetryingDeadlocks(db, async (trx) => {
    const cell = await cellFor(trx, access, cellId, 'write_members');
    assertDate(input.effectiveOn, cell.established_on);
    const code = await groupCode(trx, cell.code);
    // insertUnit writes the unit, its first version, its 'create' event, ancestry and audit row.
    return insertUnit(trx, access.userId, {
      code,
      name: input.name,
      kind: 'to_dang',
      parentId: cell.id,
      establishedOn: input.effectiveOn,
      decisionNumber: input.decisionNumber,
    });
  });
}

export async function renameGroup(db: Kysely<DB>, access: Access, groupId: number, input: RenameGroupInput) {
  await transactionRetryingDeadlocks(db, async (trx) => {
    const { group } = await groupFor(trx, access, groupId);
    if (input.name === group.name) throw badRequest('units.same_name', {}, [{ path: 'body.name', message: 'units.same_name' }]);
    assertDate(input.effectiveOn, group.version_from);
    const eventId = await startEvent(trx, access, 'rename', input.effectiveOn, input.decisionNumber);
    await nextVersion(trx, group, input.effectiveOn, eventId, { name: input.name });
    await trx.updateTable('units').set({ name: input.name }).where('id', '=', group.id).execute();
    await finishEvent(trx, eventId, [group.id], { fromName: group.name, toName: input.name });
    await writeAudit(trx, access.userId, {
      action: 'party_group.rename',
      entityType: 'unit',
      entityId: group.id,
      unitId: group.id,
      before: { name: group.name },
      after: { name: input.name, effectiveOn: input.effectiveOn, eventId },
    });
  });
}

export async function closeGroup(db: Kysely<DB>, access: Access, groupId: number, input: CloseGroupInput) {
  await transactionRetryingDeadlocks(db, async (trx) => {
    const { group } = await groupFor(trx, access, groupId);
    assertDate(input.effectiveOn, group.version_from);
    if (input.effectiveOn === group.version_from) throw conflict('party_groups.close_same_day');
    const date = input.effectiveOn;
    // Its members belong to no group from the date (the cell may assign them to another).
    await trx.deleteFrom('party_group_members').where('party_group_id', '=', group.id).where('valid_from', '>=', date).execute();
    const ended = await trx
      .updateTable('party_group_members')
      .set({ valid_to: date })
      .where('party_group_id', '=', group.id)
      .where((eb) => eb.or([eb('valid_to', 'is', null), eb('valid_to', '>', date)]))
      .returning('member_id')
      .execute();
    const eventId = await startEvent(trx, access, 'dissolve', date, input.decisionNumber);
    await dissolveOn(trx, [group.id], date);
    await finishEvent(trx, eventId, [group.id, group.parent_id], { unit: { id: group.id, name: group.name } });
    await writeAudit(trx, access.userId, {
      action: 'party_group.close',
      entityType: 'unit',
      entityId: group.id,
      unitId: group.id,
      before: { dissolvedOn: null, members: ended.map((r) => r.member_id) },
      after: { dissolvedOn: date, eventId },
    });
  });
}
