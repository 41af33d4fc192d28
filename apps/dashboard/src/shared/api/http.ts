import { CSRF_COOKIE, CSRF_HEADER, type ApiErrorBody } from '@resonance/contracts';

/** An API error with the server's code, message and details, for the UI to show as is. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly body: ApiErrorBody | null,
  ) {
    super(body?.message ?? `Request failed with status ${status}`);
    this.name = 'ApiError';
  }

  /** The server's error code (`last_owner`, `validation_failed`, …) or a generic one. */
  get code(): string {
    return this.body?.code ?? (this.status === 0 ? 'network_error' : 'error');
  }

  get details(): unknown {
    return this.body?.details;
  }
}

/** The message to show for any thrown value: the server's own words when it gave some. */
export function errorMessage(error: unknown): string {
  if (error instanceof ApiError) return error.message;
  if (error instanceof Error) return error.message;
  return 'Something went wrong.';
}

export function readCookie(name: string): string | null {
  if (typeof document === 'undefined') return null;
  for (const part of document.cookie.split(';')) {
    const [key, ...rest] = part.trim().split('=');
    if (key === name) return decodeURIComponent(rest.join('='));
  }
  return null;
}

/** Where the login page sends the user back to: the current path, query and hash. */
export function loginPath(returnTo: string): string {
  return returnTo && returnTo !== '/' && !returnTo.startsWith('/login')
    ? `/login?next=${encodeURIComponent(returnTo)}`
    : '/login';
}

function redirectToLogin(): void {
  const { pathname, search, hash } = window.location;
  if (pathname === '/login') return;
  window.location.assign(loginPath(`${pathname}${search}${hash}`));
}

export type HttpMethod = 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';

export interface RequestOptions {
  body?: unknown;
  signal?: AbortSignal;
  /** Query parameters; undefined, null and '' are left out. */
  query?: Record<string, string | number | boolean | readonly string[] | null | undefined>;
  /** A 401 sends the browser to /login (keeping the return path) unless this is false. */
  redirectOn401?: boolean;
}

export function buildQuery(query: RequestOptions['query']): string {
  if (!query) return '';
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined || value === null || value === '') continue;
    if (Array.isArray(value)) for (const v of value) params.append(key, String(v));
    else params.append(key, String(value));
  }
  const text = params.toString();
  return text ? `?${text}` : '';
}

/** One JSON request to `/api/v1<path>`, with the CSRF header on anything but GET. */
export async function apiRequest<T>(method: HttpMethod, path: string, options: RequestOptions = {}): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (options.body !== undefined) headers['content-type'] = 'application/json';
  if (method !== 'GET') {
    const csrf = readCookie(CSRF_COOKIE);
    if (csrf) headers[CSRF_HEADER] = csrf;
  }
  let res: Response;
  try {
    res = await fetch(`/api/v1${path}${buildQuery(options.query)}`, {
      method,
      headers,
      credentials: 'same-origin',
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
      signal: options.signal,
    });
  } catch (error) {
    if (error instanceof DOMException && error.name === 'AbortError') throw error;
    throw new ApiError(0, {
      statusCode: 0,
      code: 'network_error',
      message: 'The server cannot be reached. Check your connection and try again.',
    });
  }
  const text = await res.text();
  let body: unknown = null;
  if (text) {
    try {
      body = JSON.parse(text);
    } catch {
      body = null;
    }
  }
  if (!res.ok) {
    if (res.status === 401 && options.redirectOn401 !== false) redirectToLogin();
    // Non-error bodies (a 503 health report) are kept too: callers may read them.
    throw new ApiError(res.status, typeof body === 'object' && body !== null ? (body as ApiErrorBody) : null);
  }
  return body as T;
}

export const apiGet = <T>(path: string, options?: Omit<RequestOptions, 'body'>) => apiRequest<T>('GET', path, options);
export const apiPost = <T>(path: string, body?: unknown, options?: RequestOptions) =>
  apiRequest<T>('POST', path, { ...options, body });
export const apiPatch = <T>(path: string, body?: unknown, options?: RequestOptions) =>
  apiRequest<T>('PATCH', path, { ...options, body });
export const apiDelete = <T = void>(path: string, options?: RequestOptions) => apiRequest<T>('DELETE', path, options);
