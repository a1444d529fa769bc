// Who belongs to a party group from a date: the members listed join it (leaving the other
// group of the cell they were in), the group's other members leave it; history is kept
// (each membership is a dated row). Only members placed in the cell on that date, and
// still there, can belong to one of its groups.
import type { Kysely } from 'kysely';
import { sql } from 'kysely';
import { transactionRetryingDeadlocks } from '../../db/retry-on-deadlock.ts';
import type { DB } from '../../db/types.ts';
import { formatDateVi, todayInVietnam } from '../../domain/calendar.ts';
import { badRequest, conflict, type FieldError } from '../../http/app-error.ts';
import type { Access } from '../access/access.ts';
import { writeAudit } from '../audit/write-audit.ts';
import { groupFor } from './cell-of-group.ts';
import { cellMembersOn } from './list-groups.ts';
import type { SetMembersInput } from './schemas.ts';

export async function setGroupMembers(db: Kysely<DB>, access: Access, groupId: number, input: SetMembersInput) {
  await transactionRetryingDeadlocks(db, async (trx) => {
    const { group, cell } = await groupFor(trx, access, groupId);
    const date = input.effectiveOn;
    const field = (code: string, params: Record<string, string> = {}) => badRequest(code, params, [{ path: 'body.effectiveOn', message: code, params }]);
    if (date > todayInVietnam()) throw field('party_groups.date_in_future');
    if (date < group.established_on) throw field('party_groups.date_too_early', { date: formatDateVi(group.established_on) });
    const wanted = [...new Set(input.memberIds)];
    // Still in the cell from the date on (an open placement that began by then).
    const { rows: inCell } = await sql<{ member_id: number }>`
      select cm.member_id from (${cellMembersOn(cell.id, date)}) cm
      where exists (select 1 from member_placements p where p.member_id = cm.member_id and p.unit_id = ${cell.id} and p.valid_to is null)`.execute(trx);
    const placed = new Set(inCell.map((r) => r.member_id));
    const errors: FieldError[] = [];
    input.memberIds.forEach((id, i) => {
      if (!placed.has(id)) errors.push({ path: `body.memberIds.${i}`, message: 'party_groups.not_in_cell' });
    });
    if (errors.length) throw badRequest('validation', {}, errors);

    const cellGroups = trx.selectFrom('units').select('id').where('parent_id', '=', cell.id).where('kind', '=', 'to_dang');
    const later = await trx
      .selectFrom('party_group_members')
      .select('id')
      .where('party_group_id', 'in', cellGroups)
      .where((eb) => eb.or([eb('party_group_id', '=', group.id), eb('member_id', 'in', wanted.length ? wanted : [0])]))
      .where('valid_from', '>', date)
      .executeTakeFirst();
    if (later) throw conflict('party_groups.changed_after', { date: formatDateVi(date) });

    const current = await trx
      .selectFrom('party_group_members')
      .select(['id', 'member_id', 'party_group_id', 'valid_from'])
      .where('party_group_id', 'in', cellGroups)
      .where('valid_from', '<=', date)
      .where((eb) => eb.or([eb('valid_to', 'is', null), eb('valid_to', '>', date)]))
      .execute();
    const before = current.filter((r) => r.party_group_id === group.id).map((r) => r.member_id);
    // Rows that end: this group's members not listed, and the listed members' rows in other groups.
    const ending = current.filter((r) => (r.party_group_id === group.id ? !wanted.includes(r.member_id) : wanted.includes(r.member_id)));
    for (const r of ending) {
      if (r.valid_from === date) await trx.deleteFrom('party_group_members').where('id', '=', r.id).execute();
      else await trx.updateTable('party_group_members').set({ valid_to: date }).where('id', '=', r.id).execute();
    }
    const joining = wanted.filter((id) => !before.includes(id));
    if (joining.length) {
      await trx
        .insertInto('party_group_members')
        .values(joining.map((member_id) => ({ member_id, party_group_id: group.id, valid_from: date, created_by: access.userId })))
        .execute();
    }
    await writeAudit(trx, access.userId, {
      action: 'party_group.members',
      entityType: 'unit',
      entityId: group.id,
      unitId: group.id,
      before: { memberIds: before },
      after: { memberIds: wanted, effectiveOn: date, joined: joining, left: before.filter((id) => !wanted.includes(id)) },
    });
  });
}
