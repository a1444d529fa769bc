// Two transactions locking the same rows in opposite order: PostgreSQL aborts one of them
// (40P01); transactionRetryingDeadlocks runs it again, so both writes land.
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { transactionRetryingDeadlocks } from '../../src/db/retry-on-deadlock.ts';
import { createTestApp, type TestApp } from '../helpers/test-app.ts';

const onPostgres = Boolean(process.env.DATABASE_URL);
if (!onPostgres) console.warn('deadlock-retry.test.ts: skipped on PGlite (one connection: no two transactions at once)');

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

describe.skipIf(!onPostgres)('a transaction aborted by a deadlock', () => {
  it('is run again, and both writes land', async () => {
    const db = t.database.db;
    const a = await t.unit({ code: 'DL-A', name: 'Chi bộ A' });
    const b = await t.unit({ code: 'DL-B', name: 'Chi bộ B' });
    let attempts = 0;
    const lockBoth = (first: number, second: number, name: string) =>
      transactionRetryingDeadlocks(db, async (trx) => {
        attempts += 1;
        await sql`select id from units where id = ${first} for update`.execute(trx);
        await sql`select pg_sleep(0.3)`.execute(trx);
        await sql`select id from units where id = ${second} for update`.execute(trx);
        await trx.updateTable('units').set({ name }).where('id', '=', second).execute();
      });
    await Promise.all([lockBoth(a, b, 'Chi bộ B đã sửa'), lockBoth(b, a, 'Chi bộ A đã sửa')]);
    expect(attempts).toBe(3);
    const names = await db.selectFrom('units').select('name').where('id', 'in', [a, b]).orderBy('id').execute();
    expect(names.map((n) => n.name)).toEqual(['Chi bộ A đã sửa', 'Chi bộ B đã sửa']);
  });
});
