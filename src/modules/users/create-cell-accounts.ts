// Accounts for every member of a cell in one action: each current member without an
// account gets one (role "đảng viên" on the cell, linked to their record) with a one-time
// password, answered once so the admin can print the sheet to hand out; the passwords are
// stored only as hashes and must be changed at first login. One transaction, one audit row
// per account.
import type { Kysely } from 'kysely';
import type { DB } from '../../db/types.ts';
import { accountUsername, oneTimePassword } from '../../domain/member-accounts.ts';
import { CURRENT_STATUSES } from '../../domain/member-status.ts';
import { CELL_KINDS } from '../../domain/unit-tree.ts';
import { AppError } from '../../http/app-error.ts';
import type { Access } from '../access/access.ts';
import { unitInScopeOr404 } from '../access/unit-in-scope-or-404.ts';
import { writeAudit } from '../audit/write-audit.ts';
import { hashPassword } from '../auth/passwords.ts';

export interface CellAccounts {
  unit: { id: number; name: string };
  created: { memberId: number; fullName: string; username: string; password: string }[];
  /** Members who already had an account: left as they are. */
  existing: { memberId: number; fullName: string; username: string }[];
}

export async function createCellAccounts(db: Kysely<DB>, access: Access, unitId: number): Promise<CellAccounts> {
  if (!access.can('manage_users')) throw new AppError('forbidden', 403);
  const scope = access.scope('manage_users');
  const unit = await unitInScopeOr404(db, scope, unitId);
  if (!CELL_KINDS.includes(unit.kind) || unit.dissolved_on) throw new AppError('users.cell_accounts_not_cell', 400, { unit: unit.name });

  const members = await db
    .selectFrom('members as m')
    .leftJoin('users as u', 'u.member_id', 'm.id')
    .select(['m.id', 'm.full_name', 'm.date_of_birth', 'm.sort_key', 'u.username'])
    .where('m.unit_id', '=', unitId)
    .where('m.status', 'in', [...CURRENT_STATUSES])
    .orderBy('m.sort_key')
    .orderBy('m.id')
    .execute();
  const existing = members.filter((m) => m.username !== null).map((m) => ({ memberId: m.id, fullName: m.full_name, username: m.username! }));
  const wanted = members.filter((m) => m.username === null);

  // Hash outside the transaction: argon2 is slow on purpose, a cell of 60 takes seconds.
  const taken = new Set((await db.selectFrom('users').select('username').execute()).map((u) => u.username));
  const planned = await Promise.all(
    wanted.map(async (m) => {
      const username = accountUsername(m.full_name, m.date_of_birth, taken);
      taken.add(username);
      const password = oneTimePassword();
      return { memberId: m.id, fullName: m.full_name, username, password, hash: await hashPassword(password) };
    }),
  );

  await db.transaction().execute(async (trx) => {
    for (const p of planned) {
      const row = await trx
        .insertInto('users')
        .values({ username: p.username, display_name: p.fullName, password_hash: p.hash, member_id: p.memberId, must_change_password: true })
        .returning('id')
        .executeTakeFirstOrThrow();
      await trx.insertInto('role_grants').values({ user_id: row.id, role: 'member', unit_id: unitId, include_subtree: false }).execute();
      await writeAudit(trx, access.userId, {
        action: 'user.create',
        entityType: 'user',
        entityId: row.id,
        unitId,
        after: { username: p.username, displayName: p.fullName, memberId: p.memberId, role: 'member', source: 'cell_accounts' },
      });
    }
  });
  return { unit: { id: unit.id, name: unit.name }, created: planned.map(({ hash: _hash, ...rest }) => rest), existing };
}
