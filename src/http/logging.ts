// The request log (CHIBO_LOG=1) says what happened without holding what people sent: a
// request is its method and path (no query string: search terms are names and card
// numbers; the calendar feed's secret token replaced), never headers or bodies; an error
// is its class, SQLSTATE and stack frames, never its message (a database error quotes the
// row it refused), with an error id the client is shown too.
import { randomBytes } from 'node:crypto';
import type { FastifyServerOptions } from 'fastify';
import { AppError } from './app-error.ts';

export type LogDestination = NodeJS.WritableStream;

/** The path of a request URL as it may be logged. */
export function loggablePath(url: string): string {
  const path = url.split('?')[0]!;
  return path.replace(/\/calendar\/[^/]+\.ics$/, '/calendar/[redacted].ics');
}

/** What may be logged of an error: our own message key, never another's message, detail or parameters. */
export function loggableError(error: unknown): { type: string; message: string; stack: string; code?: string } {
  if (!(error instanceof Error)) return { type: typeof error, message: '[not logged]', stack: '' };
  const code = (error as { code?: unknown }).code;
  return {
    type: error.constructor.name,
    message: error instanceof AppError ? error.message : '[not logged]',
    // A SQLSTATE (23514) or a library's own code (FST_ERR_…) names the failure, not the data.
    ...(typeof code === 'string' && /^[A-Z0-9_]{5,40}$/.test(code) ? { code } : {}),
    // The stack's first line repeats the message: only the frames are kept.
    stack: (error.stack ?? '')
      .split('\n')
      .filter((line) => /^\s+at /.test(line))
      .join('\n'),
  };
}

/** A short id to quote on the phone: 10 hexadecimal digits. */
export const newErrorId = () => randomBytes(5).toString('hex').toUpperCase();

export function loggerOptions(destination?: LogDestination): FastifyServerOptions['logger'] {
  return {
    level: 'info',
    ...(destination ? { stream: destination } : {}),
    serializers: {
      req: (request: { method: string; url: string }) => ({ method: request.method, url: loggablePath(request.url) }),
      err: loggableError,
    },
    // Should anything log a request's headers, query or body after all, pino blanks them.
    redact: {
      paths: ['req.headers', 'req.query', 'req.body', 'req.params', 'body', 'headers', 'err.detail', 'err.where', 'err.parameters'],
      censor: '[redacted]',
    },
  };
}
