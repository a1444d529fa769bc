// Registering a member in a cell: the record, the first placement and status rows
// (with the decision), and the audit row, in one transaction.
import type { Kysely } from 'kysely';
import type { DB, Db } from '../../db/types.ts';
import type { Access } from '../access/access.ts';
import { writeAudit } from '../audit/write-audit.ts';
import { loadMemberDetail } from './get-member.ts';
import { findTargetCell } from './member-access.ts';
import { memberColumns } from './member-row.ts';
import { assertDatesInOrder, assertUniqueIdentifiers, rethrowIdentifierConflict, type IdentifierCheck } from './record-checks.ts';
import type { CreateMemberInput, MemberDetailOut } from './schemas.ts';

// Kept for callers that imported it from here (imports).
export { assertUniqueIdentifiers } from './record-checks.ts';

export async function insertMember(trx: Db, actorUserId: number | null, input: CreateMemberInput, check?: IdentifierCheck) {
  await assertUniqueIdentifiers(trx, input, undefined, check);
  const member = await trx.insertInto('members').values({ ...memberColumns(input), unit_id: input.unitId, status: input.status })
    .returning('id').executeTakeFirstOrThrow();
  await trx.insertInto('member_placements').values({ member_id: member.id, unit_id: input.unitId, valid_from: input.joinedUnitOn, decision_number: input.decisionNumber ?? null, reason: 'create' }).execute();
  await trx.insertInto('member_statuses').values({ member_id: member.id, status: input.status, valid_from: input.joinedUnitOn, decision_number: input.decisionNumber ?? null }).execute();
  await writeAudit(trx, actorUserId, { action: 'member.create', entityType: 'member', entityId: member.id, unitId: input.unitId, after: input });
  return member.id;
}

export async function createMember(db: Kysely<DB>, access: Access, input: CreateMemberInput): Promise<MemberDetailOut> {
  assertDatesInOrder({ dateOfBirth: input.dateOfBirth, admittedOn: input.admittedOn ?? null, fullMemberOn: input.fullMemberOn ?? null, joinedUnitOn: input.joinedUnitOn });
  // A number held by a member the caller may not read is queued for the board of both cells.
  const check: IdentifierCheck = { readScope: access.scope('read'), context: { userId: access.userId, fromUnitId: input.unitId, source: 'member.create' } };
  try {
    return await db.transaction().execute(async (trx) => {
      await findTargetCell(trx, access, input.unitId);
      const id = await insertMember(trx, access.userId, input, check);
      return loadMemberDetail(trx, access, id);
    });
  } catch (error) {
    return rethrowIdentifierConflict(db, error, input, undefined, check);
  }
}
