// The sending organisation transfers a member's official membership (QĐ 4192-QĐ/BTCTW): to a
// cell of the system, where it waits for the receiver to accept (the member stays placed in
// the sending cell meanwhile: never in two cells, never in none), or out of the system, to
// the organisation named, which ends the membership here (status chuyển đi) on the decision.
import type { Kysely } from 'kysely';
import { transactionRetryingDeadlocks } from '../../db/retry-on-deadlock.ts';
import type { DB } from '../../db/types.ts';
import { isLeaving } from '../../domain/member-status.ts';
import { CELL_KINDS } from '../../domain/unit-tree.ts';
import { AppError, conflict, notFound } from '../../http/app-error.ts';
import type { Access } from '../access/access.ts';
import { writeAudit } from '../audit/write-audit.ts';
import { applyStatusChange } from '../members/change-member-status.ts';
import { lockWritableMember } from '../members/member-access.ts';
import type { SendTransferInput, TransferOut } from './schemas.ts';
import { transferOutOf, transferRows } from './transfer-rows.ts';

export async function sendTransfer(db: Kysely<DB>, access: Access, memberId: number, input: SendTransferInput): Promise<TransferOut> {
  return transactionRetryingDeadlocks(db, async (trx) => {
    const member = await lockWritableMember(trx, access, memberId);
    if (isLeaving(member.status)) throw new AppError('members.has_left_transfer', 409, { status: `members.status.${member.status}` });
    const pending = await trx.selectFrom('member_transfers').select('id').where('member_id', '=', memberId).where('status', '=', 'sent').executeTakeFirst();
    if (pending) throw conflict('life.transfer_in_transit');
    const placement = await trx
      .selectFrom('member_placements')
      .select('valid_from')
      .where('member_id', '=', memberId)
      .where('valid_to', 'is', null)
      .executeTakeFirst();
    if (placement && input.decisionOn < placement.valid_from) {
      throw new AppError('validation', 400, {}, [{ path: 'body.decisionOn', message: 'life.transfer_before_placement' }]);
    }
    if (input.toUnitId !== undefined) {
      // Any live cell of the system may receive, even one the sender cannot see: that is the
      // point of a transfer. An id that is no live cell is answered like a unit not found.
      const to = await trx.selectFrom('units').select(['id', 'name', 'kind', 'dissolved_on']).where('id', '=', input.toUnitId).executeTakeFirst();
      if (!to || to.dissolved_on || !CELL_KINDS.includes(to.kind)) throw notFound('entities.unit');
      if (to.id === member.unit_id) throw new AppError('members.transfer_same_unit', 400, { unit: to.name });
    }
    const row = await trx
      .insertInto('member_transfers')
      .values({
        member_id: memberId,
        from_unit_id: member.unit_id,
        to_unit_id: input.toUnitId ?? null,
        destination: input.destination ?? null,
        decision_number: input.decisionNumber,
        decision_on: input.decisionOn,
        issued_by: input.issuedBy,
        note: input.note ?? null,
        // Out of the system there is nobody to accept: the transfer is done on the decision.
        status: input.toUnitId === undefined ? 'accepted' : 'sent',
        received_on: input.toUnitId === undefined ? input.decisionOn : null,
        sent_by: access.userId,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await writeAudit(trx, access.userId, {
      action: 'member.transfer_send',
      entityType: 'member',
      entityId: memberId,
      unitId: member.unit_id,
      after: {
        transferId: row.id,
        ...(input.toUnitId !== undefined ? { unitId: input.toUnitId } : { destination: input.destination }),
        decisionNumber: input.decisionNumber,
        decisionOn: input.decisionOn,
        issuedBy: input.issuedBy,
      },
    });
    if (input.toUnitId === undefined) {
      await applyStatusChange(trx, access, member, {
        status: 'chuyen_di',
        effectiveOn: input.decisionOn,
        decisionNumber: input.decisionNumber,
        decisionOn: input.decisionOn,
        issuedBy: input.issuedBy,
        note: input.destination,
      });
    }
    return transferOutOf(await transferRows(trx).where('t.id', '=', row.id).executeTakeFirstOrThrow());
  });
}
