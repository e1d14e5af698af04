import { vi } from 'vitest';

export const json = (status: number, body: unknown): Response =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': status >= 400 ? 'application/problem+json' : 'application/json' } });

type Route = (url: string, init: RequestInit) => Response | undefined;

/** A fetch stub answering by method and path; every call is kept in `calls`. Unrouted calls answer 404. */
export const stubFetch = (routes: Record<string, unknown | Route>) => {
  const calls: { method: string; url: string; body?: string; headers: Record<string, string> }[] = [];
  const fetch = vi.fn(async (url: string, init: RequestInit = {}) => {
    const method = init.method ?? 'GET';
    calls.push({ method, url, body: typeof init.body === 'string' ? init.body : undefined, headers: (init.headers ?? {}) as Record<string, string> });
    const path = url.split('?')[0];
    const answer = routes[`${method} ${path}`];
    if (typeof answer === 'function') return (answer as Route)(url, init) ?? json(404, { title: 'Not Found', status: 404 });
    if (answer instanceof Response) return answer.clone();
    return answer === undefined ? json(404, { title: 'Not Found', status: 404 }) : json(200, answer);
  });
  vi.stubGlobal('fetch', fetch);
  return { fetch, calls };
};
