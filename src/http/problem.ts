// Every error leaves as application/problem+json (RFC 9457) in the caller's language.
// Bad input is a 4xx with per-field errors; only our own bugs are 500, and those never
// show a stack trace.
import { STATUS_CODES } from 'node:http';
import type { Socket } from 'node:net';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors, isResponseSerializationError } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { hasSqlState, SQLSTATE } from '../db/sqlstate.ts';
import { formatDateVi } from '../domain/calendar.ts';
import { NoRuleSetInForce } from '../domain/rules/load-rule-set.ts';
import { hasMessage, type Lang, pickLang, t } from '../i18n/messages.ts';
import { AppError, type FieldError, TooManyAttempts } from './app-error.ts';
import { newErrorId } from './logging.ts';

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

/** What a value is, in the words of the validation messages. */
function kindOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'number') return Number.isInteger(value) ? 'int' : 'number';
  return typeof value;
}

const typeWord = (lang: Lang, kind: string) => (hasMessage(lang, `validation.types.${kind}`) ? t(lang, `validation.types.${kind}`) : kind);

/** zod's own issues said in plain words: what was wrong, not zod's type names ("mong đợi string, nhận được undefined"). */
function plainIssueMessage(lang: Lang, issue: Record<string, unknown>, input: { value: unknown } | undefined): string | undefined {
  const n = (key: string) => (typeof issue[key] === 'number' || typeof issue[key] === 'bigint' ? String(issue[key]) : undefined);
  switch (issue.code) {
    case 'invalid_type': {
      if (input && input.value === undefined) return t(lang, 'validation.required');
      const expected = typeWord(lang, String(issue.expected));
      return input
        ? t(lang, 'validation.wrong_type', { expected, received: typeWord(lang, kindOf(input.value)) })
        : t(lang, 'validation.wrong_type_unknown', { expected });
    }
    case 'invalid_value':
      return Array.isArray(issue.values) ? t(lang, 'validation.one_of', { values: issue.values.map((v) => JSON.stringify(v)).join(', ') }) : undefined;
    case 'too_small':
    case 'too_big': {
      const small = issue.code === 'too_small';
      const limit = n(small ? 'minimum' : 'maximum');
      if (limit === undefined) return undefined;
      const params: Record<string, string> = small ? { minimum: limit } : { maximum: limit };
      if (issue.origin === 'string') return t(lang, small ? 'validation.text_too_short' : 'validation.text_too_long', params);
      if (issue.origin === 'array' || issue.origin === 'set') return t(lang, small ? 'validation.list_too_short' : 'validation.list_too_long', params);
      const exclusive = issue.inclusive === false ? '_exclusive' : '';
      return t(lang, `validation.number_too_${small ? 'small' : 'big'}${exclusive}`, params);
    }
    case 'unrecognized_keys':
      if (!Array.isArray(issue.keys)) return undefined;
      {
        // Field names are echoed only when they look like names: a client's key may hold quotes or braces.
        const named = issue.keys.map(String).filter((k) => /^[\w.-]{1,40}$/.test(k));
        const others = issue.keys.length - named.length;
        const list = [
          ...named.slice(0, 5).map((k) => `"${k}"`),
          ...(named.length > 5 || others > 0 ? [t(lang, 'validation.more_fields', { n: issue.keys.length - Math.min(named.length, 5) })] : []),
        ];
        return t(lang, 'validation.unknown_fields', { keys: list.join(', ') });
      }
    case 'invalid_format':
      return t(lang, issue.format === 'date' ? 'validation.bad_date' : 'validation.bad_format');
    default:
      return undefined;
  }
}

/**
 * Translates one zod issue: our own message keys first, then plain words for zod's common
 * issues, zod's locale otherwise. `input` is the value the issue is about, when known.
 */
export function zodIssueMessage(
  lang: Lang,
  issue: { code: string; message?: string; path?: PropertyKey[] } & Record<string, unknown>,
  input?: { value: unknown },
): string {
  if (issue.message && hasMessage(lang, issue.message)) return t(lang, issue.message, (issue.params ?? {}) as Record<string, string>);
  const plain = plainIssueMessage(lang, issue, input ?? ('input' in issue ? { value: issue.input } : undefined));
  if (plain) return plain;
  const text = zodLocales[lang].localeError(issue as unknown as Issue);
  return typeof text === 'string' ? text : (text?.message ?? issue.message ?? '');
}

/** The value at `path` inside `root`, if the path leads somewhere (an own property at each step). */
export function valueAt(root: unknown, path: readonly PropertyKey[]): { value: unknown } | undefined {
  let here: unknown = root;
  for (const key of path.slice(0, -1)) {
    if (here === null || typeof here !== 'object' || !Object.hasOwn(here, key)) return undefined;
    here = (here as Record<PropertyKey, unknown>)[key];
  }
  const last = path.at(-1);
  if (last === undefined) return { value: here };
  if (here === null || typeof here !== 'object') return undefined;
  return { value: Object.hasOwn(here, last) ? (here as Record<PropertyKey, unknown>)[last] : undefined };
}

