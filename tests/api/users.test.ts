import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, TEST_PASSWORD, type Client, type TestApp } from '../helpers/test-app.ts';

let t: TestApp;
let admin: Client;
let communeAdmin: Client;
let province: number, communeA: number, communeB: number, cellA: number;

beforeAll(async () => {
  t = await createTestApp();
  province = await t.unit({ code: 'VP', name: 'Đảng bộ tỉnh Vĩnh Phúc', kind: 'dang_bo_tinh' });
  communeA = await t.unit({ code: 'BB', name: 'Đảng bộ xã Bắc Bình', kind: 'dang_bo_xa', parentId: province });
  communeB = await t.unit({ code: 'TL', name: 'Đảng bộ xã Tam Lộng', kind: 'dang_bo_xa', parentId: province });
  cellA = await t.unit({ code: 'BB01', name: 'Chi bộ thôn Đông', parentId: communeA });
  await t.user('admin', [{ role: 'admin', unitId: province }]);
  await t.user('admin.bb', [{ role: 'admin', unitId: communeA }]);
  await t.user('bithu.tl', [{ role: 'secretary', unitId: communeB }]);
  admin = await t.as('admin');
  communeAdmin = await t.as('admin.bb');
});
afterAll(() => t.close());

describe('accounts and role grants', () => {
  it('creates an account, grants a role on a unit and the new user can log in with it', async () => {
    const created = await communeAdmin({ method: 'POST', url: '/api/v1/users', payload: { username: 'BiThu.Dong', displayName: 'Nguyễn Văn Đông', password: TEST_PASSWORD } });
    expect(created.statusCode).toBe(201);
    expect(created.json()).toMatchObject({ username: 'bithu.dong', displayName: 'Nguyễn Văn Đông', grants: [] });
    const id = created.json().id;
    const granted = await communeAdmin({ method: 'POST', url: `/api/v1/users/${id}/grants`, payload: { role: 'secretary', unitId: cellA, includeSubtree: true } });
    expect(granted.statusCode).toBe(201);
    expect(granted.json().grants).toEqual([expect.objectContaining({ role: 'secretary', unitId: cellA, unitName: 'Chi bộ thôn Đông' })]);
    const login = await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: 'bithu.dong', password: TEST_PASSWORD } });
    expect(login.statusCode).toBe(200);
  });

  it('refuses a duplicate username with a Vietnamese conflict', async () => {
    const res = await admin({ method: 'POST', url: '/api/v1/users', payload: { username: 'admin', displayName: 'X', password: 'mat-khau-dai-du' } });
    expect(res.statusCode).toBe(409);
    expect(res.json().title).toBe('Tên đăng nhập admin đã có người dùng.');
  });

  it('lets a commune admin grant only inside the commune', async () => {
    const created = await communeAdmin({ method: 'POST', url: '/api/v1/users', payload: { username: 'capuy.x', displayName: 'Cấp ủy X', password: 'mat-khau-dai-du' } });
    const res = await communeAdmin({ method: 'POST', url: `/api/v1/users/${created.json().id}/grants`, payload: { role: 'committee', unitId: communeB } });
    expect(res.statusCode).toBe(403);
    expect(res.json().title).toContain('trong phạm vi');
  });

  it('lists only the users who hold a grant in the admin\'s scope', async () => {
    const all = (await admin({ method: 'GET', url: '/api/v1/users' })).json().items.map((u: { username: string }) => u.username);
    expect(all).toEqual(expect.arrayContaining(['admin', 'admin.bb', 'bithu.tl', 'bithu.dong']));
    const mine = (await communeAdmin({ method: 'GET', url: '/api/v1/users' })).json().items.map((u: { username: string }) => u.username);
    expect(mine).toContain('bithu.dong');
    expect(mine).not.toContain('bithu.tl');
    const tl = (await admin({ method: 'GET', url: '/api/v1/users' })).json().items.find((u: { username: string }) => u.username === 'bithu.tl');
    expect((await communeAdmin({ method: 'GET', url: `/api/v1/users/${tl.id}` })).statusCode).toBe(404);
  });

  it('a secretary cannot manage accounts', async () => {
    const secretary = await t.as('bithu.tl');
    const res = await secretary({ method: 'POST', url: '/api/v1/users', payload: { username: 'someone', displayName: 'X', password: 'mat-khau-dai-du' } });
    expect(res.statusCode).toBe(403);
    expect((await secretary({ method: 'GET', url: '/api/v1/users' })).json().items).toEqual([]);
  });

  it('deactivating an account ends its sessions; revoking a grant removes the scope; both are audited', async () => {
    const users = (await admin({ method: 'GET', url: '/api/v1/users' })).json().items;
    const dong = users.find((u: { username: string }) => u.username === 'bithu.dong');
    const dongClient = await t.as('bithu.dong');
    const revoked = await admin({ method: 'DELETE', url: `/api/v1/users/${dong.id}/grants/${dong.grants[0].id}` });
    expect(revoked.json().grants).toEqual([]);
    expect((await dongClient({ method: 'GET', url: '/api/v1/auth/me' })).json().grants).toEqual([]);
    const off = await admin({ method: 'PATCH', url: `/api/v1/users/${dong.id}`, payload: { isActive: false } });
    expect(off.json().isActive).toBe(false);
    expect((await dongClient({ method: 'GET', url: '/api/v1/auth/me' })).statusCode).toBe(401);
    const audit = (await admin({ method: 'GET', url: `/api/v1/audit?entityType=user&entityId=${dong.id}` })).json().items.map((a: { action: string }) => a.action);
    expect(audit).toEqual(expect.arrayContaining(['user.create', 'grant.create', 'grant.delete', 'user.update']));
  });
});
