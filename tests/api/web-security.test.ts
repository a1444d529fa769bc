// What a browser is told and refused: security headers on every response (a CSP without
// inline scripts, no framing, nosniff, a referrer and a permissions policy, HSTS only over
// TLS), no caching of API answers and exports, no state change from another site's page
// riding on the session cookie (CSRF), and client addresses from X-Forwarded-For only when
// a named proxy sends it. Answers compressed when asked (br, gzip), the web app's hashed
// files cached for a year and its index.html checked on every load.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serverHost, trustedProxies } from '../../src/config.ts';
import { clock } from '../../src/modules/meetings/clock.ts';
import { buildApp } from '../../src/server.ts';
import { precompressDir } from '../../web/precompress.ts';
import { multipartFile } from '../helpers/multipart.ts';
import { type Client, createTestApp, type TestApp } from '../helpers/test-app.ts';
import { buildCommune } from './meetings.fixtures.ts';

let t: TestApp;
let admin: Client;
let f: Awaited<ReturnType<typeof buildCommune>>;
let meetingId: number;
const EVIL = { origin: 'https://evil.example' };

beforeAll(async () => {
  t = await createTestApp();
  f = await buildCommune(t);
  admin = await t.as('admin');
  clock.set(new Date('2026-03-01T09:00:00+07:00'));
  const planned = await admin({
    method: 'POST',
    url: '/api/v1/meetings',
    payload: {
      unitId: f.cell1,
      kind: 'regular',
      date: '2026-03-05',
      startTime: '08:00',
      endTime: '10:00',
      place: 'Nhà văn hóa thôn 1',
      topic: 'Sinh hoạt tháng 3',
      focalIssues: ['Làm đường', 'Đảng phí'],
    },
  });
  expect(planned.statusCode, planned.body).toBe(201);
  meetingId = planned.json().id;
});
afterAll(async () => {
  clock.reset();
  await t.close();
});

