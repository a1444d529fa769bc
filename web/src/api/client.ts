// One way to call the API: JSON in and out, the session cookie, the chosen language in
// Accept-Language (so problems come back translated), and every failure as an ApiError
// carrying the server's problem+json.
import { currentLang } from '../i18n/lang-store.ts';

export const API_BASE = '/api/v1';

export interface Problem {
  type?: string;
  title: string;
  status: number;
  detail?: string;
  code: string;
  errors?: { path: string; message: string }[];
  report?: unknown;
}

export class ApiError extends Error {
  readonly status: number;
  readonly problem: Problem;
  constructor(problem: Problem) {
    super(problem.title);
    this.status = problem.status;
    this.problem = problem;
  }
}

/** A failure with no problem from the server (offline, proxy down): status 0. */
export const NETWORK_ERROR_CODE = 'network';

let onUnauthorized: () => void = () => {};
export function setUnauthorizedHandler(handler: () => void) {
  onUnauthorized = handler;
}

type Query = Record<string, string | number | boolean | null | undefined | readonly (string | number)[]>;

export function apiUrl(path: string, query?: Query): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query ?? {})) {
    if (value === undefined || value === null || value === '') continue;
    if (Array.isArray(value)) {
      if (value.length) params.set(key, value.join(','));
      continue;
    }
    params.set(key, String(value));
  }
  const qs = params.toString();
  return `${API_BASE}${path}${qs ? `?${qs}` : ''}`;
}

interface RequestOptions {
  method?: string;
  body?: unknown;
  query?: Query;
  signal?: AbortSignal;
  form?: FormData;
}

async function send(path: string, options: RequestOptions): Promise<Response> {
  const headers: Record<string, string> = { 'Accept-Language': currentLang() };
  let body: BodyInit | undefined;
  if (options.form) body = options.form;
  else if (options.body !== undefined) {
    headers['Content-Type'] = 'application/json';
    body = JSON.stringify(options.body);
  }
  let response: Response;
  try {
    response = await fetch(apiUrl(path, options.query), { method: options.method ?? 'GET', headers, body, credentials: 'same-origin', signal: options.signal });
  } catch (error) {
    if (error instanceof DOMException && error.name === 'AbortError') throw error;
    throw new ApiError({ status: 0, code: NETWORK_ERROR_CODE, title: '' });
  }
  if (!response.ok) {
    const problem = await readProblem(response);
    // A session that ended (expired, password changed elsewhere) sends the user to the login page.
    if (response.status === 401 && path !== '/auth/login') onUnauthorized();
    throw new ApiError(problem);
  }
  return response;
}

async function readProblem(response: Response): Promise<Problem> {
  try {
    const json = (await response.json()) as Partial<Problem>;
    if (json && typeof json.title === 'string') return { ...json, status: response.status, code: json.code ?? 'unknown', title: json.title };
  } catch {
    /* not JSON: a proxy or a crash page */
  }
  return { status: response.status, code: NETWORK_ERROR_CODE, title: '' };
}

export async function api<T>(path: string, options: RequestOptions = {}): Promise<T> {
  const response = await send(path, options);
  if (response.status === 204) return undefined as T;
  return (await response.json()) as T;
}

/** Downloads a file answer (xlsx) and hands it to the browser under its server-given name. */
export async function download(path: string, query: Query | undefined, fallbackName: string, init: Omit<RequestOptions, 'query'> = {}): Promise<void> {
  const response = await send(path, { ...init, query });
  const blob = await response.blob();
  const disposition = response.headers.get('Content-Disposition') ?? '';
  const match = /filename\*=UTF-8''([^;]+)/i.exec(disposition) ?? /filename="?([^";]+)"?/i.exec(disposition);
  const name = match?.[1] ? decodeURIComponent(match[1]) : fallbackName;
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
