// A member arriving from outside the system (another party organisation not kept here): the
// receiving cell registers the record with the origin and the sending decision; the
// transfer is kept, accepted, as the record of where they came from.
import type { Kysely } from 'kysely';
import type { z } from 'zod';
import { transactionRetryingDeadlocks } from '../../db/retry-on-deadlock.ts';
import type { DB } from '../../db/types.ts';
import type { Access } from '../access/access.ts';
import { writeAudit } from '../audit/write-audit.ts';
import { insertCheckedMember } from '../members/create-member.ts';
import { type IdentifierCheck, rethrowIdentifierConflict } from '../members/record-checks.ts';
import type { TransferOut, transferInBody } from './schemas.ts';
import { transferOutOf, transferRows } from './transfer-rows.ts';

export async function transferIn(db: Kysely<DB>, access: Access, input: z.infer<typeof transferInBody>): Promise<TransferOut> {
  const given = { ...input.member, decisionNumber: input.member.decisionNumber ?? input.decisionNumber };
  const check: IdentifierCheck = { readScope: access.scope('read'), context: { userId: access.userId, fromUnitId: given.unitId, source: 'member.create' } };
  try {
    return await transactionRetryingDeadlocks(db, async (trx) => {
      const memberId = await insertCheckedMember(trx, access, given, check, 'body.member');
      const row = await trx
        .insertInto('member_transfers')
        .values({
          member_id: memberId,
          from_unit_id: null,
          to_unit_id: input.member.unitId,
          origin: input.origin,
          decision_number: input.decisionNumber,
          decision_on: input.decisionOn,
          issued_by: input.issuedBy,
          note: input.note ?? null,
          status: 'accepted',
          received_on: input.member.joinedUnitOn,
          sent_by: access.userId,
          decided_by: access.userId,
          decided_at: new Date(),
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      await writeAudit(trx, access.userId, {
        action: 'member.transfer_in',
        entityType: 'member',
        entityId: memberId,
        unitId: input.member.unitId,
        after: { transferId: row.id, origin: input.origin, decisionNumber: input.decisionNumber, decisionOn: input.decisionOn, issuedBy: input.issuedBy },
      });
      return transferOutOf(await transferRows(trx).where('t.id', '=', row.id).executeTakeFirstOrThrow());
    });
  } catch (error) {
    return rethrowIdentifierConflict(db, error, given, undefined, check);
  }
}
