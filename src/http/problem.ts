// Every error leaves as application/problem+json (RFC 9457) in the caller's language.
// Bad input is a 4xx with per-field errors; only our own bugs are 500, and those never
// show a stack trace.
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { hasZodFastifySchemaValidationErrors, isResponseSerializationError } from 'fastify-type-provider-zod';
import { AppError, TooManyAttempts, type FieldError } from './app-error.ts';
import { newErrorId } from './logging.ts';
import { formatDateVi } from '../domain/calendar.ts';
import { NoRuleSetInForce } from '../domain/rules/load-rule-set.ts';
import { hasMessage, pickLang, t, type Lang } from '../i18n/messages.ts';

const zodLocales = { vi: z.locales.vi(), en: z.locales.en() };

export interface ProblemBody {
  type: string;
  title: string;
  status: number;
  detail?: string;
  code: string;
  /** A 500's id, also in the log: what the user quotes when reporting it. */
  errorId?: string;
  errors?: { path: string; message: string }[];
}

type Issue = Parameters<ReturnType<typeof z.locales.en>['localeError']>[0];

/** Translates one zod issue: our own message keys first, zod's locale otherwise. */
export function zodIssueMessage(lang: Lang, issue: { code: string; message?: string; path?: PropertyKey[] } & Record<string, unknown>): string {
  if (issue.message && hasMessage(lang, issue.message)) return t(lang, issue.message, (issue.params ?? {}) as Record<string, string>);
  const text = zodLocales[lang].localeError(issue as unknown as Issue);
  return typeof text === 'string' ? text : (text?.message ?? issue.message ?? '');
}

export function zodIssuesToFieldErrors(lang: Lang, issues: readonly z.core.$ZodIssue[], prefix = ''): { path: string; message: string }[] {
  return issues.map((issue) => ({
    path: [prefix, ...issue.path.map(String)].filter(Boolean).join('.'),
    message: zodIssueMessage(lang, issue as unknown as Parameters<typeof zodIssueMessage>[1]),
  }));
}

function translateFieldErrors(lang: Lang, errors: FieldError[]) {
  return errors.map((e) => ({ path: e.path, message: hasMessage(lang, e.message) ? t(lang, e.message, e.params) : e.message }));
}

export function problemFor(error: unknown, lang: Lang): ProblemBody {
  // A date no rule set covers (a meeting before HD 12) is the caller's date, not our bug.
  if (error instanceof NoRuleSetInForce) return problemFor(new AppError('no_rule_set', 400, { date: formatDateVi(error.on) }), lang);
  if (error instanceof AppError) {
    const errors = error.fieldErrors.length ? translateFieldErrors(lang, error.fieldErrors) : undefined;
    return {
      type: `https://chibo.vn/problems/${error.code}`,
      code: error.code,
      title: t(lang, `errors.${error.code}`, error.params),
      status: error.status,
      ...(errors ? { errors, detail: t(lang, 'errors.validation_detail', { count: errors.length }) } : {}),
    };
  }
  // Two requests racing past the same "is it taken?" check (a unit code, a guest, a
  // scale): the database's unique key stops the second one, which is a conflict with what
  // someone else just saved, not our bug. A deadlock between two writers is the same.
  const pgCode = (error as { code?: unknown } | null)?.code;
  if (pgCode === '23505' || pgCode === '40P01') return problemFor(new AppError('conflict', 409), lang);
  if (error instanceof z.ZodError) {
    const errors = zodIssuesToFieldErrors(lang, error.issues);
    return { type: 'https://chibo.vn/problems/validation', code: 'validation', status: 400, title: t(lang, 'errors.validation'), detail: t(lang, 'errors.validation_detail', { count: errors.length }), errors };
  }
  if (hasZodFastifySchemaValidationErrors(error)) {
    const context = (error as { validationContext?: string }).validationContext ?? '';
    const errors = error.validation.map((v) => ({
      path: [context, ...v.instancePath.split('/').filter(Boolean)].filter(Boolean).join('.'),
      message: zodIssueMessage(lang, { code: v.keyword, message: v.message, ...(v.params as Record<string, unknown>) }),
    }));
    return { type: 'https://chibo.vn/problems/validation', code: 'validation', status: 400, title: t(lang, 'errors.validation'), detail: t(lang, 'errors.validation_detail', { count: errors.length }), errors };
  }
  const fastifyError = error as FastifyError;
  const status = typeof fastifyError.statusCode === 'number' ? fastifyError.statusCode : 500;
  if (status >= 400 && status < 500 && !isResponseSerializationError(error)) {
    const code = fastifyCodeToProblem[fastifyError.code ?? ''] ?? (status === 429 ? 'rate_limited' : status === 413 ? 'body_too_large' : status === 415 ? 'unsupported_media_type' : 'bad_request');
    return { type: `https://chibo.vn/problems/${code}`, code, status, title: t(lang, `errors.${code}`, { minutes: 15 }) };
  }
  return { type: 'https://chibo.vn/problems/internal', code: 'internal', status: 500, title: t(lang, 'errors.internal') };
}

const fastifyCodeToProblem: Record<string, string> = {
  FST_ERR_CTP_INVALID_JSON_BODY: 'malformed_json',
  FST_ERR_CTP_EMPTY_JSON_BODY: 'malformed_json',
  FST_ERR_CTP_BODY_TOO_LARGE: 'body_too_large',
  FST_ERR_CTP_INVALID_MEDIA_TYPE: 'unsupported_media_type',
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: 'bad_request',
  FST_INVALID_MULTIPART_CONTENT_TYPE: 'unsupported_media_type',
  FST_REQ_FILE_TOO_LARGE: 'body_too_large',
};

export function sendProblem(reply: FastifyReply, request: FastifyRequest, error: unknown) {
  const lang = pickLang(request.headers['accept-language']);
  let problem = problemFor(error, lang);
  if (problem.status >= 500) {
    // The log gets the error (serialized without its message: see logging.ts) and an id;
    // the user gets the same id to quote, so the two meet without personal data in the log.
    const errorId = newErrorId();
    request.log.error({ err: error, errorId }, 'unhandled error');
    problem = { ...problem, errorId, detail: t(lang, 'errors.internal_detail', { errorId }) };
  }
  if (error instanceof TooManyAttempts) reply.header('retry-after', String(error.retryAfterSeconds));
  return reply.status(problem.status).type('application/problem+json; charset=utf-8').send(JSON.stringify(problem));
}

/**
 * `pageFallback` answers paths that match no route and no file, when it wants to (the
 * web app's index.html for its own page paths); everything else is a problem+json 404.
 */
export function registerProblemHandlers(app: FastifyInstance, pageFallback?: (request: FastifyRequest, reply: FastifyReply) => boolean) {
  app.setErrorHandler((error, request, reply) => sendProblem(reply, request, error));
  app.setNotFoundHandler((request, reply) => {
    if (pageFallback?.(request, reply)) return reply;
    return sendProblem(reply, request, new AppError('route_not_found', 404));
  });
}