const auditCount = async () =>
  Number(
    (
      await t.database.db
        .selectFrom('audit_log')
        .select((eb) => eb.fn.countAll().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );

describe('security headers on every response', () => {
  it.each([
    ['an API answer', '/api/v1/health'],
    ['a 401', '/api/v1/members'],
    ['an unknown API path', '/api/v1/nothing-here'],
    ['the OpenAPI document', '/api/openapi.json'],
  ])('%s', async (_name, url) => {
    const res = await t.app.inject({ method: 'GET', url });
    const csp = String(res.headers['content-security-policy']);
    const directive = (name: string) =>
      csp
        .split(';')
        .map((d) => d.trim())
        .find((d) => d.startsWith(`${name} `)) ?? '';
    expect(directive('script-src')).toBe("script-src 'self'");
    expect(directive('default-src')).toBe("default-src 'self'");
    expect(directive('frame-ancestors')).toBe("frame-ancestors 'none'");
    expect(directive('object-src')).toBe("object-src 'none'");
    expect(csp).not.toContain('upgrade-insecure-requests'); // the app is served over plain HTTP on a LAN too
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['x-frame-options']).toBe('DENY');
    expect(res.headers['referrer-policy']).toBe('same-origin');
    expect(res.headers['permissions-policy']).toBe('camera=(), microphone=(), geolocation=(), payment=(), usb=()');
    expect(res.headers['strict-transport-security']).toBeUndefined(); // plain HTTP
  });

  it('HSTS only when served over TLS: a trusted proxy says so, a client cannot', async () => {
    const app = await buildApp(t.database, { trustedProxies: ['10.0.0.1'] });
    try {
      const viaProxy = await app.inject({ method: 'GET', url: '/api/v1/health', remoteAddress: '10.0.0.1', headers: { 'x-forwarded-proto': 'https' } });
      expect(viaProxy.headers['strict-transport-security']).toBe('max-age=31536000; includeSubDomains');
      const spoofed = await app.inject({ method: 'GET', url: '/api/v1/health', remoteAddress: '192.0.2.7', headers: { 'x-forwarded-proto': 'https' } });
      expect(spoofed.headers['strict-transport-security']).toBeUndefined();
    } finally {
      await app.close();
    }
  });
});

describe('no caching of personal data', () => {
  it.each([
    ['a member list', () => `/api/v1/members?unitId=${f.cell1}`],
    ['a member record', () => `/api/v1/members/${f.regular[0]}`],
    ['the member export', () => `/api/v1/members/export.xlsx?unitId=${f.cell1}`],
    ['the compliance export', () => `/api/v1/meetings/compliance.xlsx?unitId=${f.commune}&from=2026-01-01&to=2026-03-31`],
    ['a refused request', () => '/api/v1/members/999999'],
  ])('%s is sent with Cache-Control: no-store', async (_name, url) => {
    const res = await admin({ method: 'GET', url: url() });
    expect(res.statusCode).toBeLessThan(500);
    expect(res.headers['cache-control']).toBe('no-store');
  });

  it('the calendar feed, which names the member, is not cached either', async () => {
    const member = await t.as('dv2');
    const created = await member({ method: 'POST', url: '/api/v1/me/calendar-token' });
    expect(created.statusCode).toBe(201);
    const feed = await t.app.inject({ method: 'GET', url: `/api/v1/calendar/${created.json().token}.ics` });
    expect(feed.statusCode).toBe(200);
    expect(feed.headers['cache-control']).toBe('no-store');
  });
});

/** A body as the browser reads it, after undoing Content-Encoding. */
function decode(res: { rawPayload: Buffer; headers: Record<string, unknown> }): string {
  const encoding = res.headers['content-encoding'];
  if (encoding === 'br') return zlib.brotliDecompressSync(res.rawPayload).toString('utf8');
  if (encoding === 'gzip') return zlib.gunzipSync(res.rawPayload).toString('utf8');
  return res.rawPayload.toString('utf8');
}

describe('compressed answers on a slow line', () => {
  it.each([
    ['br', 'br'],
    ['gzip', 'gzip'],
    ['gzip, deflate, br', 'br'],
    [undefined, undefined],
    ['identity', undefined],
  ])('an API answer asked with Accept-Encoding %s comes as %s, still not cached', async (accept, expected) => {
    const res = await admin({ method: 'GET', url: `/api/v1/members?unitId=${f.cell1}`, headers: accept ? { 'accept-encoding': accept } : {} });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-encoding']).toBe(expected);
    expect(res.headers['cache-control']).toBe('no-store');
    const plain = await admin({ method: 'GET', url: `/api/v1/members?unitId=${f.cell1}` });
    expect(JSON.parse(decode(res))).toEqual(plain.json());
    if (expected) expect(res.rawPayload.length).toBeLessThan(plain.rawPayload.length / 2);
  });

  it('the OpenAPI document (large) shrinks to a fraction', async () => {
    const plain = await t.app.inject({ method: 'GET', url: '/api/openapi.json' });
    const br = await t.app.inject({ method: 'GET', url: '/api/openapi.json', headers: { 'accept-encoding': 'br' } });
    expect(br.headers['content-encoding']).toBe('br');
    expect(br.rawPayload.length).toBeLessThan(plain.rawPayload.length / 5);
    expect(decode(br)).toBe(plain.body);
  });

  it('an .xlsx export (zipped already) is sent as it is', async () => {
    const res = await admin({ method: 'GET', url: `/api/v1/members/export.xlsx?unitId=${f.cell1}`, headers: { 'accept-encoding': 'br, gzip' } });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-encoding']).toBeUndefined();
    expect(res.rawPayload.subarray(0, 2).toString('latin1')).toBe('PK');
  });

  it('a gzipped request body is not inflated: it would slip past the body limit', async () => {
    const res = await admin({
      method: 'PATCH',
      url: `/api/v1/meetings/${meetingId}`,
      payload: zlib.gzipSync(JSON.stringify({ place: 'Nơi khác' })),
      headers: { 'content-type': 'application/json', 'content-encoding': 'gzip' },
    });
    expect(res.statusCode).toBe(400);
    expect((await admin({ method: 'GET', url: `/api/v1/meetings/${meetingId}` })).json().place).not.toBe('Nơi khác');
  });
});

describe('the web app: compressed at build time, hashed files cached for good', () => {
  // A built web app of our own, compressed by the same step as `vite build` (web/precompress.ts).
  const script = `export const rows = [${Array.from({ length: 400 }, (_, i) => `{ id: ${i}, name: "Đảng viên ${i}" }`).join(', ')}];\n`;
  const html = `<!doctype html><html lang="vi"><head><script type="module" src="/assets/index-Ab12Cd34.js"></script></head><body><div id="root"></div>${' '.repeat(2000)}</body></html>\n`;
  let dir: string;
  let web: FastifyInstance;
  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'chibo-web-'));
    fs.mkdirSync(path.join(dir, 'assets'));
    fs.writeFileSync(path.join(dir, 'index.html'), html);
    fs.writeFileSync(path.join(dir, 'assets', 'index-Ab12Cd34.js'), script);
    await precompressDir(dir);
    web = await buildApp(t.database, { webRoot: dir });
  });
  afterAll(async () => {
    await web.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });
  const get = (url: string, accept?: string) => web.inject({ method: 'GET', url, headers: accept ? { 'accept-encoding': accept } : {} });

  it('the build step writes a .br and a .gz twin of each file', () => {
    expect(fs.readdirSync(path.join(dir, 'assets')).sort()).toEqual(['index-Ab12Cd34.js', 'index-Ab12Cd34.js.br', 'index-Ab12Cd34.js.gz']);
    expect(zlib.brotliDecompressSync(fs.readFileSync(path.join(dir, 'assets', 'index-Ab12Cd34.js.br'))).toString()).toBe(script);
  });

  it.each([
    ['br', 'br'],
    ['gzip', 'gzip'],
    ['br;q=0.1, gzip', 'gzip'],
    [undefined, undefined],
  ])('a hashed asset asked with %s comes as %s, cached for a year as immutable', async (accept, expected) => {
    const res = await get('/assets/index-Ab12Cd34.js', accept);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-encoding']).toBe(expected);
    expect(String(res.headers['content-type'])).toContain('javascript');
    expect(res.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(res.headers.vary).toContain('accept-encoding');
    expect(decode(res)).toBe(script);
    if (expected) expect(res.rawPayload.length).toBeLessThan(script.length / 4);
  });

  it.each([
    ['/', 'br'],
    ['/index.html', 'gzip'],
    ['/members/5', 'br'],
  ])('%s (the page, %s) is checked again on every load (no-cache), with the security headers', async (url, accept) => {
    const res = await get(url, accept);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-encoding']).toBe(accept);
    expect(res.headers['cache-control']).toBe('no-cache');
    expect(decode(res)).toBe(html);
    expect(String(res.headers['content-security-policy'])).toContain("script-src 'self'");
    // Unchanged: a 304 without a body.
    const again = await web.inject({ method: 'GET', url, headers: { 'accept-encoding': accept, 'if-none-match': String(res.headers.etag) } });
    expect(again.statusCode).toBe(304);
  });

  it('an asset of an old version is a 404, and the API keeps no-store beside the web app', async () => {
    expect((await get('/assets/index-Old00000.js', 'br')).statusCode).toBe(404);
    const api = await get('/api/v1/health', 'br');
    expect(api.headers['cache-control']).toBe('no-store');
  });
});

