// Checks on a member's record that look at more than one field, or at the database:
// dates in a sensible order, and identifiers nobody else holds.
import { type Kysely, sql } from 'kysely';
import { hasSqlState, SQLSTATE } from '../../db/sqlstate.ts';
import type { DB, Db } from '../../db/types.ts';
import { formatDateVi } from '../../domain/calendar.ts';
import { membershipDateProblems } from '../../domain/member-dates.ts';
import { AppError, conflict, type FieldError } from '../../http/app-error.ts';
import { type Scope, unitInScope } from '../access/access.ts';
import { type ConflictContext, type HeldElsewhere, NeedsBoard, queueConflicts } from '../conflicts/queue-conflicts.ts';

export interface RecordDates {
  dateOfBirth: string;
  admittedOn: string | null;
  fullMemberOn: string | null;
  joinedUnitOn?: string;
}

/** 400 with one field error per date out of order; `at` is where the record sits in the request ('body', or 'body.member' of a transfer in). */
export function assertDatesInOrder(d: RecordDates, at = 'body'): void {
  const errors: FieldError[] = [];
  if (d.admittedOn && d.admittedOn <= d.dateOfBirth) errors.push({ path: `${at}.admittedOn`, message: 'members.admitted_before_birth' });
  if (d.fullMemberOn && d.admittedOn && d.fullMemberOn < d.admittedOn) errors.push({ path: `${at}.fullMemberOn`, message: 'members.full_before_admitted' });
  if (d.fullMemberOn && !d.admittedOn && d.fullMemberOn <= d.dateOfBirth) errors.push({ path: `${at}.fullMemberOn`, message: 'members.full_before_birth' });
  if (d.joinedUnitOn && d.admittedOn && d.joinedUnitOn < d.admittedOn) errors.push({ path: `${at}.joinedUnitOn`, message: 'members.joined_before_admitted' });
  for (const p of membershipDateProblems(d)) {
    if (errors.some((e) => e.path === `${at}.${p.field}`)) continue;
    errors.push({ path: `${at}.${p.field}`, message: `members.${p.kind}`, params: { date: formatDateVi(p.earliest) } });
  }
  if (errors.length) throw new AppError('validation', 400, {}, errors);
}

/** How a user's write checks identifiers: whom they may read, and where the conflict would be queued. */
export interface IdentifierCheck {
  readScope: Scope;
  context: ConflictContext;
}

/**
 * 409 when another member holds the citizen ID or card number. A holder the caller may
 * read gets the precise message; one outside their scope gets the one anonymous answer
 * (NeedsBoard), which the caller queues for the board after rolling back. Without a
 * check (the command line, tests' fixtures) every holder counts as readable.
 */
export async function assertUniqueIdentifiers(
  trx: Db,
  fields: { citizenId?: string | null; partyCardNumber?: string | null },
  exceptMemberId?: number,
  check?: IdentifierCheck,
) {
  const held: HeldElsewhere[] = [];
  for (const [column, value, code] of [
    ['citizen_id', fields.citizenId, 'members.citizen_id_taken'],
    ['party_card_number', fields.partyCardNumber, 'members.party_card_taken'],
  ] as const) {
    if (!value) continue;
    const other = await trx
      .selectFrom('members as m')
      .select(['m.id', 'm.unit_id'])
      .select((eb) => sql<boolean>`${check ? unitInScope(check.readScope, eb.ref('m.unit_id')) : sql`true`}`.as('readable'))
      .where(`m.${column}`, '=', value)
      .$if(exceptMemberId !== undefined, (q) => q.where('m.id', '!=', exceptMemberId!))
      .executeTakeFirst();
    if (other?.readable) throw conflict(code, { value });
    if (other) held.push({ kind: column, value, existingMemberId: other.id, existingUnitId: other.unit_id });
  }
  if (held.length) throw new NeedsBoard(check!.context, held);
}

/**
 * After a write's transaction rolled back: queue an out-of-scope conflict for the board;
 * a race the unique index caught (two people saving the same number at once) is checked
 * again, so it is answered as above. Always throws.
 */
export async function rethrowIdentifierConflict(
  db: Kysely<DB>,
  error: unknown,
  fields: { citizenId?: string | null; partyCardNumber?: string | null },
  exceptMemberId: number | undefined,
  check: IdentifierCheck,
): Promise<never> {
  let e = error;
  const constraint = (error as { constraint?: string } | null)?.constraint;
  if (hasSqlState(error, SQLSTATE.uniqueViolation) && (constraint === 'members_citizen_id_key' || constraint === 'members_party_card_number_key')) {
    try {
      await db.transaction().execute((trx) => assertUniqueIdentifiers(trx, fields, exceptMemberId, check));
      // The other writer rolled back meanwhile: nothing to name, still a conflict.
      e = conflict('conflict');
    } catch (again) {
      e = again;
    }
  }
  if (e instanceof NeedsBoard && e.held.length) {
    const { context, held } = e;
    await db.transaction().execute((trx) => queueConflicts(trx, context, held));
  }
  throw e;
}