export function zodIssuesToFieldErrors(lang: Lang, issues: readonly z.core.$ZodIssue[], prefix = '', input?: unknown): { path: string; message: string }[] {
  return issues.map((issue) => ({
    path: [prefix, ...issue.path.map(String)].filter(Boolean).join('.'),
    message: zodIssueMessage(lang, issue as unknown as Parameters<typeof zodIssueMessage>[1], input === undefined ? undefined : valueAt(input, issue.path)),
  }));
}

function translateFieldErrors(lang: Lang, errors: FieldError[]) {
  return errors.map((e) => ({ path: e.path, message: hasMessage(lang, e.message) ? t(lang, e.message, e.params) : e.message }));
}

/** What the request carried, by validation context, to say what a wrong value was. */
export type RequestInput = Partial<Record<'body' | 'querystring' | 'params' | 'headers', unknown>>;

export function problemFor(error: unknown, lang: Lang, input: RequestInput = {}): ProblemBody {
  // A date no rule set covers (a meeting before HD 12) is the caller's date, not our bug.
  if (error instanceof NoRuleSetInForce)
    return problemFor(new AppError('no_rule_set', 400, { date: formatDateVi(error.on), kind: `errors.rule_kind.${error.kind}` }), lang);
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
  if (hasSqlState(error, SQLSTATE.uniqueViolation, SQLSTATE.deadlock)) return problemFor(new AppError('conflict', 409), lang);
  if (error instanceof z.ZodError) {
    const errors = zodIssuesToFieldErrors(lang, error.issues);
    return {
      type: 'https://chibo.vn/problems/validation',
      code: 'validation',
      status: 400,
      title: t(lang, 'errors.validation'),
      detail: t(lang, 'errors.validation_detail', { count: errors.length }),
      errors,
    };
  }
  if (hasZodFastifySchemaValidationErrors(error)) {
    const context = (error as { validationContext?: string }).validationContext ?? '';
    const root = input[context as keyof RequestInput];
    const errors = error.validation.map((v) => {
      const path = v.instancePath.split('/').filter(Boolean);
      return {
        path: [context, ...path].filter(Boolean).join('.'),
        message: zodIssueMessage(
          lang,
          { code: v.keyword, message: v.message, ...(v.params as Record<string, unknown>) },
          root === undefined ? undefined : valueAt(root, path),
        ),
      };
    });
    return {
      type: 'https://chibo.vn/problems/validation',
      code: 'validation',
      status: 400,
      title: t(lang, 'errors.validation'),
      detail: t(lang, 'errors.validation_detail', { count: errors.length }),
      errors,
    };
  }
  const fastifyError = error as FastifyError;
  // A path the static files refuse (too long for a file name, or climbing out of the folder),
  // or a path parameter past the router's length limit, names nothing there is: not found, as
  // any other unknown address (which of the two answers depends on whether the web app is built).
  if (fastifyError.code === 'FST_STATIC_FORBIDDEN_PATH' || fastifyError.code === 'FST_ERR_MAX_PARAM_LENGTH')
    return problemFor(new AppError('path_not_found', 404), lang);
  const status = typeof fastifyError.statusCode === 'number' ? fastifyError.statusCode : 500;
  if (status >= 400 && status < 500 && !isResponseSerializationError(error)) {
    const code =
      fastifyCodeToProblem[fastifyError.code ?? ''] ??
      (status === 429 ? 'rate_limited' : status === 413 ? 'body_too_large' : status === 415 ? 'unsupported_media_type' : 'bad_request');
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
  let problem = problemFor(error, lang, { body: request.body, querystring: request.query, params: request.params });
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

/** What Node's HTTP parser refuses, by its error code: the answer's status and message. */
function clientErrorAnswer(code: string | undefined): [number, string] {
  if (code === 'HPE_HEADER_OVERFLOW') return [431, 'headers_too_large'];
  if (code === 'ERR_HTTP_REQUEST_TIMEOUT') return [408, 'request_timeout'];
  // Characters an address or a header may not hold: say how to send them.
  if (code === 'HPE_INVALID_URL' || code === 'HPE_INVALID_HEADER_TOKEN') return [400, 'malformed_request'];
  return [400, 'bad_request'];
}

/**
 * A request Node's HTTP parser refuses before Fastify sees it (raw 'ê' in the address, a
 * broken request line, headers too large): answered on the socket as problem+json in
 * Vietnamese, the only language known without the request's headers, then the connection
 * is closed. As Node's own default, nothing is written over a response already under way
 * on the same connection, and a reset connection is just closed.
 */
export function answerClientError(error: Error & { code?: string }, socket: Socket) {
  const underWay = (socket as Socket & { _httpMessage?: { headersSent?: boolean } })._httpMessage?.headersSent;
  if (error.code === 'ECONNRESET' || !socket.writable || underWay) return socket.destroy();
  const [status, code] = clientErrorAnswer(error.code);
  const body = JSON.stringify(problemFor(new AppError(code, status), 'vi'));
  socket.write(
    `HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\nContent-Type: application/problem+json; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
  );
  // The server keeps a socket's reading side open after end(): close it once written.
  socket.destroySoon();
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
