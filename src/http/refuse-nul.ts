// PostgreSQL text and jsonb cannot hold the NUL character (U+0000), and pasted text never
// means it: a path, query or JSON body holding one is refused at the door as bad input
// (400, naming the field), for every route, instead of failing in the database as a 500.
import type { FastifyInstance } from 'fastify';
import { AppError, type FieldError } from './app-error.ts';

const MAX_ERRORS = 20;

function findNul(value: unknown, path: string, out: FieldError[], depth = 0): void {
  if (out.length >= MAX_ERRORS || depth > 32) return;
  if (typeof value === 'string') {
    if (value.includes('\u0000')) out.push({ path, message: 'fields.bad_characters' });
    return;
  }
  if (Array.isArray(value)) {
    value.forEach((v, i) => findNul(v, `${path}.${i}`, out, depth + 1));
    return;
  }
  if (value !== null && typeof value === 'object' && !Buffer.isBuffer(value)) {
    for (const [key, v] of Object.entries(value)) {
      if (key.includes('\u0000')) out.push({ path: `${path}.${key.replace(/\u0000/g, '\\u0000')}`, message: 'fields.bad_characters' });
      else findNul(v, `${path}.${key}`, out, depth + 1);
    }
  }
}

export function refuseNulCharacters(app: FastifyInstance): void {
  app.addHook('preValidation', async (request) => {
    const errors: FieldError[] = [];
    findNul(request.params, 'params', errors);
    findNul(request.query, 'querystring', errors);
    findNul(request.body, 'body', errors);
    if (errors.length > 0) throw new AppError('validation', 400, {}, errors);
  });
}
