// Accounts for a whole cell in one action, handed out on paper with one-time passwords
// that must be replaced at first login.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, createTestApp, type TestApp } from '../helpers/test-app.ts';

let t: TestApp;
let admin: Client;
let cell: number;
let otherCell: number;
let linked: number;

beforeAll(async () => {
  t = await createTestApp();
  const commune = await t.unit({ code: 'BB', name: 'Đảng bộ xã Bắc Bình', kind: 'dang_bo_xa' });
  cell = await t.unit({ code: 'BB-1', name: 'Chi bộ thôn 1', parentId: commune });
  const elsewhere = await t.unit({ code: 'TS', name: 'Đảng bộ xã Tây Sơn', kind: 'dang_bo_xa' });
  otherCell = await t.unit({ code: 'TS-1', name: 'Chi bộ Tây Một', parentId: elsewhere });
  await t.member({ fullName: 'Nguyễn Văn Đức', unitId: cell, dateOfBirth: '1980-05-17' });
  await t.member({ fullName: 'Lò Thị Mai', unitId: cell, sex: 'nu', dateOfBirth: '2001-01-01' });
  linked = await t.member({ fullName: 'Hà Văn Sơn', unitId: cell, dateOfBirth: '1990-04-02' });
  await t.member({ fullName: 'Trần Văn Xa', unitId: otherCell });
  await t.user('admin', [{ role: 'admin', unitId: commune }]);
  await t.user('bithu', [{ role: 'secretary', unitId: cell }]);
  await t.user('son', [{ role: 'member', unitId: cell, includeSubtree: false }], linked);
  admin = await t.as('admin');
});
afterAll(() => t.close());

const login = (username: string, password: string) => t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username, password } });

describe('accounts for every member of a cell', () => {
  let created: { memberId: number; fullName: string; username: string; password: string }[];

  it('creates one per member without an account, linked to the record, and lists those who had one', async () => {
    const res = await admin({ method: 'POST', url: '/api/v1/users/cell-accounts', payload: { unitId: cell } });
    expect(res.statusCode).toBe(201);
    const body = res.json();
    created = body.created;
    expect(created.map((c) => [c.fullName, c.username])).toEqual([
      ['Nguyễn Văn Đức', 'nguyenvanduc80'],
      ['Lò Thị Mai', 'lothimai01'],
    ]);
    for (const c of created) expect(c.password).toMatch(/^[a-z2-9]{4}-[a-z2-9]{4}-[a-z2-9]{4}$/);
    expect(body.existing).toEqual([{ memberId: linked, fullName: 'Hà Văn Sơn', username: 'son' }]);
    const audit = await t.database.db.selectFrom('audit_log').select('action').where('action', '=', 'user.create').execute();
    expect(audit).toHaveLength(2);
    const stored = await t.database.db
      .selectFrom('users')
      .select(['password_hash', 'must_change_password'])
      .where('username', '=', 'nguyenvanduc80')
      .executeTakeFirstOrThrow();
    expect(stored.password_hash).not.toContain(created[0]!.password);
    expect(stored.must_change_password).toBe(true);
  });

  it('a one-time password logs in, opens nothing but the password change, and is gone once changed', async () => {
    const first = created[0]!;
    const res = await login(first.username, first.password);
    expect(res.statusCode).toBe(200);
    const cookies = { chibo_session: res.cookies.find((c) => c.name === 'chibo_session')!.value };
    const me = await t.app.inject({ method: 'GET', url: '/api/v1/auth/me', cookies });
    expect(me.json()).toMatchObject({ username: 'nguyenvanduc80', mustChangePassword: true });
    const blocked = await t.app.inject({ method: 'GET', url: '/api/v1/me/meetings', cookies });
    expect(blocked.statusCode).toBe(403);
    expect(blocked.json().title).toContain('mật khẩu dùng một lần');
    const change = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/password',
      cookies,
      payload: { currentPassword: first.password, newPassword: 'Lúa chín vàng đồng quê em 2026' },
    });
    expect(change.statusCode).toBe(200);
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/auth/me', cookies })).json().mustChangePassword).toBe(false);
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/me/meetings', cookies })).statusCode).toBe(200);
    expect((await login(first.username, first.password)).statusCode).toBe(401);
  });

  it('a second run creates nobody new', async () => {
    const res = await admin({ method: 'POST', url: '/api/v1/users/cell-accounts', payload: { unitId: cell } });
    expect(res.json().created).toEqual([]);
    expect(res.json().existing).toHaveLength(3);
  });

  it("is refused to a secretary (403) and answers 404 for a cell outside the admin's scope", async () => {
    const secretary = await t.as('bithu');
    expect((await secretary({ method: 'POST', url: '/api/v1/users/cell-accounts', payload: { unitId: cell } })).statusCode).toBe(403);
    expect((await admin({ method: 'POST', url: '/api/v1/users/cell-accounts', payload: { unitId: otherCell } })).statusCode).toBe(404);
    const none = await t.database.db.selectFrom('users').select('id').where('username', 'like', 'tranvanxa%').execute();
    expect(none).toEqual([]);
  });

  it('a password an admin resets is a one-time password too', async () => {
    const user = await t.database.db.selectFrom('users').select('id').where('username', '=', 'lothimai01').executeTakeFirstOrThrow();
    const reset = await admin({ method: 'PATCH', url: `/api/v1/users/${user.id}`, payload: { password: 'tam-thoi-7xq2-kp9m' } });
    expect(reset.statusCode).toBe(200);
    const res = await login('lothimai01', 'tam-thoi-7xq2-kp9m');
    const cookies = { chibo_session: res.cookies.find((c) => c.name === 'chibo_session')!.value };
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/auth/me', cookies })).json().mustChangePassword).toBe(true);
  });
});
