// Text that no person typed is refused at the door, for every route, as bad input (400,
// naming the field) instead of failing later as a 500: the NUL character (U+0000), which
// PostgreSQL text and jsonb cannot hold, and a lone UTF-16 surrogate (JSON.parse accepts
// "\ud800", but it is no character: jsonb, the audit trail and UTF-8 output refuse it).
// Checked after parsing, on path parameters, the query string and JSON bodies, keys too.
import type { FastifyInstance } from 'fastify';
import { AppError, type FieldError } from './app-error.ts';

const MAX_ERRORS = 20;

/** True for text holding a NUL or a lone surrogate. Multipart fields and file names use it too. */
export function isMalformedText(text: string): boolean {
  return text.includes('\u0000') || !text.isWellFormed();
}

export function findMalformedText(value: unknown, path: string, out: FieldError[], depth = 0): void {
  if (out.length >= MAX_ERRORS || depth > 32) return;
  if (typeof value === 'string') {
    if (isMalformedText(value)) out.push({ path, message: 'fields.bad_characters' });
    return;
  }
  if (Array.isArray(value)) {
    value.forEach((v, i) => {
      findMalformedText(v, `${path}.${i}`, out, depth + 1);
    });
    return;
  }
  if (value !== null && typeof value === 'object' && !Buffer.isBuffer(value)) {
    for (const [key, v] of Object.entries(value)) {
      // The key itself is shown escaped (\ud800), as JSON.stringify spells it.
      if (isMalformedText(key)) out.push({ path: `${path}.${JSON.stringify(key).slice(1, -1)}`, message: 'fields.bad_characters' });
      else findMalformedText(v, `${path}.${key}`, out, depth + 1);
    }
  }
}

export function refuseMalformedText(app: FastifyInstance): void {
  app.addHook('preValidation', async (request) => {
    const errors: FieldError[] = [];
    findMalformedText(request.params, 'params', errors);
    findMalformedText(request.query, 'querystring', errors);
    findMalformedText(request.body, 'body', errors);
    if (errors.length > 0) throw new AppError('validation', 400, {}, errors);
  });
}
