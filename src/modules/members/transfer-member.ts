// Moving a member to another cell (chuyển sinh hoạt within the system): the open placement
// closes at the effective date, a new one opens in the target cell with the decision, and
// members.unit_id follows. The caller must be able to write members in both cells.
import type { Kysely } from 'kysely';
import { transactionRetryingDeadlocks } from '../../db/retry-on-deadlock.ts';
import type { DB } from '../../db/types.ts';
import { isLeaving } from '../../domain/member-status.ts';
import { AppError } from '../../http/app-error.ts';
import type { Access } from '../access/access.ts';
import { writeAudit } from '../audit/write-audit.ts';
import { effectiveTooEarly } from './change-member-status.ts';
import { loadMemberDetail } from './get-member.ts';
import { findTargetCell, lockWritableMember } from './member-access.ts';
import type { MemberDetailOut, TransferInput } from './schemas.ts';

export async function transferMember(db: Kysely<DB>, access: Access, id: number, input: TransferInput): Promise<MemberDetailOut> {
  return transactionRetryingDeadlocks(db, async (trx) => {
    const member = await lockWritableMember(trx, access, id);
    if (isLeaving(member.status)) throw new AppError('members.has_left_transfer', 409, { status: `members.status.${member.status}` });
    const target = await findTargetCell(trx, access, input.unitId);
    if (target.id === member.unit_id) throw new AppError('members.transfer_same_unit', 400, { unit: target.name });
    const open = await trx
      .selectFrom('member_placements')
      .select(['id', 'valid_from', 'unit_id'])
      .where('member_id', '=', id)
      .where('valid_to', 'is', null)
      .orderBy('valid_from', 'desc')
      .executeTakeFirst();
    if (open && input.effectiveOn < open.valid_from) throw effectiveTooEarly(open.valid_from);
    if (open) await trx.updateTable('member_placements').set({ valid_to: input.effectiveOn }).where('id', '=', open.id).execute();
    await trx
      .insertInto('member_placements')
      .values({
        member_id: id,
        unit_id: target.id,
        valid_from: input.effectiveOn,
        decision_number: input.decisionNumber,
        reason: input.reason ?? 'transfer',
      })
      .execute();
    await trx.updateTable('members').set({ unit_id: target.id, updated_at: new Date() }).where('id', '=', id).execute();
    await writeAudit(trx, access.userId, {
      action: 'member.transfer',
      entityType: 'member',
      entityId: id,
      unitId: target.id,
      before: { unitId: member.unit_id },
      after: { unitId: target.id, effectiveOn: input.effectiveOn, decisionNumber: input.decisionNumber, reason: input.reason ?? null },
    });
    return loadMemberDetail(trx, access, id);
  });
}
