// The member list checks a caller remembered from the last minute inside its own statement
// (auth/caller-check.ts). Whatever another process changes in between — the grant, the
// session, the account — the next list answers from the database as it now stands, never
// from what this process remembers. The changes are made in SQL here, as another app
// process would make them, so this process has no chance to forget on its own.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { accessFingerprint, CallerCheck, CallerUnconfirmed, liveSession } from '../../src/modules/auth/caller-check.ts';
import { hashSecret } from '../../src/modules/auth/tokens.ts';
import { type Client, createTestApp, type TestApp } from '../helpers/test-app.ts';

let t: TestApp;
let cellA: number;
let cellB: number;
let secretaryId: number;
let secretary: Client;

const names = async (client: Client, query = '') => {
  const res = await client({ method: 'GET', url: `/api/v1/members?pageSize=50${query}` });
  return { status: res.statusCode, names: res.statusCode === 200 ? (res.json().items as { fullName: string }[]).map((i) => i.fullName) : [], body: res.json() };
};

beforeAll(async () => {
  t = await createTestApp();
  const commune = await t.unit({ code: 'CC', name: 'Đảng bộ xã Kiểm Tra', kind: 'dang_bo_xa' });
  cellA = await t.unit({ code: 'CC-A', name: 'Chi bộ thôn Đông', parentId: commune });
  cellB = await t.unit({ code: 'CC-B', name: 'Chi bộ thôn Tây', parentId: commune });
  await t.member({ fullName: 'Nguyễn Văn Đông', unitId: cellA });
  await t.member({ fullName: 'Trần Thị Tây', unitId: cellB });
  secretaryId = await t.user('bithu-dong', [{ role: 'secretary', unitId: cellA }]);
});
afterAll(() => t.close());

beforeEach(async () => {
  const db = t.database.db;
  await db.updateTable('role_grants').set({ unit_id: cellA, role: 'secretary' }).where('user_id', '=', secretaryId).execute();
  await db.updateTable('users').set({ is_active: true, must_change_password: false }).where('id', '=', secretaryId).execute();
  secretary = await t.as('bithu-dong');
  // Twice: the first list looks the session up in full and remembers it, the second starts from what is remembered.
  expect((await names(secretary)).names).toEqual(['Nguyễn Văn Đông']);
  expect((await names(secretary)).names).toEqual(['Nguyễn Văn Đông']);
});

describe('a member list started from a remembered caller', () => {
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
