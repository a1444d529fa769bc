// Requests Node's HTTP parser refuses before any route sees them still get a Vietnamese
// problem+json: a client (curl, a script) that sends 'ê' raw in the address, a broken
// request line, or headers too large.
import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/test-app.ts';

let t: TestApp;
let port: number;

beforeAll(async () => {
  t = await createTestApp();
  await t.app.listen({ port: 0, host: '127.0.0.1' });
  port = (t.app.server.address() as net.AddressInfo).port;
});
afterAll(() => t.close());

/** Sends raw bytes and reads the whole answer (the server closes the connection after it). */
function raw(request: Buffer | string): Promise<{ status: number; contentType: string; body: Record<string, unknown> }> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, '127.0.0.1', () => socket.write(request));
    const chunks: Buffer[] = [];
    socket.on('data', (c: Buffer) => chunks.push(c));
    socket.on('error', reject);
    socket.on('close', () => {
      const text = Buffer.concat(chunks).toString('utf8');
      const [head, body] = text.split('\r\n\r\n');
      resolve({
        status: Number(head!.split(' ')[1]),
        contentType: /content-type: ([^\r\n]*)/i.exec(head!)?.[1] ?? '',
        body: JSON.parse(body!),
      });
    });
  });
}

describe('a request the HTTP parser refuses', () => {
  it("answers a raw 'ê' in the query string with a Vietnamese problem saying to encode it", async () => {
    const res = await raw(Buffer.from('GET /api/v1/units/search?q=Yên HTTP/1.1\r\nHost: localhost\r\n\r\n', 'utf8'));
    expect(res.status).toBe(400);
    expect(res.contentType).toContain('application/problem+json');
    expect(res.body).toMatchObject({ code: 'malformed_request', status: 400 });
    expect(res.body.title).toContain('ê là %C3%AA');
  });

  it('answers a broken request line and headers too large the same way', async () => {
    expect((await raw('NOT A REQUEST\r\n\r\n')).body).toMatchObject({ code: 'bad_request', status: 400, title: 'Yêu cầu không hợp lệ.' });
    expect((await raw('GET / HTTP/1.1\r\nHo st: a\r\n\r\n')).body).toMatchObject({ code: 'malformed_request', status: 400 });
    const big = await raw(`GET /api/v1/auth/me HTTP/1.1\r\nHost: localhost\r\nCookie: ${'a'.repeat(20_000)}\r\n\r\n`);
    expect(big.status).toBe(431);
    expect(big.body.title).toBe('Phần đầu yêu cầu (header, cookie) quá lớn.');
  });

  it('passes the same search sent percent-encoded on to the API (401 without a session)', async () => {
    const res = await raw('GET /api/v1/units/search?q=Y%C3%AAn HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n');
    expect(res.status).toBe(401);
    expect(res.body.title).toBe('Bạn cần đăng nhập.');
  });
});
