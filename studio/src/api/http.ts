import type { Problem } from './types.js';

/** An answer other than 2xx, with its problem+json body. */
export class ApiError extends Error {
  readonly status: number;
  readonly problem: Problem;
  constructor(problem: Problem) {
    super(problem.detail || problem.title);
    this.name = 'ApiError';
    this.status = problem.status;
    this.problem = problem;
  }
}

export interface RequestOptions {
  body?: unknown;
  /** A body sent as is with its content type (a CSV file), instead of JSON. */
  raw?: { body: Blob | string; type: string };
  query?: Record<string, string | number | undefined>;
  headers?: Record<string, string>;
  /** Never answered by the device's copy (the outbox sending its changes, the change feed). */
  direct?: boolean;
}

let csrfToken: string | undefined;
let onUnauthorized: (() => void) | undefined;

/** A request as the offline layer sees it. */
export interface OfflineRequest {
  method: string;
  path: string;
  query?: RequestOptions['query'];
  body?: unknown;
  headers: Record<string, string>;
}

/**
 * The device's copy (studio/src/offline): answers a request the network could not carry,
 * when it can (`undefined` when it cannot), and is told of the answers the server gave.
 */
export interface OfflineLayer {
  answer(req: OfflineRequest): Promise<unknown>;
  answered(req: OfflineRequest, body: unknown): void;
  /** The body to send for a write: files the body names that wait on the device go up first. */
  prepare?(req: OfflineRequest): Promise<unknown>;
}
let offlineLayer: OfflineLayer | undefined;

export const setOfflineLayer = (layer: OfflineLayer | undefined): void => {
  offlineLayer = layer;
};

let studioModule: string | undefined;
/** The module the studio works in: every save of a studio document names it (X-Studio-Module), so a document it creates joins the module. */
export const setStudioModule = (id: string | undefined): void => {
  studioModule = id;
};

/** Set on an answer that came from the device's copy instead of the server. */
export const OFFLINE_HEADER = 'x-crm-offline';

/** The session's CSRF token, sent with every write (the session cookie alone is not enough). */
export const setCsrfToken = (token: string | undefined): void => {
  csrfToken = token;
};

/** The CSRF header for a write sent without send() (an upload that reports its progress). */
export const csrfHeaders = (): Record<string, string> => (csrfToken ? { 'x-csrf-token': csrfToken } : {});

/** Called when the server answers 401 to a signed-in request (the session ended). */
export const setUnauthorizedHandler = (fn: (() => void) | undefined): void => {
  onUnauthorized = fn;
};

const urlOf = (path: string, query?: RequestOptions['query']): string => {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query ?? {})) if (v !== undefined && v !== '') params.set(k, String(v));
  const qs = params.toString();
  return qs ? `${path}?${qs}` : path;
};

const parse = (text: string): unknown => {
  if (!text) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
};

/** fetch against the API: JSON in and out, CSRF header on writes, problem+json → ApiError. */
export async function send<T>(method: string, path: string, opts: RequestOptions = {}): Promise<{ body: T; headers: Headers }> {
  const headers: Record<string, string> = { accept: 'application/json', ...opts.headers };
  if (opts.raw) headers['content-type'] = opts.raw.type;
  else if (opts.body !== undefined) headers['content-type'] = 'application/json';
  if (method !== 'GET' && method !== 'HEAD' && csrfToken) headers['x-csrf-token'] = csrfToken;
  if (studioModule && method === 'PUT' && path.startsWith('/api/studio/')) headers['x-studio-module'] = studioModule;
  // A refusal of a file the body names is this request's refusal; a lost network leaves the body as it was.
  const prepared = opts.raw || opts.direct || method === 'GET' || !offlineLayer?.prepare ? opts.body : await offlineLayer.prepare({ method, path, query: opts.query, body: opts.body, headers });
  let res: Response;
  try {
    res = await fetch(urlOf(path, opts.query), {
      method,
      headers,
      credentials: 'same-origin',
      body: opts.raw ? opts.raw.body : prepared === undefined ? undefined : JSON.stringify(prepared),
    });
  } catch (e) {
    const local = opts.raw || opts.direct ? undefined : await offlineLayer?.answer({ method, path, query: opts.query, body: opts.body, headers }).catch(() => undefined);
    if (local !== undefined) return { body: local as T, headers: new Headers({ [OFFLINE_HEADER]: '1' }) };
    throw new ApiError({ title: 'Network error', status: 0, detail: e instanceof Error ? e.message : String(e), code: 'NETWORK' });
  }
  const body = parse(await res.text());
  if (!res.ok) {
    const problem: Problem =
      body && typeof body === 'object' ? { status: res.status, title: res.statusText, ...(body as Partial<Problem>) } : { status: res.status, title: res.statusText || 'Error', detail: typeof body === 'string' ? body : undefined };
    if (res.status === 401 && path !== '/api/auth/login' && path !== '/api/auth/me') onUnauthorized?.();
    throw new ApiError(problem);
  }
  offlineLayer?.answered({ method, path, query: opts.query, body: opts.body, headers }, body);
  return { body: body as T, headers: res.headers };
}

/** A URL of the API with its query (for links such as a CSV download). */
export const apiUrl = (path: string, query?: RequestOptions['query']): string => urlOf(path, query);

export const api = {
  get: async <T>(path: string, query?: RequestOptions['query']) => (await send<T>('GET', path, { query })).body,
  post: async <T>(path: string, body?: unknown, headers?: Record<string, string>) => (await send<T>('POST', path, { body, headers })).body,
  put: async <T>(path: string, body?: unknown, headers?: Record<string, string>) => (await send<T>('PUT', path, { body, headers })).body,
  patch: async <T>(path: string, body?: unknown, headers?: Record<string, string>) => (await send<T>('PATCH', path, { body, headers })).body,
  delete: async <T>(path: string, headers?: Record<string, string>) => (await send<T>('DELETE', path, { headers })).body,
};
