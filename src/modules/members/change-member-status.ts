// A decision changes a member's status: the open member_statuses row closes at the
// effective date and a new one opens with the decision, members.status follows, and
// leaving (chuyển đi, xóa tên, khai trừ, từ trần) also closes the member's placement.
import type { Kysely, Selectable, Transaction } from 'kysely';
import { transactionRetryingDeadlocks } from '../../db/retry-on-deadlock.ts';
import type { DB, MembersTable } from '../../db/types.ts';
import { formatDateVi } from '../../domain/calendar.ts';
import { earliestRecognition } from '../../domain/member-dates.ts';
import { checkStatusTransition } from '../../domain/member-status.ts';
import { AppError } from '../../http/app-error.ts';
import type { Access } from '../access/access.ts';
import { writeAudit } from '../audit/write-audit.ts';
import { loadMemberDetail } from './get-member.ts';
import { lockWritableMember } from './member-access.ts';
import type { ChangeStatusInput, MemberDetailOut } from './schemas.ts';

const STATUS_LABEL = (status: string) => `members.status.${status}`;

export function effectiveTooEarly(since: string) {
  return new AppError('members.effective_before_current', 400, { since: formatDateVi(since) }, [
    { path: 'body.effectiveOn', message: 'members.effective_before_current_field' },
  ]);
}

export async function changeMemberStatus(db: Kysely<DB>, access: Access, id: number, input: ChangeStatusInput): Promise<MemberDetailOut> {
  return transactionRetryingDeadlocks(db, async (trx) => {
    const member = await lockWritableMember(trx, access, id);
    if (input.status === 'chinh_thuc') await refuseRecognitionOutsidePipeline(trx, id);
    await applyStatusChange(trx, access, member, input);
    return loadMemberDetail(trx, access, id);
  });
}

/**
 * A probationer admitted through the pipeline is recognised there (the cell's consideration,
 * its vote and the committee's decision are steps of the candidate's record), not here.
 */
async function refuseRecognitionOutsidePipeline(trx: Transaction<DB>, memberId: number) {
  const candidate = await trx
    .selectFrom('admission_candidates')
    .select('id')
    .where('member_id', '=', memberId)
    .where('stage', '=', 'probation')
    .executeTakeFirst();
  if (candidate) throw new AppError('admissions.recognise_in_pipeline', 409, { candidateId: candidate.id });
}

type LockedMember = Pick<Selectable<MembersTable>, 'id' | 'status' | 'unit_id' | 'full_member_on' | 'admitted_on'>;

/**
 * The one way a member's status changes, inside the caller's transaction on a member row
 * already locked and checked: the decisions of life events (exemption, suspension, striking
 * off, expulsion, death, transfer out of the system) all come here.
 */
export async function applyStatusChange(trx: Transaction<DB>, access: Access, member: LockedMember, input: ChangeStatusInput): Promise<void> {
  const id = member.id;
  const check = checkStatusTransition(member.status, input.status, member.full_member_on);
  if (!check.ok) {
    const code = check.reason === 'unchanged' ? 'members.status_unchanged' : check.reason === 'has_left' ? 'members.has_left' : 'members.status_not_allowed';
    throw new AppError(code, 409, { from: STATUS_LABEL(member.status), to: STATUS_LABEL(input.status) });
  }
  const open = await trx
    .selectFrom('member_statuses')
    .select(['id', 'valid_from'])
    .where('member_id', '=', id)
    .where('valid_to', 'is', null)
    .orderBy('valid_from', 'desc')
    .executeTakeFirst();
  const placement = await trx
    .selectFrom('member_placements')
    .select(['id', 'valid_from'])
    .where('member_id', '=', id)
    .where('valid_to', 'is', null)
    .orderBy('valid_from', 'desc')
    .executeTakeFirst();
  // History must stay a sequence of periods: the change cannot start before the current
  // status (nor, when leaving, before the current placement) began.
  const since = [open?.valid_from, check.endsMembership ? placement?.valid_from : undefined]
    .filter((d): d is string => !!d)
    .sort()
    .at(-1);
  if (since && input.effectiveOn < since) throw effectiveTooEarly(since);
  // A decision takes effect on or after the day it is signed; only a death is recorded from
  // the day it happened, on a notice (giấy báo tử) that follows it.
  if (input.decisionOn && input.decisionOn > input.effectiveOn && input.status !== 'tu_tran') {
    throw new AppError('validation', 400, {}, [{ path: 'body.decisionOn', message: 'life.decision_after_effect' }]);
  }
  // Recognition comes after 12 months of probation (Điều lệ Đảng, Điều 5).
  if (check.setsFullMemberOn && member.admitted_on && input.effectiveOn < earliestRecognition(member.admitted_on)) {
    throw new AppError('validation', 400, {}, [
      { path: 'body.effectiveOn', message: 'members.probation_too_short', params: { date: formatDateVi(earliestRecognition(member.admitted_on)) } },
    ]);
  }
  if (open) await trx.updateTable('member_statuses').set({ valid_to: input.effectiveOn }).where('id', '=', open.id).execute();
  await trx
    .insertInto('member_statuses')
    .values({
      member_id: id,
      status: input.status,
      valid_from: input.effectiveOn,
      decision_number: input.decisionNumber,
      decision_on: input.decisionOn ?? null,
      issued_by: input.issuedBy ?? null,
      note: input.note ?? null,
    })
    .execute();
  if (check.endsMembership) {
    if (placement) await trx.updateTable('member_placements').set({ valid_to: input.effectiveOn }).where('id', '=', placement.id).execute();
  }
  const fullMemberOn = check.setsFullMemberOn ? input.effectiveOn : member.full_member_on;
  await trx.updateTable('members').set({ status: input.status, full_member_on: fullMemberOn, updated_at: new Date() }).where('id', '=', id).execute();
  await writeAudit(trx, access.userId, {
    action: 'member.status',
    entityType: 'member',
    entityId: id,
    unitId: member.unit_id,
    before: { status: member.status, fullMemberOn: member.full_member_on },
    after: {
      status: input.status,
      fullMemberOn,
      effectiveOn: input.effectiveOn,
      decisionNumber: input.decisionNumber,
      ...(input.decisionOn ? { decisionOn: input.decisionOn } : {}),
      ...(input.issuedBy ? { issuedBy: input.issuedBy } : {}),
      note: input.note ?? null,
    },
  });
}
