// CSRF: a browser sends the session cookie with any request to us, even one made by
// another site's page (a form posting a file, a fetch with no body). A state-changing
// request carrying the session cookie must come from our own pages: Sec-Fetch-Site says
// same-origin (or none: typed by the user), or Origin is our own origin. A client sending
// neither header is no browser (scripts, tests); a Bearer token is not sent by browsers
// on their own, so it is not at risk. Runs on onRequest: before any body or upload is read.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { SESSION_COOKIE } from '../modules/auth/authenticate.ts';
import { AppError } from './app-error.ts';

const STATE_CHANGING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

function isOwnOrigin(origin: string, request: FastifyRequest): boolean {
  try {
    return new URL(origin).origin === new URL(`${request.protocol}://${request.host}`).origin;
  } catch {
    return false; // "null" (a sandboxed frame, a file) or garbage
  }
}

export function refuseCrossSiteRequests(app: FastifyInstance): void {
  app.addHook('onRequest', async (request) => {
    if (!STATE_CHANGING.has(request.method) || !request.cookies[SESSION_COOKIE]) return;
    if (request.headers.authorization?.startsWith('Bearer ')) return;
    const site = request.headers['sec-fetch-site'];
    const origin = request.headers.origin;
    if (site === undefined && origin === undefined) return;
    if (site === 'same-origin' || site === 'none') return;
    if (origin !== undefined && isOwnOrigin(origin, request)) return;
    throw new AppError('cross_site_request', 403);
  });
}
