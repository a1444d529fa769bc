// The member list checks a caller remembered from the last minute inside its own statement
// (auth/caller-check.ts). Whatever another process changes in between — the grant, the
// session, the account — the next list answers from the database as it now stands, never
// from what this process remembers. The changes are made in SQL here, as another app
// process would make them, so this process has no chance to forget on its own.

import { sql } from 'kysely';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { accessFingerprint, CallerCheck, CallerUnconfirmed, liveSession } from '../../src/modules/auth/caller-check.ts';
import { hashSecret } from '../../src/modules/auth/tokens.ts';
import { type Client, createTestApp, type TestApp } from '../helpers/test-app.ts';

let t: TestApp;
let cellA: number;
let cellB: number;
/** Cells the tests below change without touching A and B. */
let cellC: number;
let cellD: number;
let secretaryId: number;
let secretary: Client;

const names = async (client: Client, query = '', pageSize = 50) => {
  const res = await client({ method: 'GET', url: `/api/v1/members?pageSize=${pageSize}${query}` });
  return { status: res.statusCode, names: res.statusCode === 200 ? (res.json().items as { fullName: string }[]).map((i) => i.fullName) : [], body: res.json() };
};

beforeAll(async () => {
  t = await createTestApp();
  const commune = await t.unit({ code: 'CC', name: 'Đảng bộ xã Kiểm Tra', kind: 'dang_bo_xa' });
  cellA = await t.unit({ code: 'CC-A', name: 'Chi bộ thôn Đông', parentId: commune });
  cellB = await t.unit({ code: 'CC-B', name: 'Chi bộ thôn Tây', parentId: commune });
  cellC = await t.unit({ code: 'CC-C', name: 'Chi bộ thôn Nam', parentId: commune });
  cellD = await t.unit({ code: 'CC-D', name: 'Chi bộ thôn Bắc', parentId: commune });
  await t.member({ fullName: 'Nguyễn Văn Đông', unitId: cellA });
  await t.member({ fullName: 'Trần Thị Tây', unitId: cellB });
  secretaryId = await t.user('bithu-dong', [{ role: 'secretary', unitId: cellA }]);
});
afterAll(() => t.close());

beforeEach(async () => {
  const db = t.database.db;
  await db.deleteFrom('role_grants').where('user_id', '=', secretaryId).execute();
  await db.insertInto('role_grants').values({ user_id: secretaryId, role: 'secretary', unit_id: cellA, include_subtree: true }).execute();
  await db.updateTable('users').set({ is_active: true, must_change_password: false }).where('id', '=', secretaryId).execute();
  secretary = await t.as('bithu-dong');
  // Twice: the first list looks the session up in full and remembers it, the second starts from what is remembered.
  expect((await names(secretary)).names).toEqual(['Nguyễn Văn Đông']);
  expect((await names(secretary)).names).toEqual(['Nguyễn Văn Đông']);
});

