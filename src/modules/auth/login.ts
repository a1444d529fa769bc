// Logging in: at most MAX_FAILURES wrong passwords per account in WINDOW_MINUTES, counted
// in the database so every app process sees the same count.
import { sql, type Kysely } from 'kysely';
import type { DB } from '../../db/types.ts';
import { AppError } from '../../http/app-error.ts';
import { writeAudit } from '../audit/write-audit.ts';
import { verifyPassword } from './passwords.ts';
import { newSecret } from './tokens.ts';

export const MAX_FAILURES = 5;
export const WINDOW_MINUTES = 15;
export const SESSION_DAYS = 14;

export async function login(db: Kysely<DB>, username: string, password: string) {
  const name = username.trim().toLowerCase();
  const failures = await db.selectFrom('login_attempts').select(sql<number>`count(*)`.as('n'))
    .where('username', '=', name).where('succeeded', '=', false)
    .where('at', '>', sql<Date>`now() - make_interval(mins => ${WINDOW_MINUTES})`).executeTakeFirstOrThrow();
  if (failures.n >= MAX_FAILURES) throw new AppError('rate_limited', 429, { minutes: WINDOW_MINUTES });

  const user = await db.selectFrom('users').selectAll().where('username', '=', name).where('is_active', '=', true).executeTakeFirst();
  const ok = user ? await verifyPassword(user.password_hash, password) : false;
  await db.insertInto('login_attempts').values({ username: name, succeeded: ok }).execute();
  if (!user || !ok) throw new AppError('auth.bad_credentials', 401);

  const { secret, hash } = newSecret();
  await db.transaction().execute(async (trx) => {
    await trx.insertInto('sessions').values({ token_hash: hash, user_id: user.id, expires_at: sql`now() + make_interval(days => ${SESSION_DAYS})` }).execute();
    await writeAudit(trx, user.id, { action: 'auth.login', entityType: 'user', entityId: user.id });
  });
  return { token: secret, userId: user.id };
}
