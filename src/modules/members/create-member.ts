// Registering a member in a cell: the record, the first placement and status rows
// (with the decision), and the audit row, in one transaction.
import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../../db/types.ts';
import { conflict, notFound } from '../../http/app-error.ts';
import { unitInScope, type Access } from '../access/access.ts';
import { writeAudit } from '../audit/write-audit.ts';
import { memberColumns } from './member-row.ts';
import type { CreateMemberInput } from './schemas.ts';

export async function assertUniqueIdentifiers(trx: Transaction<DB> | Kysely<DB>, fields: { citizenId?: string | null; partyCardNumber?: string | null }, exceptMemberId?: number) {
  for (const [column, value, code] of [
    ['citizen_id', fields.citizenId, 'members.citizen_id_taken'],
    ['party_card_number', fields.partyCardNumber, 'members.party_card_taken'],
  ] as const) {
    if (!value) continue;
    const other = await trx.selectFrom('members').select('id').where(column, '=', value)
      .$if(exceptMemberId !== undefined, (q) => q.where('id', '!=', exceptMemberId!)).executeTakeFirst();
    if (other) throw conflict(code, { value });
  }
}

export async function insertMember(trx: Transaction<DB> | Kysely<DB>, actorUserId: number | null, input: CreateMemberInput) {
  await assertUniqueIdentifiers(trx, input);
  const member = await trx.insertInto('members').values({ ...memberColumns(input), unit_id: input.unitId, status: input.status })
    .returning('id').executeTakeFirstOrThrow();
  await trx.insertInto('member_placements').values({ member_id: member.id, unit_id: input.unitId, valid_from: input.joinedUnitOn, decision_number: input.decisionNumber ?? null, reason: 'create' }).execute();
  await trx.insertInto('member_statuses').values({ member_id: member.id, status: input.status, valid_from: input.joinedUnitOn, decision_number: input.decisionNumber ?? null }).execute();
  await writeAudit(trx, actorUserId, { action: 'member.create', entityType: 'member', entityId: member.id, unitId: input.unitId, after: input });
  return member.id;
}

export async function createMember(db: Kysely<DB>, access: Access, input: CreateMemberInput) {
  return db.transaction().execute(async (trx) => {
    const unit = await trx.selectFrom('units').select('id').where('id', '=', input.unitId).where('dissolved_on', 'is', null)
      .where((eb) => unitInScope(access.scope('write_members'), eb.ref('units.id'))).executeTakeFirst();
    if (!unit) throw notFound('entities.unit');
    return insertMember(trx, access.userId, input);
  });
}
