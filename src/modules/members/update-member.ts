// Correcting a member's personal record (PATCH). Only the fields sent change; the audit
// row keeps each changed field's value before and after.
import type { Kysely } from 'kysely';
import type { DB, MembersTable } from '../../db/types.ts';
import type { Access } from '../access/access.ts';
import { writeAudit } from '../audit/write-audit.ts';
import { loadMemberDetail } from './get-member.ts';
import { lockWritableMember } from './member-access.ts';
import { nameColumns, PERSONAL_COLUMNS } from './member-row.ts';
import { assertDatesInOrder, assertUniqueIdentifiers, type IdentifierCheck, rethrowIdentifierConflict } from './record-checks.ts';
import type { MemberDetailOut, UpdateMemberInput } from './schemas.ts';

type Field = keyof UpdateMemberInput;

export async function updateMember(db: Kysely<DB>, access: Access, id: number, input: UpdateMemberInput): Promise<MemberDetailOut> {
  const fields = (Object.keys(input) as Field[]).filter((k) => input[k] !== undefined);
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
        const set: Partial<Record<keyof MembersTable, unknown>> = {};
        for (const field of Object.keys(after) as Field[]) set[PERSONAL_COLUMNS[field]] = after[field];
        if (after.fullName !== undefined) Object.assign(set, nameColumns(after.fullName as string));
        await trx
          .updateTable('members')
          .set({ ...(set as object), updated_at: new Date() })
          .where('id', '=', id)
          .execute();
        await writeAudit(trx, access.userId, { action: 'member.update', entityType: 'member', entityId: id, unitId: row.unit_id, before, after });
      }
      return loadMemberDetail(trx, access, id);
    });
  } catch (error) {
    return rethrowIdentifierConflict(db, error, input, id, check);
  }
}
