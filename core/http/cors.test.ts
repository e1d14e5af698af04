import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../db/connect.js';
import { parseCorsOrigins } from './middleware/cors.js';
import type { RunningServer } from './server.js';
import { serveApp, startTestServer, tenantWithAdmin } from './test-server.js';

const ALLOWED = 'https://a.example';

describe('CORS', () => {
  let db: Db;
  let server: RunningServer;
  let url: string;
  let token: string;
  let cors: Awaited<ReturnType<typeof serveApp>>;

  beforeAll(async () => {
    ({ db, server, url } = await startTestServer());
    ({ token } = await tenantWithAdmin(db, url, 'cors_a'));
    cors = await serveApp(db, { config: { corsOrigins: parseCorsOrigins(`${ALLOWED}, https://b.example:8443`) } });
  });
  afterAll(async () => {
    await cors?.close();
    await server?.close();
  });

  const preflight = (at: string, origin: string) =>
    fetch(`${at}/api/records/deal`, {
      method: 'OPTIONS',
      headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'authorization,content-type' },
    });

  it('answers a preflight from a listed origin before authentication, credentials allowed', async () => {
    const res = await preflight(cors.url, ALLOWED);
    expect(res.status).toBe(204);
    expect(res.headers.get('access-control-allow-origin')).toBe(ALLOWED);
    expect(res.headers.get('access-control-allow-credentials')).toBe('true');
    expect(res.headers.get('access-control-allow-methods')).toContain('POST');
    expect(res.headers.get('access-control-allow-headers')).toMatch(/Authorization/);
    expect(res.headers.get('vary')).toMatch(/Origin/);
  });

  it('gives another origin, or any origin when none are listed, no CORS headers', async () => {
    for (const res of [await preflight(cors.url, 'https://evil.example'), await preflight(url, ALLOWED)]) {
      expect(res.headers.get('access-control-allow-origin')).toBeNull();
      expect(res.headers.get('access-control-allow-credentials')).toBeNull();
    }
  });

  it('marks responses to a listed origin, errors too, and a bearer token works across origins', async () => {
    const ok = await fetch(`${cors.url}/api/auth/me`, { headers: { origin: ALLOWED, authorization: `Bearer ${token}` } });
    expect(ok.status).toBe(200);
    expect(ok.headers.get('access-control-allow-origin')).toBe(ALLOWED);
    expect(ok.headers.get('access-control-expose-headers')).toMatch(/X-Request-Id/);
    const denied = await fetch(`${cors.url}/api/records/deal`, { headers: { origin: ALLOWED } });
    expect(denied.status).toBe(401);
    expect(denied.headers.get('access-control-allow-origin')).toBe(ALLOWED);
  });

  it('keeps cookie writes same-origin for listed origins too', async () => {
    const login = await fetch(`${cors.url}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ tenant: 'cors_a', email: 'admin@cors_a.test', password: 'Correct-Horse-42' }),
    });
    const cookie = login.headers.get('set-cookie')!.split(';')[0]!;
    const { csrfToken } = (await login.json()) as { csrfToken: string };
    const res = await fetch(`${cors.url}/api/studio/publish`, {
      method: 'POST',
      headers: { origin: ALLOWED, cookie, 'x-csrf-token': csrfToken, 'content-type': 'application/json' },
      body: '{}',
    });
    expect(res.status).toBe(403);
    expect(((await res.json()) as { code: string }).code).toBe('CROSS_SITE');
  });

  it('refuses a setting that is not a list of origins', () => {
    expect(parseCorsOrigins(undefined)).toEqual([]);
    expect(parseCorsOrigins(' https://a.example/ ,http://localhost:5173')).toEqual(['https://a.example', 'http://localhost:5173']);
    for (const bad of ['*', 'a.example', 'https://a.example/app', 'ftp//x']) expect(() => parseCorsOrigins(bad), bad).toThrow(/CRM_CORS_ORIGINS/);
  });
});