describe('a member list started from a remembered caller', () => {
  it('is one statement: the page carries the check (two with the unit filter); a full look-up adds one', async () => {
    const executor = t.database.db.getExecutor();
    const statements = vi.spyOn(executor, 'executeQuery');
    try {
      await names(secretary);
      expect(statements).toHaveBeenCalledTimes(1);
      statements.mockClear();
      await names(secretary, `&unitId=${cellA}`);
      expect(statements).toHaveBeenCalledTimes(2);
      statements.mockClear();
      await t.app.inject({ method: 'GET', url: '/api/v1/auth/me', cookies: { chibo_session: 'none' } });
      await names(await t.as('bithu-dong'));
      // A new session: the look-up, then the page.
      expect(statements.mock.calls.length).toBeGreaterThanOrEqual(3);
    } finally {
      statements.mockRestore();
    }
  });

  it('follows a grant moved between the pages of a listing: forward, back, last (rows and total), and a cursor of other filters', async () => {
    const db = t.database.db;
    const moveGrant = (unitId: number) => db.updateTable('role_grants').set({ unit_id: unitId }).where('user_id', '=', secretaryId).execute();
    for (let i = 0; i < 5; i++) await t.member({ fullName: `Lê Văn Nam ${i}`, unitId: cellC });
    await moveGrant(cellC);
    const first = (await names(secretary, '', 2)).body;
    expect(first.total).toBe(5);
    const page = (cursor: string, filters = '') => names(secretary, `${filters}&cursor=${encodeURIComponent(cursor)}`, 2);
    const second = (await page(first.nextCursor)).body;
    await moveGrant(cellB);
    for (const cursor of [first.nextCursor, second.prevCursor, first.lastCursor]) {
      const answer = await page(cursor);
      expect(answer.status).toBe(200);
      expect(answer.names.filter((n) => n !== 'Trần Thị Tây')).toEqual([]);
      // The total is the new scope's, not the one the cursor was handed out with.
      expect([answer.body.total, answer.body.totalExact]).toEqual([1, true]);
    }
    await moveGrant(cellC);
    await names(secretary);
    await moveGrant(cellB);
    // A cursor of other filters starts that listing over (its first page carries the check).
    expect((await page(first.nextCursor, '&sex=nam')).names.filter((n) => n !== 'Trần Thị Tây')).toEqual([]);
  });

  it.each([
    ['the session expired', `update sessions set expires_at = now() - interval '1 second'`, 401],
    ['the session idle past its hours', `update sessions set last_seen_at = now() - interval '30 days'`, 401],
    ['the grant deleted', 'delete from role_grants', 200],
  ])('answers as a full look-up does once %s', async (_what, change, status) => {
    await sql.raw(`${change} where user_id = ${secretaryId}`).execute(t.database.db);
    const answer = await names(secretary);
    expect(answer.status).toBe(status);
    // Without a grant (and with no member record of its own) the account sees no one.
    expect(answer.names).toEqual([]);
  });

  it('answers for the cell the own record moved to, for a plain member', async () => {
    const db = t.database.db;
    const own = await t.member({ fullName: 'Phạm Văn Riêng', unitId: cellD });
    await t.user('dv-rieng', [], own);
    const member = await t.as('dv-rieng');
    expect((await names(member)).names).toEqual(['Phạm Văn Riêng']);
    expect((await names(member, `&unitId=${cellD}`)).names).toEqual(['Phạm Văn Riêng']);
    await db.updateTable('members').set({ unit_id: cellC }).where('id', '=', own).execute();
    expect((await names(member, `&unitId=${cellD}`)).status).toBe(404);
  });

  it("keeps a secretary's own record in the list after it moves out of their cell", async () => {
    const db = t.database.db;
    const cellE = await t.unit({
      code: 'CC-E',
      name: 'Chi bộ thôn Giữa',
      parentId: (await db.selectFrom('units').select('parent_id').where('id', '=', cellA).executeTakeFirstOrThrow()).parent_id,
    });
    const own = await t.member({ fullName: 'Đỗ Văn Mình', unitId: cellE });
    await t.user('bithu-giua', [{ role: 'secretary', unitId: cellE }], own);
    const secretaryE = await t.as('bithu-giua');
    expect((await names(secretaryE)).names).toEqual(['Đỗ Văn Mình']);
    expect((await names(secretaryE)).names).toEqual(['Đỗ Văn Mình']);
    await db.updateTable('members').set({ unit_id: cellC }).where('id', '=', own).execute();
    // Their own record is theirs to see wherever it is.
    expect((await names(secretaryE)).names).toEqual(['Đỗ Văn Mình']);
  });

  it("answers a cell's dashboard figures only while the grant still reaches it", async () => {
    const figures = (unitId: number) => secretary({ method: 'GET', url: `/api/v1/figures/units/${unitId}` });
    const meetings = (unitId: number) => secretary({ method: 'GET', url: `/api/v1/figures/units/${unitId}/meetings?from=2026-01-01&to=2026-03-31` });
    expect((await figures(cellA)).statusCode).toBe(200);
    expect((await meetings(cellA)).statusCode).toBe(200);
    // Confirmed, and still not theirs: 404 from the one statement.
    expect((await figures(cellB)).statusCode).toBe(404);
    expect((await meetings(cellB)).statusCode).toBe(404);
    await t.database.db.updateTable('role_grants').set({ unit_id: cellB }).where('user_id', '=', secretaryId).execute();
    expect((await figures(cellA)).statusCode).toBe(404);
    expect((await meetings(cellA)).statusCode).toBe(404);
    expect((await figures(cellB)).json().unit.name).toBe('Chi bộ thôn Tây');
    expect((await meetings(cellB)).statusCode).toBe(200);
  });

  it('uses the bearer token, not the remembered session, when a request carries both', async () => {
    const token = (await secretary({ method: 'POST', url: '/api/v1/me/tokens', payload: { name: 'thử' } })).json().token as string;
    await t.database.db.updateTable('role_grants').set({ unit_id: cellB }).where('user_id', '=', secretaryId).execute();
    const both = await secretary({ method: 'GET', url: '/api/v1/members?pageSize=50', headers: { authorization: `Bearer ${token}` } });
    expect(both.json().items.map((i: { fullName: string }) => i.fullName)).toEqual(['Trần Thị Tây']);
  });

  it('lists the cell of a grant moved by another process, not the cell remembered', async () => {
    await t.database.db.updateTable('role_grants').set({ unit_id: cellB }).where('user_id', '=', secretaryId).execute();
    expect((await names(secretary)).names).toEqual(['Trần Thị Tây']);
    expect((await names(secretary, `&unitId=${cellA}`)).status).toBe(404);
  });

  it('answers 401 once the session is ended elsewhere', async () => {
    await t.database.db.deleteFrom('sessions').where('user_id', '=', secretaryId).execute();
    const answer = await names(secretary);
    expect(answer.status).toBe(401);
    expect(answer.body.title).toBe('Bạn cần đăng nhập.');
  });

  it('answers 401 once the account is locked, and 403 while a new password is required', async () => {
    const db = t.database.db;
    await db.updateTable('users').set({ must_change_password: true }).where('id', '=', secretaryId).execute();
    expect((await names(secretary)).status).toBe(403);
    await db.updateTable('users').set({ is_active: false }).where('id', '=', secretaryId).execute();
    expect((await names(secretary)).status).toBe(401);
  });

  it('answers an empty page, a page past the end and a filtered unit as a full look-up does', async () => {
    const empty = await names(secretary, '&q=khong-ai-ten-nay');
    expect(empty).toMatchObject({ status: 200, names: [], body: { total: 0 } });
    expect((await names(secretary, '&page=5')).body).toMatchObject({ items: [], total: 1, page: 5 });
    expect((await names(secretary, `&unitId=${cellA}`)).names).toEqual(['Nguyễn Văn Đông']);
    expect((await names(secretary, `&unitId=${cellB}`)).status).toBe(404);
  });
});

