// Registering a member in a cell: the record, the first placement and status rows
// (with the decision), and the audit row, in one transaction.
import type { Kysely, Transaction } from 'kysely';
import { transactionRetryingDeadlocks } from '../../db/retry-on-deadlock.ts';
import type { DB, Db } from '../../db/types.ts';
import { todayInVietnam } from '../../domain/calendar.ts';
import { statusFromDates } from '../../domain/member-dates.ts';
import { badRequest } from '../../http/app-error.ts';
import type { Access } from '../access/access.ts';
import { writeAudit } from '../audit/write-audit.ts';
import { checkVillageOn, moveResidence } from '../villages/set-residence.ts';
import { loadMemberDetail } from './get-member.ts';
import { findTargetCell } from './member-access.ts';
import { memberColumns } from './member-row.ts';
import { assertDatesInOrder, assertUniqueIdentifiers, type IdentifierCheck, rethrowIdentifierConflict } from './record-checks.ts';
import type { CreateMemberInput, MemberDetailOut } from './schemas.ts';

// Kept for callers that imported it from here (imports).
export { assertUniqueIdentifiers } from './record-checks.ts';

/** The status a new member starts with: from the dates, or as given when it agrees with them. */
export function initialStatus(input: Pick<CreateMemberInput, 'status' | 'fullMemberOn'>, at = 'body'): 'du_bi' | 'chinh_thuc' {
  const status = statusFromDates(input.fullMemberOn ?? null, todayInVietnam());
  if (input.status && input.status !== status) throw badRequest('validation', {}, [{ path: `${at}.status`, message: 'members.status_follows_dates' }]);
  return status;
}

export async function insertMember(trx: Db, actorUserId: number | null, input: CreateMemberInput, check?: IdentifierCheck) {
  await assertUniqueIdentifiers(trx, input, undefined, check);
  const status = input.status ?? statusFromDates(input.fullMemberOn ?? null, todayInVietnam());
  const member = await trx
    .insertInto('members')
    .values({ ...memberColumns(input), unit_id: input.unitId, status })
    .returning('id')
    .executeTakeFirstOrThrow();
  await trx
    .insertInto('member_placements')
    .values({ member_id: member.id, unit_id: input.unitId, valid_from: input.joinedUnitOn, decision_number: input.decisionNumber ?? null, reason: 'create' })
    .execute();
  await trx
    .insertInto('member_statuses')
    .values({ member_id: member.id, status, valid_from: input.joinedUnitOn, decision_number: input.decisionNumber ?? null })
    .execute();
  await writeAudit(trx, actorUserId, { action: 'member.create', entityType: 'member', entityId: member.id, unitId: input.unitId, after: { ...input, status } });
  return member.id;
}

/**
 * A new member record as a person enters it (the member form, or a member arriving from outside
 * the system): the caller's right over the cell, the dates in order, the village on the day,
 * then the record and where they live. `path` prefixes the village's field in errors.
 */
export async function insertCheckedMember(trx: Transaction<DB>, access: Access, given: CreateMemberInput, check?: IdentifierCheck, path = 'body') {
  // Who may write there first: the record's own rules come after (403/404 say nothing about them).
  await findTargetCell(trx, access, given.unitId);
  assertDatesInOrder(
    {
      dateOfBirth: given.dateOfBirth,
      admittedOn: given.admittedOn ?? null,
      fullMemberOn: given.fullMemberOn ?? null,
      joinedUnitOn: given.joinedUnitOn,
    },
    path,
  );
  if (given.villageId) await checkVillageOn(trx, access, given.villageId, given.joinedUnitOn, `${path}.villageId`);
  const id = await insertMember(trx, access.userId, { ...given, status: initialStatus(given, path) }, check);
  if (given.villageId) await moveResidence(trx, access.userId, id, given.villageId, given.joinedUnitOn);
  return id;
}

export async function createMember(db: Kysely<DB>, access: Access, given: CreateMemberInput): Promise<MemberDetailOut> {
  // A number held by a member the caller may not read is queued for the board of both cells.
  const check: IdentifierCheck = { readScope: access.scope('read'), context: { userId: access.userId, fromUnitId: given.unitId, source: 'member.create' } };
  try {
    return await transactionRetryingDeadlocks(db, async (trx) => loadMemberDetail(trx, access, await insertCheckedMember(trx, access, given, check)));
  } catch (error) {
    return rethrowIdentifierConflict(db, error, given, undefined, check);
  }
}