describe('CSRF: a state change with the session cookie must come from the app itself', () => {
  const expectRefused = (res: { statusCode: number; headers: Record<string, unknown>; json(): { title: string; code: string } }) => {
    expect(res.statusCode).toBe(403);
    expect(String(res.headers['content-type'])).toContain('application/problem+json');
    expect(res.json().code).toBe('cross_site_request');
    expect(res.json().title).toBe('Yêu cầu bị từ chối vì không được gửi từ trang chibo. Hãy mở chibo và thao tác lại.');
  };

  it('a multipart import from another site is refused before the file is read, and nothing is written', async () => {
    const before = await auditCount();
    const res = await admin({
      method: 'POST',
      url: `/api/v1/imports/members?unitId=${f.cell1}&mode=apply`,
      ...withHeaders(multipartFile('ds.xlsx', 'not really a workbook'), EVIL),
    });
    expectRefused(res);
    expect(await auditCount()).toBe(before);
  });

  it('a document upload and bodiless POSTs from another site are refused', async () => {
    const before = await auditCount();
    expectRefused(await admin({ method: 'POST', url: `/api/v1/meetings/${meetingId}/documents`, ...withHeaders(multipartFile('bien-ban.txt', 'x'), EVIL) }));
    expectRefused(await admin({ method: 'POST', url: `/api/v1/meetings/${meetingId}/minutes/adopt`, headers: EVIL }));
    expectRefused(await admin({ method: 'POST', url: '/api/v1/auth/logout', headers: EVIL }));
    expectRefused(
      await admin({ method: 'PATCH', url: `/api/v1/meetings/${meetingId}`, payload: { place: 'Nơi khác' }, headers: { 'sec-fetch-site': 'cross-site' } }),
    );
    expectRefused(
      await admin({
        method: 'DELETE',
        url: `/api/v1/meetings/${meetingId}/documents/1`,
        headers: { 'sec-fetch-site': 'same-site', origin: 'https://other.localhost' },
      }),
    );
    expectRefused(await admin({ method: 'PUT', url: '/api/v1/me/notification-email', payload: { email: null }, headers: { origin: 'null' } }));
    expect(await auditCount()).toBe(before);
    // The session survived the refused logout.
    expect((await admin({ method: 'GET', url: '/api/v1/auth/me' })).statusCode).toBe(200);
  });

  it("the app's own pages, and clients that send neither header, are served", async () => {
    const own = await admin({
      method: 'PATCH',
      url: `/api/v1/meetings/${meetingId}`,
      payload: { place: 'Hội trường thôn 1' },
      headers: { origin: 'http://localhost' },
    });
    expect(own.statusCode).toBe(200);
    const fetchMeta = await admin({
      method: 'PATCH',
      url: `/api/v1/meetings/${meetingId}`,
      payload: { place: 'Nhà văn hóa thôn 1' },
      headers: { 'sec-fetch-site': 'same-origin', origin: 'http://127.0.0.1:5173' },
    });
    expect(fetchMeta.statusCode).toBe(200);
    const noHeaders = await admin({ method: 'PATCH', url: `/api/v1/meetings/${meetingId}`, payload: { place: 'Hội trường thôn 1' } });
    expect(noHeaders.statusCode).toBe(200);
    // Reading is never refused: a link from another site may open a page.
    expect((await admin({ method: 'GET', url: `/api/v1/meetings/${meetingId}`, headers: EVIL })).statusCode).toBe(200);
  });

  it('an API token is not a cookie: a Bearer request is unaffected by Origin', async () => {
    const created = await admin({ method: 'POST', url: '/api/v1/me/tokens', payload: { name: 'script' } });
    expect(created.statusCode).toBe(201);
    const res = await t.app.inject({
      method: 'PATCH',
      url: `/api/v1/meetings/${meetingId}`,
      payload: { place: 'Nhà văn hóa thôn 1' },
      headers: { ...EVIL, authorization: `Bearer ${created.json().token}` },
    });
    expect(res.statusCode).toBe(200);
  });

  it('login itself (no session yet) is not affected', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: 'admin', password: 'sai-mat-khau-roi' }, headers: EVIL });
    expect(res.statusCode).toBe(401);
  });
});