describe('CallerCheck', () => {
  it('confirms while the session and its access stand; fails for a moved unit, an unknown token or no row', async () => {
    const db = t.database.db;
    const { token_hash } = await db.selectFrom('sessions').select('token_hash').where('user_id', '=', secretaryId).executeTakeFirstOrThrow();
    const { f } = await liveSession(db, token_hash).select(accessFingerprint().as('f')).executeTakeFirstOrThrow();
    const confirmed = async (check: CallerCheck) => (await db.selectNoFrom(check.column()).executeTakeFirstOrThrow()).caller_ok;
    expect(await confirmed(new CallerCheck(db, token_hash, f))).toBe(true);
    expect(await confirmed(new CallerCheck(db, hashSecret('not-a-session'), f))).toBeNull();
    // The grant's unit moving changes its path, and so what the grant reaches.
    const { path } = await db.selectFrom('units').select('path').where('id', '=', cellA).executeTakeFirstOrThrow();
    await db
      .updateTable('units')
      .set({ path: `${path}moved/` })
      .where('id', '=', cellA)
      .execute();
    expect(await confirmed(new CallerCheck(db, token_hash, f))).toBeNull();
    await db.updateTable('units').set({ path }).where('id', '=', cellA).execute();

    const check = new CallerCheck(db, token_hash, f);
    expect(() => check.confirm([])).toThrow(CallerUnconfirmed);
    expect(() => check.confirm([{ caller_ok: null }])).toThrow(CallerUnconfirmed);
    check.confirm([{ caller_ok: true }]);
    // Only the first statement carries the check.
    expect(check.pending).toBe(false);
    check.confirm([]);
  });
});
