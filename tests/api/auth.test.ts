import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashPassword } from '../../src/modules/auth/passwords.ts';
import { demoAccountsStillOpen } from '../../src/modules/demo/demo-accounts-still-open.ts';
import { createTestApp, TEST_PASSWORD, type TestApp } from '../helpers/test-app.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
  const province = await t.unit({ code: 'HT', name: 'Đảng bộ tỉnh Hà Tĩnh', kind: 'dang_bo_tinh' });
  await t.user('admin', [{ role: 'admin', unitId: province }]);
  await t.user('locked', [{ role: 'secretary', unitId: province }]);
  for (const name of ['target', 'chairman', 'counted', 'sprayed', 'timing', 'together']) await t.user(name, [{ role: 'secretary', unitId: province }]);
});

const login = (username: string, password: string, remoteAddress = '127.0.0.1') =>
  t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username, password }, remoteAddress });
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
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      headers: { 'accept-language': 'en-US,en;q=0.9' },
      payload: { username: 'admin', password: 'wrong-password' },
    });
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

  // Requests sent together with one cookie share one session look-up (authenticate.ts):
  // each still gets its own answer, and an ended session is not remembered past it.
  it('answers requests sent together with one cookie each as that account, and none after logout', async () => {
    const admin = await t.as('admin');
    const other = await t.as('together');
    const together = await Promise.all([
      ...Array.from({ length: 4 }, () => admin({ method: 'GET', url: '/api/v1/auth/me' })),
      other({ method: 'GET', url: '/api/v1/auth/me' }),
      t.app.inject({ method: 'GET', url: '/api/v1/auth/me', cookies: { chibo_session: 'not-a-session' } }),
    ]);
    expect(together.map((r) => r.statusCode)).toEqual([200, 200, 200, 200, 200, 401]);
    expect(together.slice(0, 5).map((r) => r.json().username)).toEqual(['admin', 'admin', 'admin', 'admin', 'together']);
    await admin({ method: 'POST', url: '/api/v1/auth/logout' });
    const after = await Promise.all([admin({ method: 'GET', url: '/api/v1/auth/me' }), other({ method: 'GET', url: '/api/v1/auth/me' })]);
    expect(after.map((r) => r.statusCode)).toEqual([401, 200]);
  });

  it('changes the password: the old one stops working, other sessions end', async () => {
    const other = await t.as('admin');
    const as = await t.as('admin');
    const short = await as({ method: 'POST', url: '/api/v1/auth/password', payload: { currentPassword: TEST_PASSWORD, newPassword: 'short' } });
    expect(short.statusCode).toBe(400);
    expect(short.json().errors[0]).toEqual({
      path: 'body.newPassword',
      message: 'Mật khẩu phải có ít nhất 10 ký tự; nên dùng một câu dễ nhớ, gõ có dấu cũng được.',
    });
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

  it("a password change revokes the account's API tokens, so a token made by an intruder dies with the old password", async () => {
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

describe('login throttles that hold under concurrency', () => {
  it('checks at most 5 of 400 concurrent wrong passwords for one account: the rest answer 429 unchecked', async () => {
    const results = await Promise.all(Array.from({ length: 400 }, (_, i) => login('target', `sai-mat-khau-${i}`, '10.0.0.1')));
    const statuses = results.map((r) => r.statusCode);
    // A 401 is only ever given after the password was verified and found wrong.
    expect(statuses.filter((s) => s === 401).length).toBeLessThanOrEqual(5);
    expect(statuses.filter((s) => s === 429).length).toBeGreaterThanOrEqual(395);
    expect(statuses.every((s) => s === 401 || s === 429)).toBe(true);
    const checked = await t.database.db
      .selectFrom('login_attempts')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('username', '=', 'target')
      .executeTakeFirstOrThrow();
    expect(Number(checked.n)).toBeLessThanOrEqual(5);
    // Even the right password is not checked once the limit is reached from this address.
    expect((await login('target', TEST_PASSWORD, '10.0.0.1')).statusCode).toBe(429);
  }, 120_000);

  it('a lockout from one address does not lock the owner out from another; the 429 says when to retry', async () => {
    for (let i = 0; i < 5; i++) expect((await login('chairman', 'khong-dung-dau', '203.0.113.7')).statusCode).toBe(401);
    const blocked = await login('chairman', TEST_PASSWORD, '203.0.113.7');
    expect(blocked.statusCode).toBe(429);
    const retryAfter = Number(blocked.headers['retry-after']);
    expect(retryAfter).toBeGreaterThan(14 * 60);
    expect(retryAfter).toBeLessThanOrEqual(15 * 60);
    expect(blocked.json().title).toBe('Bạn đã thử quá nhiều lần. Vui lòng đợi 15 phút rồi thử lại.');
    expect((await login('chairman', TEST_PASSWORD, '198.51.100.20')).statusCode).toBe(200);
  });

  it('says how many attempts remain from the third failure on', async () => {
    const titles: string[] = [];
    for (let i = 0; i < 5; i++) titles.push((await login('counted', 'van-sai-nua-roi', '192.0.2.44')).json().title);
    expect(titles[0]).toBe('Tên đăng nhập hoặc mật khẩu không đúng.');
    expect(titles[1]).toBe('Tên đăng nhập hoặc mật khẩu không đúng.');
    expect(titles[2]).toBe('Tên đăng nhập hoặc mật khẩu không đúng. Còn 2 lần thử.');
    expect(titles[3]).toBe('Tên đăng nhập hoặc mật khẩu không đúng. Còn 1 lần thử.');
    expect(titles[4]).toContain('Đã hết lượt thử: thử lại sau 15 phút.');
  });

  it('throttles one address trying many accounts, without stopping other addresses', async () => {
    for (let i = 0; i < 20; i++) expect((await login(`khong-co-ai-${i}`, 'mat-khau-doan-bua', '192.0.2.99')).statusCode).toBe(401);
    const blocked = await login('sprayed', TEST_PASSWORD, '192.0.2.99');
    expect(blocked.statusCode).toBe(429);
    expect(Number(blocked.headers['retry-after'])).toBeGreaterThan(0);
    expect((await login('sprayed', TEST_PASSWORD, '192.0.2.100')).statusCode).toBe(200);
  });

  it('counts an IPv6 client by its /64: hopping between its addresses does not give it more tries', async () => {
    for (let i = 0; i < 20; i++)
      expect((await login(`khong-co-ai-v6-${i}`, 'mat-khau-doan-bua', `2001:db8:77:1::${(i + 1).toString(16)}`)).statusCode).toBe(401);
    expect((await login('sprayed', TEST_PASSWORD, '2001:db8:77:1:ffff:1:2:3')).statusCode).toBe(429);
    expect((await login('sprayed', TEST_PASSWORD, '2001:db8:77:2::1')).statusCode).toBe(200);
  });

  it('lets the account try again once the window has passed', async () => {
    const db = t.database.db;
    await db
      .updateTable('throttles')
      .set({ window_start: new Date(Date.now() - 16 * 60_000) })
      .execute();
    expect((await login('chairman', TEST_PASSWORD, '203.0.113.7')).statusCode).toBe(200);
  });

  it('answers an unknown username in the same time as a known one', async () => {
    // Interleaved, taking turns at going first, each from its own address, so neither throttles
    // nor a warming cache favour one side. Compared by the fastest of each: what the work itself
    // costs. A median drifted with the machine's load (a CI run on a busy 2-core machine saw
    // 94 against 37 ms on two code paths that differ only in the hash they verify).
    const round = async (r: number) => {
      const known: number[] = [];
      const unknown: number[] = [];
      const timed = async (into: number[], username: string, address: string) => {
        const started = performance.now();
        expect((await login(username, 'mat-khau-sai-roi', address)).statusCode).toBe(401);
        into.push(performance.now() - started);
      };
      for (let i = 0; i < 16; i++) {
        const knownFirst = i % 2 === 0;
        if (knownFirst) await timed(known, 'timing', `10.9.${2 * r}.${i}`);
        await timed(unknown, `khong-ton-tai-${r}-${i}`, `10.9.${2 * r + 1}.${i}`);
        if (!knownFirst) await timed(known, 'timing', `10.9.${2 * r}.${i}`);
      }
      // The first of each pays for warming up (the unknown side makes its dummy hash once).
      const fastest = (xs: number[]) => Math.min(...xs.slice(1));
      return { ratio: fastest(unknown) / fastest(known), said: `known ${fastest(known).toFixed(1)} ms, unknown ${fastest(unknown).toFixed(1)} ms` };
    };
    // Up to three rounds: a skipped hash makes every round fast on one side, while a burst of
    // load on this shared machine (a CI run once saw 2.8×) passes with the next round.
    const seen: string[] = [];
    for (let r = 0; r < 3; r++) {
      const { ratio, said } = await round(r);
      seen.push(`${ratio.toFixed(2)} (${said})`);
      if (ratio > 0.5 && ratio < 2) return;
    }
    expect.fail(`unknown/known login time in three rounds: ${seen.join('; ')}`);
  });
});

describe('demo passwords stay in demo data', () => {
  it('shows no demo account at start on a database not seeded as the demo, even with an account called admin', async () => {
    await t.database.db
      .updateTable('users')
      .set({ password_hash: await hashPassword('chibo@2026') })
      .where('username', '=', 'locked')
      .execute();
    await t.database.db.updateTable('users').set({ username: 'tochuc' }).where('username', '=', 'locked').execute();
    expect(await demoAccountsStillOpen(t.database.db)).toEqual([]);
  });
});

describe('sessions and API tokens that end', () => {
  it('sets the session cookie HttpOnly and SameSite=Lax, and not Secure over plain HTTP', async () => {
    const res = await login('admin', TEST_PASSWORD, '10.30.0.1');
    const header = String(res.headers['set-cookie']);
    expect(header).toMatch(/HttpOnly/i);
    expect(header).toMatch(/SameSite=Lax/i);
    expect(header).not.toMatch(/Secure/i);
  });

  it('ends a session left idle for 8 hours, and keeps a used one alive', async () => {
    const db = t.database.db;
    const cookie = (await login('admin', TEST_PASSWORD, '10.30.0.2')).cookies.find((c) => c.name === 'chibo_session')!.value;
    const me = () => t.app.inject({ method: 'GET', url: '/api/v1/auth/me', cookies: { chibo_session: cookie } });
    const lastSeen = async () => (await db.selectFrom('sessions').select('last_seen_at').orderBy('created_at', 'desc').executeTakeFirstOrThrow()).last_seen_at;
    // Used 7 hours ago: still valid, and the use is recorded.
    await db
      .updateTable('sessions')
      .set({ last_seen_at: new Date(Date.now() - 7 * 3600_000) })
      .where('last_seen_at', '>', new Date(Date.now() - 60_000))
      .execute();
    expect((await me()).statusCode).toBe(200);
    expect(Date.now() - (await lastSeen()).getTime()).toBeLessThan(60_000);
    // Unused for 8 hours and a minute: over.
    await db
      .updateTable('sessions')
      .set({ last_seen_at: new Date(Date.now() - 8 * 3600_000 - 60_000) })
      .where('last_seen_at', '>', new Date(Date.now() - 60_000))
      .execute();
    expect((await me()).statusCode).toBe(401);
  });

  it('gives API tokens an expiry (90 days, or fewer if asked), shows it and the last use, and refuses an expired token', async () => {
    const as = await t.as('admin');
    const made = await as({ method: 'POST', url: '/api/v1/me/tokens', payload: { name: 'xuất báo cáo' } });
    expect(made.statusCode).toBe(201);
    const days = (iso: string) => Math.round((new Date(iso).getTime() - Date.now()) / 86_400_000);
    expect(days(made.json().expiresAt)).toBe(90);
    const short = await as({ method: 'POST', url: '/api/v1/me/tokens', payload: { name: 'một tuần', expiresInDays: 7 } });
    expect(days(short.json().expiresAt)).toBe(7);
    expect((await as({ method: 'POST', url: '/api/v1/me/tokens', payload: { name: 'quá dài', expiresInDays: 365 } })).statusCode).toBe(400);

    const bearer = (token: string) => t.app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: { authorization: `Bearer ${token}` } });
    expect((await bearer(made.json().token)).statusCode).toBe(200);
    const listed = (await as({ method: 'GET', url: '/api/v1/me/tokens' })).json().items;
    const row = listed.find((x: { id: number }) => x.id === made.json().id);
    expect(row.lastUsedAt).not.toBeNull();
    expect(row.expiresAt).toBe(made.json().expiresAt);

    await t.database.db
      .updateTable('api_tokens')
      .set({ expires_at: new Date(Date.now() - 1000) })
      .where('id', '=', made.json().id)
      .execute();
    expect((await bearer(made.json().token)).statusCode).toBe(401);
  });
});
