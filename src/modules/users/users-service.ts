// Accounts and role grants. An admin manages the users who hold a grant inside their
// own manage_users scope, and can grant roles only on units inside it.
import { type Kysely, sql } from 'kysely';
import type { DB, Role } from '../../db/types.ts';
import { AppError, conflict, notFound } from '../../http/app-error.ts';
import { type Access, isRootAdmin, unitInScope } from '../access/access.ts';
import { writeAudit } from '../audit/write-audit.ts';
import { endAccountAccess } from '../auth/end-access.ts';
import { assertAcceptablePassword, hashPassword } from '../auth/passwords.ts';

function manageScope(access: Access) {
  return access.scope('manage_users');
}

/** The users' grants on units inside the admin's scope (their roles elsewhere are not this admin's business). */
async function grantsOf(db: Kysely<DB>, access: Access, userIds: number[]) {
  if (userIds.length === 0) return [];
  return db
    .selectFrom('role_grants as g')
    .innerJoin('units as u', 'u.id', 'g.unit_id')
    .select(['g.id', 'g.user_id', 'g.role', 'g.unit_id', 'u.name as unit_name', 'g.include_subtree'])
    .where('g.user_id', 'in', userIds)
    .where((eb) => unitInScope(manageScope(access), eb.ref('g.unit_id')))
    .orderBy('g.id')
    .execute();
}

export async function listUsers(db: Kysely<DB>, access: Access, onlyId?: number) {
  const scope = manageScope(access);
  // Users with a grant in scope, plus users with no grant yet: those linked to a member in
  // scope, or (no link either) created by this admin; an admin of the whole tree sees all.
  // Not every admin anywhere: one could reset the password of another commune's new
  // account before it is granted its role.
  const users = await db
    .selectFrom('users as usr')
    .select(['usr.id', 'usr.username', 'usr.display_name', 'usr.member_id', 'usr.is_active'])
    .where((eb) =>
      eb.or([
        eb.exists(
          eb
            .selectFrom('role_grants as g')
            .select('g.id')
            .whereRef('g.user_id', '=', 'usr.id')
            .where((inner) => unitInScope(scope, inner.ref('g.unit_id'))),
        ),
        eb.and([
          eb.not(eb.exists(eb.selectFrom('role_grants as g2').select('g2.id').whereRef('g2.user_id', '=', 'usr.id'))),
          eb.or([
            sql<boolean>`${isRootAdmin(access)}`,
            eb.exists(
              eb
                .selectFrom('members as mm')
                .select('mm.id')
                .whereRef('mm.id', '=', 'usr.member_id')
                .where((inner) => unitInScope(scope, inner.ref('mm.unit_id'))),
            ),
            eb.and([
              eb('usr.member_id', 'is', null),
              eb.exists(
                eb
                  .selectFrom('audit_log as a')
                  .select('a.id')
                  .where('a.entity_type', '=', 'user')
                  .where('a.action', '=', 'user.create')
                  .where('a.actor_user_id', '=', access.userId)
                  .where(sql<boolean>`a.entity_id = usr.id::text`),
              ),
            ]),
          ]),
        ]),
      ]),
    )
    .where(sql<boolean>`${access.can('manage_users')}`)
    .$if(onlyId !== undefined, (q) => q.where('usr.id', '=', onlyId!))
    .orderBy('usr.username')
    .execute();
  const grants = await grantsOf(
    db,
    access,
    users.map((u) => u.id),
  );
  return users.map((u) => ({
    id: u.id,
    username: u.username,
    displayName: u.display_name,
    memberId: u.member_id,
    isActive: u.is_active,
    grants: grants
      .filter((g) => g.user_id === u.id)
      .map((g) => ({ id: g.id, role: g.role, unitId: g.unit_id, unitName: g.unit_name, includeSubtree: g.include_subtree })),
  }));
}

export async function getUser(db: Kysely<DB>, access: Access, id: number) {
  const [user] = await listUsers(db, access, id);
  if (!user) throw notFound('entities.user');
  return user;
}

/**
 * The member an account is linked to must be inside the admin's scope: the link lets the
 * account read that member's record and their cell's meetings. (Unchecked, an id of no
 * member also failed on the foreign key as a 500.)
 */
async function assertMemberInScope(trx: Kysely<DB>, access: Access, memberId: number | null | undefined) {
  if (memberId == null) return;
  const member = await trx
    .selectFrom('members')
    .select('id')
    .where('id', '=', memberId)
    .where((eb) => unitInScope(manageScope(access), eb.ref('members.unit_id')))
    .executeTakeFirst();
  if (!member) throw notFound('entities.member');
}

