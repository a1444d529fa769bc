// The one error type. `code` names a message in src/i18n/<lang>/*.json under "errors";
// `params` fill its {placeholders}; `fieldErrors` point at the input that was wrong.
export interface FieldError {
  /** Dotted path of the field, or "row 12 / Ngày sinh" style locations for imports. */
  path: string;
  /** A message key (translated) or plain text already translated. */
  message: string;
  params?: Record<string, string | number>;
}

export class AppError extends Error {
  readonly code: string;
  readonly status: number;
  readonly params: Record<string, string | number>;
  readonly fieldErrors: FieldError[];

  constructor(code: string, status: number, params: Record<string, string | number> = {}, fieldErrors: FieldError[] = []) {
    super(code);
    this.code = code;
    this.status = status;
    this.params = params;
    this.fieldErrors = fieldErrors;
  }
}

export const notFound = (entity: string) => new AppError('not_found', 404, { entity });
export const forbidden = () => new AppError('forbidden', 403);
export const badRequest = (code: string, params: Record<string, string | number> = {}, fieldErrors: FieldError[] = []) =>
  new AppError(code, 400, params, fieldErrors);
export const conflict = (code: string, params: Record<string, string | number> = {}) => new AppError(code, 409, params);

/** Too many attempts: 429 saying how many minutes to wait; the response carries Retry-After (seconds). */
export class TooManyAttempts extends AppError {
  readonly retryAfterSeconds: number;

  constructor(retryAfterSeconds: number) {
    super('rate_limited', 429, { minutes: Math.max(1, Math.ceil(retryAfterSeconds / 60)) });
    this.retryAfterSeconds = retryAfterSeconds;
  }
}
