// Changing a member's personal record (PATCH). Only the fields sent change; the audit
// row keeps each changed field's value before and after. Education, political-theory level
// and religion change during a life: their old values are kept until the day the change
// takes effect (`effectiveOn`, default today) in member_attribute_history, so figures for
// earlier dates count them (migration 20261201T1500). Other fields are corrections.
import type { Kysely, Selectable, Transaction } from 'kysely';
import type { DB, MembersTable } from '../../db/types.ts';
import { addDays, formatDateVi, todayInVietnam } from '../../domain/calendar.ts';
import { badRequest } from '../../http/app-error.ts';
import type { Access } from '../access/access.ts';
import { writeAudit } from '../audit/write-audit.ts';
import { loadMemberDetail } from './get-member.ts';
import { lockWritableMember } from './member-access.ts';
import { nameColumns, PERSONAL_COLUMNS } from './member-row.ts';
import { assertDatesInOrder, assertUniqueIdentifiers, type IdentifierCheck, rethrowIdentifierConflict } from './record-checks.ts';
import type { MemberDetailOut, PersonalPatch, UpdateMemberInput } from './schemas.ts';

type Field = keyof PersonalPatch;
/** The fields whose old values stay true before the change (member_attribute_history). */
const CHANGING_OVER_A_LIFE: readonly Field[] = ['education', 'theoryLevel', 'religion'];

export async function updateMember(db: Kysely<DB>, access: Access, id: number, input: UpdateMemberInput): Promise<MemberDetailOut> {
  const fields = (Object.keys(input) as Field[]).filter((k) => k !== ('effectiveOn' as string) && input[k] !== undefined);
  // A number held by a member the caller may not read is queued for the board of both cells.
  const check: IdentifierCheck = { readScope: access.scope('read'), context: { userId: access.userId, fromUnitId: 0, source: 'member.update' } };
  try {
    return await db.transaction().execute(async (trx) => {
      const row = await lockWritableMember(trx, access, id);
      check.context.fromUnitId = row.unit_id;
      const next = { ...row } as Record<string, unknown>;
      const before: Record<string, unknown> = {};
      const after: Record<string, unknown> = {};
      for (const field of fields) {
        const column = PERSONAL_COLUMNS[field];
        const value = field === 'fullName' ? nameColumns(input.fullName!).full_name : (input[field] ?? null);
        if (row[column] === value) continue;
        before[field] = row[column];
        after[field] = value;
        next[column] = value;
      }
      const lifeChange = CHANGING_OVER_A_LIFE.some((f) => f in after);
      if (input.effectiveOn !== undefined && !CHANGING_OVER_A_LIFE.some((f) => input[f] !== undefined)) {
        throw badRequest('members.effective_without_change', {}, [{ path: 'body.effectiveOn', message: 'members.effective_without_change_field' }]);
      }
      const effectiveOn = input.effectiveOn ?? todayInVietnam();
      // The same values with another day: the last change took effect on that day instead.
      if (!lifeChange && input.effectiveOn !== undefined) await redateLastChange(trx, access, row, effectiveOn);
      if (Object.keys(after).length > 0) {
        assertDatesInOrder({
          dateOfBirth: next.date_of_birth as string,
          admittedOn: next.admitted_on as string | null,
          fullMemberOn: next.full_member_on as string | null,
        });
        await assertUniqueIdentifiers(
          trx,
          { citizenId: after.citizenId as string | null | undefined, partyCardNumber: after.partyCardNumber as string | null | undefined },
          id,
          check,
        );
        if (lifeChange) await keepOldValues(trx, row, effectiveOn);
        const set: Partial<Record<keyof MembersTable, unknown>> = {};
        for (const field of Object.keys(after) as Field[]) set[PERSONAL_COLUMNS[field]] = after[field];
        if (after.fullName !== undefined) Object.assign(set, nameColumns(after.fullName as string));
        await trx
          .updateTable('members')
          .set({ ...(set as object), updated_at: new Date() })
          .where('id', '=', id)
          .execute();
        await writeAudit(trx, access.userId, {
          action: 'member.update',
          entityType: 'member',
          entityId: id,
          unitId: row.unit_id,
          before,
          after: lifeChange ? { ...after, effectiveOn } : after,
        });
      }
      return loadMemberDetail(trx, access, id);
    });
  } catch (error) {
    return rethrowIdentifierConflict(db, error, input, id, check);
  }
}

/** The member's last change of education, theory level or religion: the values it ended. */
const lastChange = (trx: Transaction<DB>, memberId: number) =>
  trx
    .selectFrom('member_attribute_history')
    .select(['id', 'valid_from', 'valid_to'])
    .where('member_id', '=', memberId)
    .orderBy('valid_to', 'desc')
    .limit(1)
    .executeTakeFirst();

/** A change dated on or before `since` would rewrite a past the history already holds. */
const changeBeforeLast = (since: string) =>
  badRequest('members.change_before_last', { since: formatDateVi(since) }, [{ path: 'body.effectiveOn', message: 'members.change_before_last_field' }]);

/**
 * The values of education, theory level and religion the member had until `effectiveOn`,
 * from the day the previous change took effect. A change dated before that day is refused
 * (the schema refuses a day after today); a change on that same day replaces what it set.
 */
async function keepOldValues(trx: Transaction<DB>, row: Selectable<MembersTable>, effectiveOn: string) {
  const since = (await lastChange(trx, row.id))?.valid_to ?? null;
  // The same day as the previous change (a slip put right): today's values started that day.
  if (since === effectiveOn) return;
  if (since !== null && effectiveOn < since) throw changeBeforeLast(since);
  await trx
    .insertInto('member_attribute_history')
    .values({ member_id: row.id, valid_from: since, valid_to: effectiveOn, education: row.education, theory_level: row.theory_level, religion: row.religion })
    .execute();
}

/**
 * Moves the day the last change of education, theory level or religion took effect (it was
 * saved with the wrong day): the old values now end on `effectiveOn`. The day must fall
 * after the change before it; with no change recorded there is nothing to move.
 */
async function redateLastChange(trx: Transaction<DB>, access: Access, row: Selectable<MembersTable>, effectiveOn: string) {
  const last = await lastChange(trx, row.id);
  if (!last || last.valid_to === effectiveOn) return;
  if (last.valid_from !== null && effectiveOn <= last.valid_from) throw changeBeforeLast(addDays(last.valid_from, 1));
  await trx.updateTable('member_attribute_history').set({ valid_to: effectiveOn }).where('id', '=', last.id).execute();
  await writeAudit(trx, access.userId, {
    action: 'member.update',
    entityType: 'member',
    entityId: row.id,
    unitId: row.unit_id,
    before: { effectiveOn: last.valid_to },
    after: { effectiveOn },
  });
}
