// Checks on a member's record that look at more than one field, or at the database:
// dates in a sensible order, and identifiers nobody else holds.
import type { Db } from '../../db/types.ts';
import { AppError, conflict, type FieldError } from '../../http/app-error.ts';

export interface RecordDates { dateOfBirth: string; admittedOn: string | null; fullMemberOn: string | null; joinedUnitOn?: string }

/** 400 with one field error per date out of order. */
export function assertDatesInOrder(d: RecordDates): void {
  const errors: FieldError[] = [];
  if (d.admittedOn && d.admittedOn <= d.dateOfBirth) errors.push({ path: 'body.admittedOn', message: 'members.admitted_before_birth' });
  if (d.fullMemberOn && d.admittedOn && d.fullMemberOn < d.admittedOn) errors.push({ path: 'body.fullMemberOn', message: 'members.full_before_admitted' });
  if (d.fullMemberOn && !d.admittedOn && d.fullMemberOn <= d.dateOfBirth) errors.push({ path: 'body.fullMemberOn', message: 'members.full_before_birth' });
  if (d.joinedUnitOn && d.admittedOn && d.joinedUnitOn < d.admittedOn) errors.push({ path: 'body.joinedUnitOn', message: 'members.joined_before_admitted' });
  if (errors.length) throw new AppError('validation', 400, {}, errors);
}

export async function assertUniqueIdentifiers(trx: Db, fields: { citizenId?: string | null; partyCardNumber?: string | null }, exceptMemberId?: number) {
  for (const [column, value, code] of [
    ['citizen_id', fields.citizenId, 'members.citizen_id_taken'],
    ['party_card_number', fields.partyCardNumber, 'members.party_card_taken'],
  ] as const) {
    if (!value) continue;
    const other = await trx.selectFrom('members').select('id').where(column, '=', value)
      .$if(exceptMemberId !== undefined, (q) => q.where('id', '!=', exceptMemberId!)).executeTakeFirst();
    if (other) throw conflict(code, { value });
  }
}

/**
 * Two people saving the same card number at once both pass the check above; the unique
 * index stops the second, and this turns that into the same 409 instead of a 500.
 */
export function uniqueViolationAsConflict(error: unknown, fields: { citizenId?: string | null; partyCardNumber?: string | null }): never {
  const e = error as { code?: string; constraint?: string };
  if (e?.code === '23505' && e.constraint === 'members_citizen_id_key') throw conflict('members.citizen_id_taken', { value: fields.citizenId ?? '' });
  if (e?.code === '23505' && e.constraint === 'members_party_card_number_key') throw conflict('members.party_card_taken', { value: fields.partyCardNumber ?? '' });
  throw error;
}
