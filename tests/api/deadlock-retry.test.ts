// Two transactions locking the same rows in opposite order: PostgreSQL aborts one of them
// (40P01); transactionRetryingDeadlocks runs it again, so both writes land. A restructuring
// step is one of them: a move's ancestry rewrite met a member write's locks the other way
// round in CI (03/12) and answered 409 until the steps ran again on a deadlock.
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

  it('runs a move again when it meets another writer holding its rows the other way round, and the move lands', async () => {
    const db = t.database.db;
    const province = await t.unit({ code: 'DL-TINH', name: 'Đảng bộ tỉnh', kind: 'dang_bo_tinh' });
    const from = await t.unit({ code: 'DL-XA1', name: 'Đảng bộ xã Đông', kind: 'dang_bo_xa', parentId: province });
    const to = await t.unit({ code: 'DL-XA2', name: 'Đảng bộ xã Tây', kind: 'dang_bo_xa', parentId: province });
    const cell = await t.unit({ code: 'DL-XA1-1', name: 'Chi bộ thôn Mới', parentId: from });
    await t.user('dl-tinh', [{ role: 'admin', unitId: province }]);
    const admin = await t.as('dl-tinh');

    // The other writer holds the cell's ancestry rows, which the move rewrites after it has
    // locked the cell; it then asks for the cell's row. It waits 10 s before looking for a
    // deadlock, the move 1 s (PostgreSQL's default): the move is the one aborted.
    let releaseOther = () => {};
    const otherDone = db.transaction().execute(async (trx) => {
      await sql`set local deadlock_timeout = '10s'`.execute(trx);
      await sql`select 1 from unit_ancestry where unit_id = ${cell} for update`.execute(trx);
      const moveBlocked = new Promise<void>((resolve) => {
        releaseOther = resolve;
      });
      await moveBlocked;
      await sql`select 1 from units where id = ${cell} for update`.execute(trx);
    });
    const move = admin({ method: 'POST', url: `/api/v1/units/${cell}/move`, payload: { parentId: to, effectiveOn: '2026-03-01', decisionNumber: '9-QĐ/TU' } });
    // Once the move waits on the ancestry rows, the other writer asks for the cell's row.
    for (let i = 0; i < 100; i++) {
      const waiting = await sql<{ n: number }>`select count(*)::int as n from pg_stat_activity
        where datname = current_database() and wait_event_type = 'Lock' and query like 'delete from unit_ancestry%'`.execute(db);
      if (waiting.rows[0]!.n > 0) break;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    releaseOther();
    await otherDone;
    const res = await move;
    expect(res.statusCode, res.body).toBe(200);
    const now = await db.selectFrom('units').select('parent_id').where('id', '=', cell).executeTakeFirstOrThrow();
    expect(now.parent_id).toBe(to);
  });
});
