import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, TEST_PASSWORD, type TestApp } from '../helpers/test-app.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
  const province = await t.unit({ code: 'HT', name: 'Đảng bộ tỉnh Hà Tĩnh', kind: 'dang_bo_tinh' });
  await t.user('admin', [{ role: 'admin', unitId: province }]);
  await t.user('locked', [{ role: 'secretary', unitId: province }]);
});
afterAll(() => t.close());

describe('login, session and logout', () => {
  it('logs in with the right password and sets an httpOnly SameSite cookie', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: 'ADMIN ', password: TEST_PASSWORD } });
    expect(res.statusCode).toBe(200);
    const cookie = res.cookies.find((c) => c.name === 'chibo_session')!;
    expect(cookie.httpOnly).toBe(true);
    expect(cookie.sameSite).toBe('Lax');
    const me = await t.app.inject({ method: 'GET', url: '/api/v1/auth/me', cookies: { chibo_session: cookie.value } });
    expect(me.json()).toMatchObject({ username: 'admin', grants: [{ role: 'admin', unitName: 'Đảng bộ tỉnh Hà Tĩnh' }] });
  });

  it('answers 401 problem+json in Vietnamese without a session', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/v1/auth/me' });
    expect(res.statusCode).toBe(401);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.json().title).toBe('Bạn cần đăng nhập.');
  });

  it('refuses a wrong password, in English when asked', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', headers: { 'accept-language': 'en-US,en;q=0.9' }, payload: { username: 'admin', password: 'wrong-password' } });
    expect(res.statusCode).toBe(401);
    expect(res.json().title).toBe('Wrong username or password.');
  });

  it('locks an account for 15 minutes after 5 wrong passwords, even with the right one', async () => {
    for (let i = 0; i < 5; i++) {
      const r = await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: 'locked', password: 'nope-nope' } });
      expect(r.statusCode).toBe(401);
    }
    const res = await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: 'locked', password: TEST_PASSWORD } });
    expect(res.statusCode).toBe(429);
    expect(res.json().title).toContain('15 phút');
  });

  it('logout ends the session', async () => {
    const as = await t.as('admin');
    expect((await as({ method: 'GET', url: '/api/v1/auth/me' })).statusCode).toBe(200);
    await as({ method: 'POST', url: '/api/v1/auth/logout' });
    expect((await as({ method: 'GET', url: '/api/v1/auth/me' })).statusCode).toBe(401);
  });

  it('changes the password: the old one stops working, other sessions end', async () => {
    const other = await t.as('admin');
    const as = await t.as('admin');
    const short = await as({ method: 'POST', url: '/api/v1/auth/password', payload: { currentPassword: TEST_PASSWORD, newPassword: 'short' } });
    expect(short.statusCode).toBe(400);
    expect(short.json().errors[0].message).toContain('ít nhất 8 ký tự');
    const res = await as({ method: 'POST', url: '/api/v1/auth/password', payload: { currentPassword: TEST_PASSWORD, newPassword: 'mat-khau-moi-2026' } });
    expect(res.statusCode).toBe(200);
    expect((await other({ method: 'GET', url: '/api/v1/auth/me' })).statusCode).toBe(401);
    expect((await as({ method: 'GET', url: '/api/v1/auth/me' })).statusCode).toBe(200);
    const old = await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: 'admin', password: TEST_PASSWORD } });
    expect(old.statusCode).toBe(401);
    await as({ method: 'POST', url: '/api/v1/auth/password', payload: { currentPassword: 'mat-khau-moi-2026', newPassword: TEST_PASSWORD } });
  });

  it('accepts an API token for scripts, and not after it is revoked', async () => {
    const as = await t.as('admin');
    const created = await as({ method: 'POST', url: '/api/v1/me/tokens', payload: { name: 'báo cáo hằng đêm' } });
    expect(created.statusCode).toBe(201);
    const { token, id } = created.json();
    const me = await t.app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: { authorization: `Bearer ${token}` } });
    expect(me.json().username).toBe('admin');
    await as({ method: 'DELETE', url: `/api/v1/me/tokens/${id}` });
    const after = await t.app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: { authorization: `Bearer ${token}` } });
    expect(after.statusCode).toBe(401);
  });

  it('a password change revokes the account\'s API tokens, so a token made by an intruder dies with the old password', async () => {
    const as = await t.as('admin');
    const { token } = (await as({ method: 'POST', url: '/api/v1/me/tokens', payload: { name: 'kịch bản' } })).json();
    const withToken = () => t.app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: { authorization: `Bearer ${token}` } });
    expect((await withToken()).statusCode).toBe(200);
    await as({ method: 'POST', url: '/api/v1/auth/password', payload: { currentPassword: TEST_PASSWORD, newPassword: 'mat-khau-moi-2027' } });
    expect((await withToken()).statusCode).toBe(401);
    expect((await as({ method: 'GET', url: '/api/v1/me/tokens' })).json().items).toEqual([]);
    await as({ method: 'POST', url: '/api/v1/auth/password', payload: { currentPassword: 'mat-khau-moi-2027', newPassword: TEST_PASSWORD } });
  });

  it('health and OpenAPI answer without login', async () => {
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/health' })).json()).toMatchObject({ status: 'ok' });
    const spec = (await t.app.inject({ method: 'GET', url: '/api/openapi.json' })).json();
    expect(spec.paths['/api/v1/auth/login']).toBeDefined();
  });
});
