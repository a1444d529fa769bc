// The receiving cell answers a transfer sent to it: it accepts — on the day it receives the
// member, the placement in the sending cell closes and the one in the receiving cell opens,
// both on that day, so the member is counted in exactly one cell on every date — or it
// returns the transfer with its reason, and the member stays where they are.
import type { Kysely, Transaction } from 'kysely';
import { transactionRetryingDeadlocks } from '../../db/retry-on-deadlock.ts';
import type { DB } from '../../db/types.ts';
import { formatDateVi } from '../../domain/calendar.ts';
import { isLeaving } from '../../domain/member-status.ts';
import { AppError, conflict } from '../../http/app-error.ts';
import { type Access, unitInScope } from '../access/access.ts';
import { writeAudit } from '../audit/write-audit.ts';
import { writeRefusal } from '../meetings/meeting-access.ts';
import type { TransferOut } from './schemas.ts';
import { transferOutOf, transferRows } from './transfer-rows.ts';

/** The transfer sent to a cell the caller may write members in, locked; 403 / 404 otherwise. */
async function lockIncoming(trx: Transaction<DB>, access: Access, id: number) {
  const row = await trx
    .selectFrom('member_transfers as t')
    .selectAll('t')
    .where('t.id', '=', id)
    .where('t.to_unit_id', 'is not', null)
    .where((eb) => unitInScope(access.scope('write_members'), eb.ref('t.to_unit_id')))
    .forUpdate()
    .executeTakeFirst();
  if (row) {
    if (row.status !== 'sent') throw conflict('life.transfer_answered');
    return row;
  }
  const seen = await trx
    .selectFrom('member_transfers as t')
    .select('t.id')
    .where('t.id', '=', id)
    .where((eb) => eb.or([unitInScope(access.scope('read'), eb.ref('t.to_unit_id')), unitInScope(access.scope('read'), eb.ref('t.from_unit_id'))]))
    .executeTakeFirst();
  throw writeRefusal(seen, 'entities.record');
}

export async function acceptTransfer(db: Kysely<DB>, access: Access, id: number, receivedOn: string): Promise<TransferOut> {
  return transactionRetryingDeadlocks(db, async (trx) => {
    const transfer = await lockIncoming(trx, access, id);
    const member = await trx
      .selectFrom('members')
      .select(['id', 'unit_id', 'status'])
      .where('id', '=', transfer.member_id)
      .forUpdate()
      .executeTakeFirstOrThrow();
    if (member.unit_id !== transfer.from_unit_id) throw conflict('life.transfer_answered');
    // A member who left in transit (died, struck off) is not received: the sender's record says why.
    if (isLeaving(member.status)) throw conflict('life.member_has_left');
    const placement = await trx
      .selectFrom('member_placements')
      .select(['id', 'valid_from'])
      .where('member_id', '=', member.id)
      .where('valid_to', 'is', null)
      .executeTakeFirst();
    const earliest = [transfer.decision_on, placement?.valid_from]
      .filter((d): d is string => !!d)
      .sort()
      .at(-1)!;
    if (receivedOn < earliest) {
      throw new AppError('validation', 400, {}, [{ path: 'body.receivedOn', message: 'life.received_before_sent', params: { date: formatDateVi(earliest) } }]);
    }
    // The same day closes one placement and opens the other ([from, to) periods): one cell on every date.
    if (placement) await trx.updateTable('member_placements').set({ valid_to: receivedOn }).where('id', '=', placement.id).execute();
    await trx
      .insertInto('member_placements')
      .values({ member_id: member.id, unit_id: transfer.to_unit_id!, valid_from: receivedOn, decision_number: transfer.decision_number, reason: 'transfer' })
      .execute();
    await trx.updateTable('members').set({ unit_id: transfer.to_unit_id!, updated_at: new Date() }).where('id', '=', member.id).execute();
    await trx
      .updateTable('member_transfers')
      .set({ status: 'accepted', received_on: receivedOn, decided_by: access.userId, decided_at: new Date() })
      .where('id', '=', id)
      .execute();
    await writeAudit(trx, access.userId, {
      action: 'member.transfer_accept',
      entityType: 'member',
      entityId: member.id,
      unitId: transfer.to_unit_id,
      before: { unitId: transfer.from_unit_id },
      after: { transferId: id, unitId: transfer.to_unit_id, effectiveOn: receivedOn, decisionNumber: transfer.decision_number },
    });
    return transferOutOf(await transferRows(trx).where('t.id', '=', id).executeTakeFirstOrThrow());
  });
}

export async function returnTransfer(db: Kysely<DB>, access: Access, id: number, reason: string): Promise<TransferOut> {
  return transactionRetryingDeadlocks(db, async (trx) => {
    const transfer = await lockIncoming(trx, access, id);
    await trx
      .updateTable('member_transfers')
      .set({ status: 'returned', return_reason: reason, decided_by: access.userId, decided_at: new Date() })
      .where('id', '=', id)
      .execute();
    await writeAudit(trx, access.userId, {
      action: 'member.transfer_return',
      entityType: 'member',
      entityId: transfer.member_id,
      unitId: transfer.to_unit_id,
      after: { transferId: id, reason },
    });
    return transferOutOf(await transferRows(trx).where('t.id', '=', id).executeTakeFirstOrThrow());
  });
}
