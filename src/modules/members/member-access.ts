// Who may see and change which member, as SQL conditions on the `members as m` row, so a
// member outside the caller's scope is simply not found (404), in lists and by id alike.
import { type Expression, type ExpressionBuilder, type Kysely, type SqlBool, sql, type Transaction } from 'kysely';
import type { DB, Db } from '../../db/types.ts';
import { CELL_KINDS } from '../../domain/unit-tree.ts';
import { AppError, notFound } from '../../http/app-error.ts';
import { type Access, unitInScope, unitWithin } from '../access/access.ts';

type MembersEb = ExpressionBuilder<DB & { m: DB['members'] }, 'm'>;

/**
 * Readable: the member's cell is in the caller's read scope, or the member is the caller
 * (an account linked to a member record — a plain 'member' role — sees its own record).
 */
export function memberReadable(access: Access, eb: MembersEb): Expression<SqlBool> {
  const inScope = unitInScope(access.scope('read'), eb.ref('m.unit_id'));
  return access.memberId === null ? inScope : eb.or([inScope, eb('m.id', '=', access.memberId)]);
}

/**
 * The members the caller may read, as a row source (`members` columns) for lists, counts,
 * searches and exports: the members of the units in read scope, plus — a second UNION ALL
 * branch — the caller's own record when it lies outside that scope. Not `in scope or
 * id = own` as one condition: that OR stops PostgreSQL from starting at the units in
 * scope, so a commune secretary's list cost what the whole table costs. Single-record
 * lookups keep `memberReadable` (they start at the primary key anyway). When the own
 * record's cell, read with the session on this request, is in scope, the second branch
 * could only find nothing and is left out (a cheaper statement to plan and run).
 * `pathsInText`: as unitInScope's, for a statement that keeps its plan.
 */
export function readableMembers(db: Kysely<DB>, access: Access, pathsInText = false) {
  const scope = access.scope('read');
  const inScope = db
    .selectFrom('members as rm')
    .selectAll('rm')
    .where((eb) => unitInScope(scope, eb.ref('rm.unit_id'), pathsInText));
  if (access.memberId === null || (access.memberUnit && unitWithin(scope, access.memberUnit))) return inScope;
  return inScope.unionAll(
    db
      .selectFrom('members as rm')
      .selectAll('rm')
      .where('rm.id', '=', access.memberId)
      .where((eb) => eb.not(unitInScope(scope, eb.ref('rm.unit_id'), pathsInText))),
  );
}

/** Writable: the member's current cell is in the caller's write_members scope. */
export function memberWritable(access: Access, eb: MembersEb): Expression<SqlBool> {
  return unitInScope(access.scope('write_members'), eb.ref('m.unit_id'));
}

/** The member row for a write, locked; 403 when the caller may only read it, 404 when not even that. */
export async function lockWritableMember(trx: Transaction<DB>, access: Access, id: number) {
  const row = await trx
    .selectFrom('members as m')
    .selectAll('m')
    .where('m.id', '=', id)
    .where((eb) => memberWritable(access, eb))
    .forUpdate()
    .executeTakeFirst();
  if (row) return row;
  const readable = await trx
    .selectFrom('members as m')
    .select('m.id')
    .where('m.id', '=', id)
    .where((eb) => memberReadable(access, eb))
    .executeTakeFirst();
  throw readable ? new AppError('forbidden', 403) : notFound('entities.member');
}

/** A unit the caller may place members in: a live cell inside their write_members scope. */
export async function findTargetCell(trx: Db, access: Access, unitId: number) {
  const unit = await trx
    .selectFrom('units as u')
    .select(['u.id', 'u.name', 'u.kind', 'u.dissolved_on'])
    .select((eb) => sql<boolean>`${unitInScope(access.scope('write_members'), eb.ref('u.id'))}`.as('writable'))
    .where('u.id', '=', unitId)
    .where((eb) => unitInScope(access.scope('read'), eb.ref('u.id')))
    .executeTakeFirst();
  if (!unit) throw notFound('entities.unit');
  if (!unit.writable) throw new AppError('members.unit_outside_scope', 403, { unit: unit.name });
  if (unit.dissolved_on) throw new AppError('members.unit_dissolved', 400, { unit: unit.name });
  // Members belong to cells (chi bộ, chi bộ cơ sở); party groups and committees hold none.
  if (!CELL_KINDS.includes(unit.kind)) throw new AppError('members.unit_not_cell', 400, { unit: unit.name });
  return unit;
}
