import type { FastifyRequest } from 'fastify';

/** The public origin for links a phone or calendar app opens (QR code, feed URL). */
export function requestOrigin(req: FastifyRequest): string {
  return process.env.CHIBO_PUBLIC_URL ?? `${req.protocol}://${req.host}`;
}
