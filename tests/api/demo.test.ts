import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '../../src/http/app-error.ts';
import { demoAccountsStillOpen } from '../../src/modules/demo/demo-accounts-still-open.ts';
import { DEMO_ACCOUNTS, seedDemo } from '../../src/modules/demo/seed-demo.ts';
import { FEMALE_MIDDLE_NAMES, MALE_MIDDLE_NAMES } from '../../src/modules/demo/vietnamese-names.ts';
import { createTestApp, type TestApp } from '../helpers/test-app.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
  await seedDemo(t.database, { scale: 'commune', seed: 1, asOf: '2026-11-01' });
});
afterAll(() => t.close());

async function login(username: string) {
  const account = DEMO_ACCOUNTS.find((a) => a.username === username)!;
  const res = await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username, password: account.password } });
  expect(res.statusCode, res.body).toBe(200);
  const cookie = res.cookies.find((c) => c.name === 'chibo_session')!.value;
  return (url: string) => t.app.inject({ method: 'GET', url, cookies: { chibo_session: cookie } });
}

describe('demo data, commune scale', () => {
  it('creates Đảng bộ xã Bắc Bình with 11 cells and 340 members, with their history', async () => {
    const db = t.database.db;
    const cells = await db.selectFrom('units').select('name').where('kind', '=', 'chi_bo').execute();
    expect(cells).toHaveLength(11);
    expect(cells.map((c) => c.name)).toContain('Chi bộ thôn Bắc Sơn');
    const count = async (table: 'members' | 'member_placements' | 'unit_versions' | 'unit_events') =>
      Number((await db.selectFrom(table).select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
    expect(await count('members')).toBe(340);
    expect(await count('member_placements')).toBe(340);
    expect(await count('unit_versions')).toBe(13);
    expect(await count('unit_events')).toBe(13);
    // Every member's current status is the open row of their status history.
    const mismatched = await db.selectFrom('members as m').innerJoin('member_statuses as s', (j) => j.onRef('s.member_id', '=', 'm.id').on('s.valid_to', 'is', null))
      .select('m.id').whereRef('s.status', '!=', 'm.status').execute();
    expect(mismatched).toEqual([]);
    const secretaries = await db.selectFrom('committee_members').select('unit_id').where('position', '=', 'bi_thu').execute();
    expect(secretaries).toHaveLength(13);
  });

  it('names people with middle names that match their sex', async () => {
    const members = await t.database.db.selectFrom('members').select(['full_name', 'sex']).execute();
    for (const m of members) {
      expect(m.sex === 'nam' ? MALE_MIDDLE_NAMES : FEMALE_MIDDLE_NAMES, m.full_name).toContain(m.full_name.split(' ')[1]);
    }
  });

  it('lets the demo accounts log in, each seeing their own part of the tree', async () => {
    const admin = await login('admin');
    expect((await admin('/api/v1/members?pageSize=1')).json().total).toBe(340);
    const cellSecretary = await login('bithu.cb1');
    expect((await cellSecretary('/api/v1/members?pageSize=1')).json().total).toBe(46);
    const member = await login('dangvien');
    const me = (await member('/api/v1/auth/me')).json();
    expect(me.memberId).not.toBeNull();
    expect((await member(`/api/v1/members/${me.memberId}`)).statusCode).toBe(200);
    for (const username of ['tochuc', 'bithu.xa', 'capuy']) await login(username);
  });

  it('shows at start only the demo accounts that still open with the demo password', async () => {
    expect((await demoAccountsStillOpen(t.database.db)).map((a) => a.username)).toEqual(DEMO_ACCOUNTS.map((a) => a.username));
    const admin = await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: 'admin', password: 'chibo@2026' } });
    const cookie = admin.cookies.find((c) => c.name === 'chibo_session')!.value;
    const changed = await t.app.inject({ method: 'POST', url: '/api/v1/auth/password', cookies: { chibo_session: cookie }, payload: { currentPassword: 'chibo@2026', newPassword: 'quản trị xã Bắc Bình' } });
    expect(changed.statusCode).toBe(200);
    expect((await demoAccountsStillOpen(t.database.db)).map((a) => a.username)).not.toContain('admin');
  });

  it('refuses to fill a database that already has units, in Vietnamese', async () => {
    const error = await seedDemo(t.database, { scale: 'commune', seed: 2 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe('demo.not_empty');
    if (t.database.kind === 'pglite') {
      const nation = await seedDemo(t.database, { scale: 'nation', seed: 1 }).catch((e: unknown) => e);
      expect((nation as AppError).code).toBe('demo.nation_needs_postgres');
    }
  });
});
