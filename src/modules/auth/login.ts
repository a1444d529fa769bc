// Logging in. Two throttles guard the password check (src/modules/auth/throttle.ts):
// per account and client address, so wrong passwords from one place never lock the
// owner out elsewhere, and per client address, so one place cannot try many accounts.
// An IPv6 client counts by its /64 (domain/client-network.ts): one machine owns all of it.
// Unknown usernames cost the same as known ones: a dummy hash is verified instead.
import crypto from 'node:crypto';
import { type Kysely, sql } from 'kysely';
import type { DB } from '../../db/types.ts';
import { throttleNetwork } from '../../domain/client-network.ts';
import { AppError, TooManyAttempts } from '../../http/app-error.ts';
import { writeAudit } from '../audit/write-audit.ts';
import { hashPassword, verifyPassword } from './passwords.ts';
import { clearAttempts, giveBackAttempt, type ThrottleRule, takeAttempt } from './throttle.ts';
import { newSecret } from './tokens.ts';

export const ACCOUNT_THROTTLE: ThrottleRule = { kind: 'login.account_address', limit: 5, windowMinutes: 15 };
export const ADDRESS_THROTTLE: ThrottleRule = { kind: 'login.address', limit: 20, windowMinutes: 15 };
export const SESSION_DAYS = 14;
/** From this many failures in the window on, the refusal says how many attempts remain. */
const WARN_FROM_FAILURE = 3;

let dummyHash: Promise<string> | undefined;
/** A hash of nothing anyone knows, made like every real one, for unknown usernames. */
const hashOfNothing = () => (dummyHash ??= hashPassword(crypto.randomBytes(24).toString('base64url')));

export async function login(db: Kysely<DB>, username: string, password: string, address: string) {
  const name = username.trim().toLowerCase();
  // Addresses hold no '|', so the pair is unambiguous whatever the username holds.
  const network = throttleNetwork(address);
  const accountKey = `${network}|${name}`;
  const byAddress = await takeAttempt(db, ADDRESS_THROTTLE, network);
  if (!byAddress.allowed) throw new TooManyAttempts(byAddress.retryAfterSeconds);
  const byAccount = await takeAttempt(db, ACCOUNT_THROTTLE, accountKey);
  if (!byAccount.allowed) {
    // Not checked, so not held against the address.
    await giveBackAttempt(db, ADDRESS_THROTTLE, network);
    throw new TooManyAttempts(byAccount.retryAfterSeconds);
  }

  const user = await db.selectFrom('users').selectAll().where('username', '=', name).where('is_active', '=', true).executeTakeFirst();
  const verified = await verifyPassword(user?.password_hash ?? (await hashOfNothing()), password);
  const ok = user !== undefined && verified;
  await db.insertInto('login_attempts').values({ username: name, succeeded: ok, address }).execute();
  if (!user || !ok) throw badCredentials([byAddress, byAccount]);

  await clearAttempts(db, ACCOUNT_THROTTLE, accountKey);
  await giveBackAttempt(db, ADDRESS_THROTTLE, network);
  const { secret, hash } = newSecret();
  await db.transaction().execute(async (trx) => {
    await trx
      .insertInto('sessions')
      .values({ token_hash: hash, user_id: user.id, expires_at: sql`now() + make_interval(days => ${SESSION_DAYS})` })
      .execute();
    await writeAudit(trx, user.id, { action: 'auth.login', entityType: 'user', entityId: user.id });
  });
  return { token: secret, userId: user.id };
}

/** A wrong password; from the third failure on, with how many attempts remain (or how long to wait). */
function badCredentials(attempts: Array<{ remaining: number; retryAfterSeconds: number }>) {
  const remaining = Math.min(...attempts.map((a) => a.remaining));
  if (remaining === 0) {
    const seconds = Math.max(...attempts.filter((a) => a.remaining === 0).map((a) => a.retryAfterSeconds));
    return new AppError('auth.bad_credentials_last', 401, { minutes: Math.max(1, Math.ceil(seconds / 60)) });
  }
  // Two left after the third failure of an account (or fewer left to the address).
  if (remaining <= ACCOUNT_THROTTLE.limit - WARN_FROM_FAILURE) return new AppError('auth.bad_credentials_remaining', 401, { remaining });
  return new AppError('auth.bad_credentials', 401);
}
