// Headers every response carries (@fastify/helmet plus what it lacks), and no caching of
// API answers: they and the exports carry personal data, which must not stay in a shared
// browser's or a proxy's cache.

import helmet from '@fastify/helmet';
import type { FastifyInstance } from 'fastify';

// The built web app loads only its own files: scripts strictly from 'self' (Vite emits no
// inline script); styles also inline, because antd writes its CSS-in-JS into <style> tags.
// No camera: a member scans the check-in QR code with the phone's own camera app.
const PERMISSIONS_POLICY = 'camera=(), microphone=(), geolocation=(), payment=(), usb=()';
const HSTS = 'max-age=31536000; includeSubDomains';

export async function registerWebSecurity(app: FastifyInstance): Promise<void> {
  await app.register(helmet, {
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        'default-src': ["'self'"],
        'script-src': ["'self'"],
        'script-src-attr': ["'none'"],
        'style-src': ["'self'", "'unsafe-inline'"],
        'img-src': ["'self'", 'data:'],
        'font-src': ["'self'", 'data:'],
        'connect-src': ["'self'"],
        'object-src': ["'none'"],
        'base-uri': ["'self'"],
        'form-action': ["'self'"],
        'frame-ancestors': ["'none'"],
      },
    },
    frameguard: { action: 'deny' },
    referrerPolicy: { policy: 'same-origin' },
    // Sent below only over TLS: on plain HTTP (a LAN address) it would mean nothing, and
    // behind a TLS proxy request.protocol says https only when that proxy is trusted.
    strictTransportSecurity: false,
  });
  app.addHook('onRequest', async (request, reply) => {
    reply.header('permissions-policy', PERMISSIONS_POLICY);
    if (request.protocol === 'https') reply.header('strict-transport-security', HSTS);
    if (request.url.startsWith('/api/')) reply.header('cache-control', 'no-store');
  });
}
