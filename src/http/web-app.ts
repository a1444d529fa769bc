// The built web app (web/dist). Its .br and .gz twins, written at build time (web/
// precompress.ts), are sent to a browser that accepts them, so no CPU is spent compressing
// at request time. Files under /assets/ carry a hash of their content in their name: a
// phone keeps them for a year without asking again. index.html names the current hashes,
// so it is checked on every load (no-cache: a 304 when unchanged).

import path from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';

export const IMMUTABLE = 'public, max-age=31536000, immutable';
export const REVALIDATE = 'no-cache';

export async function registerWebApp(app: FastifyInstance, root: string): Promise<void> {
  // Files are looked up when asked for (not listed at start), so a rebuilt web app is
  // served without a restart.
  await app.register(fastifyStatic, {
    root,
    index: 'index.html',
    preCompressed: true,
    // Our own header, not send's "public, max-age=0".
    cacheControl: false,
    setHeaders: (reply, file) => {
      const hashed = path.relative(root, file).startsWith(`assets${path.sep}`);
      reply.header('cache-control', hashed ? IMMUTABLE : REVALIDATE);
    },
  });
}