describe('network settings', () => {
  it('listens on 127.0.0.1 unless HOST says otherwise', () => {
    const saved = process.env.HOST;
    try {
      delete process.env.HOST;
      expect(serverHost()).toBe('127.0.0.1');
      process.env.HOST = '0.0.0.0';
      expect(serverHost()).toBe('0.0.0.0');
    } finally {
      if (saved === undefined) delete process.env.HOST;
      else process.env.HOST = saved;
    }
  });

  it('X-Forwarded-For names the client only when a proxy named in CHIBO_TRUSTED_PROXIES sends it', async () => {
    const saved = process.env.CHIBO_TRUSTED_PROXIES;
    try {
      delete process.env.CHIBO_TRUSTED_PROXIES;
      expect(trustedProxies()).toEqual([]);
      process.env.CHIBO_TRUSTED_PROXIES = ' 10.0.0.1, 192.168.1.0/24 ';
      expect(trustedProxies()).toEqual(['10.0.0.1', '192.168.1.0/24']);
    } finally {
      if (saved === undefined) delete process.env.CHIBO_TRUSTED_PROXIES;
      else process.env.CHIBO_TRUSTED_PROXIES = saved;
    }

    for (const [proxies, from, expected] of [
      [[], '10.0.0.1', '10.0.0.1'], // by default nobody is trusted: the connection's address
      [['10.0.0.1'], '10.0.0.1', '203.0.113.9'], // a named proxy tells the client's address
      [['10.0.0.1'], '198.51.100.4', '198.51.100.4'], // anyone else cannot choose theirs
      [['192.168.1.0/24'], '192.168.1.20', '203.0.113.9'],
    ] as const) {
      const app = await buildApp(t.database, { trustedProxies: [...proxies] });
      // request.ip is what throttles and the audit trail see.
      app.get('/probe/ip', async (request) => ({ ip: request.ip }));
      try {
        const res = await app.inject({ method: 'GET', url: '/probe/ip', remoteAddress: from, headers: { 'x-forwarded-for': '203.0.113.9' } });
        expect(res.json().ip, `${proxies.join(',')} from ${from}`).toBe(expected);
      } finally {
        await app.close();
      }
    }
  });
});

function withHeaders(request: { payload: Buffer; headers: Record<string, string> }, extra: Record<string, string>) {
  return { payload: request.payload, headers: { ...request.headers, ...extra } };
}
