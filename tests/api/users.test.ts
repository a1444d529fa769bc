import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, createTestApp, TEST_PASSWORD, type TestApp } from '../helpers/test-app.ts';

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
    const created = await communeAdmin({
      method: 'POST',
      url: '/api/v1/users',
      payload: { username: 'BiThu.Dong', displayName: 'Nguyễn Văn Đông', password: TEST_PASSWORD },
    });
    expect(created.statusCode).toBe(201);
    expect(created.json()).toMatchObject({ username: 'bithu.dong', displayName: 'Nguyễn Văn Đông', grants: [] });
    const id = created.json().id;
    const granted = await communeAdmin({
      method: 'POST',
      url: `/api/v1/users/${id}/grants`,
      payload: { role: 'secretary', unitId: cellA, includeSubtree: true },
    });
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
    const created = await communeAdmin({
      method: 'POST',
      url: '/api/v1/users',
      payload: { username: 'capuy.x', displayName: 'Cấp ủy X', password: 'mat-khau-dai-du' },
    });
    const res = await communeAdmin({ method: 'POST', url: `/api/v1/users/${created.json().id}/grants`, payload: { role: 'committee', unitId: communeB } });
    expect(res.statusCode).toBe(403);
    expect(res.json().title).toContain('trong phạm vi');
  });

  it("lists only the users who hold a grant in the admin's scope", async () => {
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
    const audit = (await admin({ method: 'GET', url: `/api/v1/audit?entityType=user&entityId=${dong.id}` }))
      .json()
      .items.map((a: { action: string }) => a.action);
    expect(audit).toEqual(expect.arrayContaining(['user.create', 'grant.create', 'grant.delete', 'user.update']));
  });
});

describe('password rules, wherever a password is set', () => {
  const refusal = (res: { statusCode: number; json(): { errors?: Array<{ path: string; message: string }> } }) => {
    expect(res.statusCode).toBe(400);
    const errors = res.json().errors!;
    expect(errors).toHaveLength(1);
    return errors[0]!;
  };

  it.each([
    ['        ', 'Mật khẩu phải có ít nhất 10 ký tự; nên dùng một câu dễ nhớ, gõ có dấu cũng được.'],
    ['password', 'Mật khẩu phải có ít nhất 10 ký tự; nên dùng một câu dễ nhớ, gõ có dấu cũng được.'],
    ['aaaaaaaaaaaa', 'Mật khẩu chỉ lặp lại vài ký tự nên rất dễ đoán; hãy chọn mật khẩu khác.'],
    ['chibo@2026', 'Mật khẩu này nằm trong danh sách mật khẩu phổ biến mà kẻ gian thử đầu tiên; hãy chọn mật khẩu khác, ví dụ một câu dễ nhớ.'],
    ['Password123', 'Mật khẩu này nằm trong danh sách mật khẩu phổ biến mà kẻ gian thử đầu tiên; hãy chọn mật khẩu khác, ví dụ một câu dễ nhớ.'],
    ['Thu.Ha-mua-thu-2026', 'Mật khẩu không được chứa tên đăng nhập.'],
  ])('refuses to create an account with %j, saying why beside the password field', async (password, message) => {
    const res = await admin({ method: 'POST', url: '/api/v1/users', payload: { username: 'thu.ha', displayName: 'Lê Thu Hà', password } });
    expect(refusal(res)).toEqual({ path: 'body.password', message });
    const made = await t.database.db.selectFrom('users').select('id').where('username', '=', 'thu.ha').executeTakeFirst();
    expect(made).toBeUndefined();
  });

  it('accepts a Vietnamese passphrase counted in letters, not bytes, and logs in with it typed either way', async () => {
    const passphrase = 'Cây đa bến nước';
    const res = await admin({
      method: 'POST',
      url: '/api/v1/users',
      payload: { username: 'cay.da', displayName: 'Cây Đa', password: passphrase.normalize('NFD') },
    });
    expect(res.statusCode).toBe(201);
    for (const typed of [passphrase.normalize('NFC'), passphrase.normalize('NFD')]) {
      expect(
        (await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: 'cay.da', password: typed }, remoteAddress: '10.20.0.1' }))
          .statusCode,
      ).toBe(200);
    }
    // Nine letters with their marks: short, however many code units NFD makes of them.
    const short = await admin({ method: 'PATCH', url: `/api/v1/users/${res.json().id}`, payload: { password: 'Đường làng'.slice(0, 9).normalize('NFD') } });
    expect(refusal(short).path).toBe('body.password');
  });

  it("refuses a reset to a common password, and a change of one's own to one holding the username", async () => {
    const id = (await admin({ method: 'POST', url: '/api/v1/users', payload: { username: 'doi.mk', displayName: 'Đổi MK', password: TEST_PASSWORD } })).json()
      .id;
    expect(refusal(await admin({ method: 'PATCH', url: `/api/v1/users/${id}`, payload: { password: 'qwertyuiop' } }))).toEqual({
      path: 'body.password',
      message: 'Mật khẩu này nằm trong danh sách mật khẩu phổ biến mà kẻ gian thử đầu tiên; hãy chọn mật khẩu khác, ví dụ một câu dễ nhớ.',
    });
    const own = await t.as('doi.mk');
    const change = await own({ method: 'POST', url: '/api/v1/auth/password', payload: { currentPassword: TEST_PASSWORD, newPassword: 'toi-la-doi.mk-day' } });
    expect(refusal(change)).toEqual({ path: 'body.newPassword', message: 'Mật khẩu không được chứa tên đăng nhập.' });
    expect(
      (await own({ method: 'POST', url: '/api/v1/auth/password', payload: { currentPassword: TEST_PASSWORD, newPassword: 'mùa thu Hà Nội 2026' } })).statusCode,
    ).toBe(200);
  });

  it('stops guessing the current password through a password change after 5 tries', async () => {
    await admin({ method: 'POST', url: '/api/v1/users', payload: { username: 'phien.mo', displayName: 'Phiên mở', password: TEST_PASSWORD } });
    const own = await t.as('phien.mo');
    for (let i = 0; i < 5; i++) {
      expect(
        (await own({ method: 'POST', url: '/api/v1/auth/password', payload: { currentPassword: `doan-mo-${i}`, newPassword: 'mùa thu Hà Nội 2026' } }))
          .statusCode,
      ).toBe(400);
    }
    const blocked = await own({
      method: 'POST',
      url: '/api/v1/auth/password',
      payload: { currentPassword: TEST_PASSWORD, newPassword: 'mùa thu Hà Nội 2026' },
    });
    expect(blocked.statusCode).toBe(429);
    expect(Number(blocked.headers['retry-after'])).toBeGreaterThan(0);
  });
});
