// Which demo accounts `chibo start` may print: none unless this database was seeded as
// the demo (the seed's audit row marks it), and then only the accounts that are still
// active and still open with the demo password. A real database never shows it, and a
// demo whose admin changed the password stops advertising the old one.
import type { Db } from '../../db/types.ts';
import { verifyPassword } from '../auth/passwords.ts';
import { DEMO_ACCOUNTS, DEMO_PASSWORD, DEMO_SEED_ACTION, type DemoAccount } from './seed-demo.ts';

export async function demoAccountsStillOpen(db: Db): Promise<DemoAccount[]> {
  const seeded = await db.selectFrom('audit_log').select('id').where('action', '=', DEMO_SEED_ACTION).limit(1).executeTakeFirst();
  if (!seeded) return [];
  const users = await db
    .selectFrom('users')
    .select(['username', 'password_hash'])
    .where(
      'username',
      'in',
      DEMO_ACCOUNTS.map((a) => a.username),
    )
    .where('is_active', '=', true)
    .execute();
  const open = await Promise.all(users.map(async (u) => ((await verifyPassword(u.password_hash, DEMO_PASSWORD)) ? u.username : null)));
  return DEMO_ACCOUNTS.filter((a) => open.includes(a.username));
}
