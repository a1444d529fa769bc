// The read models kept by triggers lock members before meetings on every path
// (src/db/migrations/20261201T0600_perf_lock_order.sql). Before, a placement written while
// another transaction held the member and was about to record attendance locked the
// meeting first and then waited for the member: PostgreSQL broke the deadlock by aborting
// one of them. Now the placement's transaction waits for the member first, and both land
// without any retry.
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/test-app.ts';

const onPostgres = Boolean(process.env.DATABASE_URL);
if (!onPostgres) console.warn('lock-order.test.ts: skipped on PGlite (one connection: no two transactions at once)');

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

describe.skipIf(!onPostgres)('a member record edit and a placement change at once', () => {
  it('both commit, with no deadlock, and the facts stay equal to the recomputed ones', async () => {
    const db = t.database.db;
    const cell = await t.unit({ code: 'LO-1', name: 'Chi bộ thôn Khuổi Luông' });
    const m1 = await t.member({ unitId: cell, fullName: 'Hoàng Văn Sáng', fullMemberOn: '2015-01-01' });
    const m2 = await t.member({ unitId: cell, fullName: 'Lò Thị Mai', fullMemberOn: '2015-01-01' });
    const meeting = (
      await db
        .insertInto('meetings')
        .values({
          unit_id: cell,
          kind: 'regular',
          held_on: '2026-03-05',
          starts_at: new Date('2026-03-05T08:00:00+07:00'),
          ends_at: new Date('2026-03-05T10:00:00+07:00'),
          place: 'Nhà văn hóa',
          topic: 'Sinh hoạt tháng 3',
          check_in_code: '123456',
          check_in_secret: 'test',
        })
        .returning('id')
        .executeTakeFirstOrThrow()
    ).id;
    // A: edits m1's record (holds m1), then records m2's attendance (needs the meeting).
    const a = db.transaction().execute(async (trx) => {
      await trx.updateTable('members').set({ education: 'Đại học' }).where('id', '=', m1).execute();
      await sql`select pg_sleep(0.6)`.execute(trx);
      await trx.insertInto('meeting_attendance').values({ meeting_id: meeting, member_id: m2, status: 'present', reason: null }).execute();
    });
    // B, a moment later: changes m1's placement (its roll includes the meeting, and m1).
    await new Promise((resolve) => setTimeout(resolve, 200));
    const b = db.transaction().execute(async (trx) => {
      await sql`update member_placements set valid_from = valid_from where member_id = ${m1}`.execute(trx);
    });
    const results = await Promise.allSettled([a, b]);
    expect(results.map((r) => (r.status === 'rejected' ? String(r.reason) : 'ok'))).toEqual(['ok', 'ok']);
    const facts = await db.selectFrom('meeting_facts').selectAll().where('meeting_id', '=', meeting).executeTakeFirstOrThrow();
    expect(facts.present).toBe(1);
    const kept = await sql`select * from member_facts where member_id = ${m1}`.execute(db);
    const fresh = await sql`select * from compute_member_facts(array[${m1}]::int[])`.execute(db);
    expect(kept.rows).toEqual(fresh.rows);
    expect(kept.rows).toMatchObject([{ education: 'Đại học' }]);
  });
});
