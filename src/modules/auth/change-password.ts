// A person changes their own password: the current one first (throttled, so a session
// left open cannot be used to guess it), the new one by the password rules; then every
// other session and every API token of the account ends.
import type { Kysely } from 'kysely';
import type { DB } from '../../db/types.ts';
import { AppError } from '../../http/app-error.ts';
import type { Access } from '../access/access.ts';
import { writeAudit } from '../audit/write-audit.ts';
import { endAccountAccess } from './end-access.ts';
import { assertAcceptablePassword, hashPassword, verifyPassword } from './passwords.ts';
import { giveBackAttempt, type ThrottleRule, throttle } from './throttle.ts';

export const CURRENT_PASSWORD_THROTTLE: ThrottleRule = { kind: 'password_change.user', limit: 5, windowMinutes: 15 };

export async function changePassword(db: Kysely<DB>, access: Access, input: { currentPassword: string; newPassword: string }, keepSessionHash?: string) {
  assertAcceptablePassword(input.newPassword, access.username, 'body.newPassword');
  const key = String(access.userId);
  await throttle(db, CURRENT_PASSWORD_THROTTLE, key);
  const user = await db.selectFrom('users').select('password_hash').where('id', '=', access.userId).executeTakeFirstOrThrow();
  if (!(await verifyPassword(user.password_hash, input.currentPassword))) throw new AppError('auth.bad_current_password', 400);
  await giveBackAttempt(db, CURRENT_PASSWORD_THROTTLE, key);
  const passwordHash = await hashPassword(input.newPassword);
  await db.transaction().execute(async (trx) => {
    await trx
      .updateTable('users')
      .set({ password_hash: passwordHash, password_changed_at: new Date(), must_change_password: false })
      .where('id', '=', access.userId)
      .execute();
    await endAccountAccess(trx, access.userId, keepSessionHash);
    await writeAudit(trx, access.userId, { action: 'auth.password_change', entityType: 'user', entityId: access.userId });
  });
}