export async function createUser(db: Kysely<DB>, access: Access, input: { username: string; displayName: string; password: string; memberId?: number | null }) {
  if (!access.can('manage_users')) throw new AppError('forbidden', 403);
  assertAcceptablePassword(input.password, input.username, 'body.password');
  const passwordHash = await hashPassword(input.password);
  const id = await db.transaction().execute(async (trx) => {
    await assertMemberInScope(trx, access, input.memberId);
    const taken = await trx.selectFrom('users').select('id').where('username', '=', input.username).executeTakeFirst();
    if (taken) throw conflict('auth.username_taken', { username: input.username });
    const row = await trx
      .insertInto('users')
      .values({ username: input.username, display_name: input.displayName, password_hash: passwordHash, member_id: input.memberId ?? null })
      .returning('id')
      .executeTakeFirstOrThrow();
    await writeAudit(trx, access.userId, {
      action: 'user.create',
      entityType: 'user',
      entityId: row.id,
      after: { username: input.username, displayName: input.displayName, memberId: input.memberId ?? null },
    });
    return row.id;
  });
  return getUser(db, access, id);
}

export async function updateUser(
  db: Kysely<DB>,
  access: Access,
  id: number,
  input: { displayName?: string; isActive?: boolean; memberId?: number | null; password?: string },
) {
  const before = await getUser(db, access, id);
  // Resetting the password of (or deactivating) someone who also holds a role elsewhere
  // would hand this admin that role too: only an admin over all of their units may.
  const elsewhere = await db
    .selectFrom('role_grants as g')
    .select('g.id')
    .where('g.user_id', '=', id)
    .where((eb) => eb.not(unitInScope(manageScope(access), eb.ref('g.unit_id'))))
    .executeTakeFirst();
  if (elsewhere) throw new AppError('users.outside_scope', 403);
  if (input.password !== undefined) assertAcceptablePassword(input.password, before.username, 'body.password');
  const passwordHash = input.password !== undefined ? await hashPassword(input.password) : undefined;
  await db.transaction().execute(async (trx) => {
    await assertMemberInScope(trx, access, input.memberId);
    await trx
      .updateTable('users')
      .set({
        ...(input.displayName !== undefined ? { display_name: input.displayName } : {}),
        ...(input.isActive !== undefined ? { is_active: input.isActive } : {}),
        ...(input.memberId !== undefined ? { member_id: input.memberId } : {}),
        // A password an admin sets is a one-time password: its holder replaces it at login.
        ...(passwordHash ? { password_hash: passwordHash, password_changed_at: new Date(), must_change_password: true } : {}),
      })
      .where('id', '=', id)
      .execute();
    if (input.isActive === false || passwordHash) await endAccountAccess(trx, id);
    const { password: _omit, ...visible } = input;
    await writeAudit(trx, access.userId, {
      action: 'user.update',
      entityType: 'user',
      entityId: id,
      before: { displayName: before.displayName, isActive: before.isActive, memberId: before.memberId },
      after: { ...visible, passwordReset: !!passwordHash },
    });
  });
  return getUser(db, access, id);
}

export async function addGrant(db: Kysely<DB>, access: Access, userId: number, input: { role: Role; unitId: number; includeSubtree: boolean }) {
  await getUser(db, access, userId);
  await db.transaction().execute(async (trx) => {
    const unit = await trx
      .selectFrom('units')
      .select('id')
      .where('id', '=', input.unitId)
      .where((eb) => unitInScope(manageScope(access), eb.ref('units.id')))
      .executeTakeFirst();
    if (!unit) throw new AppError('auth.cannot_grant_outside_scope', 403);
    const row = await trx
      .insertInto('role_grants')
      .values({ user_id: userId, role: input.role, unit_id: input.unitId, include_subtree: input.includeSubtree })
      .returning('id')
      .executeTakeFirstOrThrow();
    await writeAudit(trx, access.userId, {
      action: 'grant.create',
      entityType: 'user',
      entityId: userId,
      unitId: input.unitId,
      after: { grantId: row.id, ...input },
    });
  });
  return getUser(db, access, userId);
}

export async function removeGrant(db: Kysely<DB>, access: Access, userId: number, grantId: number) {
  await db.transaction().execute(async (trx) => {
    const grant = await trx
      .selectFrom('role_grants')
      .selectAll()
      .where('id', '=', grantId)
      .where('user_id', '=', userId)
      .where((eb) => unitInScope(manageScope(access), eb.ref('role_grants.unit_id')))
      .executeTakeFirst();
    if (!grant) throw notFound('entities.grant');
    await trx.deleteFrom('role_grants').where('id', '=', grantId).execute();
    await writeAudit(trx, access.userId, {
      action: 'grant.delete',
      entityType: 'user',
      entityId: userId,
      unitId: grant.unit_id,
      before: { grantId, role: grant.role, unitId: grant.unit_id, includeSubtree: grant.include_subtree },
    });
  });
  // Without the grant the account may no longer be this admin's to see; the removal
  // still happened, so answer with the account as it now stands here (no grants in scope).
  const [user] = await listUsers(db, access, userId);
  if (user) return user;
  const row = await db
    .selectFrom('users')
    .select(['id', 'username', 'display_name', 'member_id', 'is_active'])
    .where('id', '=', userId)
    .executeTakeFirstOrThrow();
  return { id: row.id, username: row.username, displayName: row.display_name, memberId: row.member_id, isActive: row.is_active, grants: [] };
}
