// Striking off (xóa tên, Điều lệ Đảng Điều 8): the cell proposes, with its resolution and
// the reason (the months the system found, or another reason in words); the level above the
// cell decides. Striking off changes the member's status through the one status mechanism
// (members/change-member-status.ts applyStatusChange), with the decision; a rejection closes
// the proposal and the member stays.
import { type Kysely, sql, type Transaction } from 'kysely';
import type { z } from 'zod';
import { transactionRetryingDeadlocks } from '../../db/retry-on-deadlock.ts';
import type { DB, Db } from '../../db/types.ts';
import { isLeaving } from '../../domain/member-status.ts';
import { AppError, conflict, notFound } from '../../http/app-error.ts';
import { type Access, unitInScope } from '../access/access.ts';
import { unitInScopeOr404 } from '../access/unit-in-scope-or-404.ts';
import { writeAudit } from '../audit/write-audit.ts';
import { writeRefusal } from '../meetings/meeting-access.ts';
import { applyStatusChange } from '../members/change-member-status.ts';
import { lockWritableMember } from '../members/member-access.ts';
import type { decideStrikeOffBody, proposeStrikeOffBody } from './schemas.ts';

function proposalRows(db: Db, access: Access) {
  return db
    .selectFrom('strike_off_proposals as sp')
    .innerJoin('members as m', 'm.id', 'sp.member_id')
    .innerJoin('units as u', 'u.id', 'sp.unit_id')
    .select((eb) => [
      'sp.id',
      'sp.member_id',
      'm.full_name',
      'sp.unit_id',
      'u.name as unit_name',
      'sp.reason',
      'sp.months',
      'sp.note',
      'sp.proposed_on',
      'sp.resolution_number',
      'sp.status',
      'sp.decision_number',
      'sp.decision_on',
      'sp.issued_by',
      // The level above the cell decides: write_members over the cell's parent.
      sql<boolean>`coalesce(${unitInScope(access.scope('write_members'), eb.ref('u.parent_id'))}, false)`.as('can_decide'),
    ])
    .where((eb) => unitInScope(access.scope('read'), eb.ref('sp.unit_id')));
}

type Row = Awaited<ReturnType<ReturnType<typeof proposalRows>['executeTakeFirstOrThrow']>>;
const proposalOutOf = (r: Row) => ({
  id: r.id,
  memberId: r.member_id,
  fullName: r.full_name,
  unitId: r.unit_id,
  unitName: r.unit_name,
  reason: r.reason,
  months: r.months,
  note: r.note,
  proposedOn: r.proposed_on,
  resolutionNumber: r.resolution_number,
  status: r.status,
  decisionNumber: r.decision_number,
  decisionOn: r.decision_on,
  issuedBy: r.issued_by,
  canDecide: r.can_decide,
});

export async function proposeStrikeOff(db: Kysely<DB>, access: Access, memberId: number, input: z.infer<typeof proposeStrikeOffBody>) {
  return transactionRetryingDeadlocks(db, async (trx) => {
    const member = await lockWritableMember(trx, access, memberId);
    if (isLeaving(member.status)) throw new AppError('members.has_left', 409, { from: `members.status.${member.status}` });
    const open = await trx
      .selectFrom('strike_off_proposals')
      .select('id')
      .where('member_id', '=', memberId)
      .where('status', '=', 'proposed')
      .executeTakeFirst();
    if (open) throw conflict('life.strike_off_already_proposed');
    if (input.reason !== 'other' && input.months.length === 0) {
      throw new AppError('validation', 400, {}, [{ path: 'body.months', message: 'life.strike_off_months_needed' }]);
    }
    const row = await trx
      .insertInto('strike_off_proposals')
      .values({
        member_id: memberId,
        unit_id: member.unit_id,
        reason: input.reason,
        months: [...new Set(input.months)].sort(),
        note: input.note ?? null,
        proposed_on: input.proposedOn,
        resolution_number: input.resolutionNumber,
        proposed_by: access.userId,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await writeAudit(trx, access.userId, {
      action: 'member.strike_off_propose',
      entityType: 'member',
      entityId: memberId,
      unitId: member.unit_id,
      after: { proposalId: row.id, reason: input.reason, months: input.months, resolutionNumber: input.resolutionNumber, proposedOn: input.proposedOn },
    });
    return proposalOutOf(await proposalRows(trx, access).where('sp.id', '=', row.id).executeTakeFirstOrThrow());
  });
}

async function lockDecidable(trx: Transaction<DB>, access: Access, id: number) {
  const row = await trx
    .selectFrom('strike_off_proposals as sp')
    .innerJoin('units as u', 'u.id', 'sp.unit_id')
    .select(['sp.id', 'sp.member_id', 'sp.unit_id', 'sp.status', 'sp.reason', 'sp.proposed_on'])
    .where('sp.id', '=', id)
    .where((eb) => unitInScope(access.scope('write_members'), eb.ref('u.parent_id')))
    .forUpdate('sp')
    .executeTakeFirst();
  if (row) return row;
  const seen = await trx
    .selectFrom('strike_off_proposals as sp')
    .select('sp.id')
    .where('sp.id', '=', id)
    .where((eb) => unitInScope(access.scope('read'), eb.ref('sp.unit_id')))
    .executeTakeFirst();
  throw writeRefusal(seen, 'entities.record');
}

export async function decideStrikeOff(db: Kysely<DB>, access: Access, id: number, input: z.infer<typeof decideStrikeOffBody>) {
  return transactionRetryingDeadlocks(db, async (trx) => {
    const proposal = await lockDecidable(trx, access, id);
    if (proposal.status !== 'proposed') throw conflict('life.strike_off_decided');
    if (input.decisionOn < proposal.proposed_on) {
      throw new AppError('validation', 400, {}, [{ path: 'body.decisionOn', message: 'life.decision_before_proposal' }]);
    }
    if (input.outcome === 'struck_off') {
      const member = await trx.selectFrom('members').selectAll().where('id', '=', proposal.member_id).forUpdate().executeTakeFirst();
      if (!member) throw notFound('entities.member');
      await applyStatusChange(trx, access, member, {
        status: 'xoa_ten',
        effectiveOn: input.effectiveOn,
        decisionNumber: input.decisionNumber,
        decisionOn: input.decisionOn,
        issuedBy: input.issuedBy,
      });
    }
    await trx
      .updateTable('strike_off_proposals')
      .set({
        status: input.outcome,
        decision_number: input.decisionNumber,
        decision_on: input.decisionOn,
        issued_by: input.issuedBy,
        decided_by: access.userId,
        decided_at: new Date(),
      })
      .where('id', '=', id)
      .execute();
    await writeAudit(trx, access.userId, {
      action: 'member.strike_off_decide',
      entityType: 'member',
      entityId: proposal.member_id,
      unitId: proposal.unit_id,
      after: { proposalId: id, outcome: input.outcome, decisionNumber: input.decisionNumber, decisionOn: input.decisionOn, issuedBy: input.issuedBy },
    });
    return proposalOutOf(await proposalRows(trx, access).where('sp.id', '=', id).executeTakeFirstOrThrow());
  });
}

export async function listStrikeOffProposals(db: Db, access: Access, unitId: number) {
  const unit = await unitInScopeOr404(db, access.scope('read'), unitId);
  const rows = await proposalRows(db, access)
    .where('u.path', 'like', `${unit.path}%`)
    .orderBy(sql`sp.status = 'proposed'`, 'desc')
    .orderBy('sp.proposed_on', 'desc')
    .orderBy('sp.id', 'desc')
    .limit(500)
    .execute();
  return { items: rows.map(proposalOutOf) };
}
