import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../db/connect.js';
import type { RunningServer } from './server.js';
import { api, serveApp, startTestServer, tenantWithAdmin } from './test-server.js';

describe('probes', () => {
  let db: Db;
  let server: RunningServer;
  let url: string;
  let token: string;

  beforeAll(async () => {
    ({ db, server, url } = await startTestServer());
    ({ token } = await tenantWithAdmin(db, url, 'probe_a'));
  });
  afterAll(async () => server?.close());

  it('keeps /api/health, and answers live and ready', async () => {
    expect(await api(url)('GET', '/api/health')).toMatchObject({ status: 200, body: { status: 'ok' } });
    expect(await api(url)('GET', '/api/health/live')).toMatchObject({ status: 200, body: { status: 'live' } });
    const ready = await api(url)('GET', '/api/health/ready');
    expect(ready).toMatchObject({ status: 200, body: { status: 'ready', checks: { database: 'ok', migrations: 'ok', workflows: 'not run here' } } });
    expect(ready.headers.get('cache-control')).toBe('no-store');
  });

  it('is not ready while starting, nor when its workflow worker stopped', async () => {
    const starting = await serveApp(db, { readiness: { started: false, draining: false } });
    const stopped = await serveApp(db, { readiness: { started: true, draining: false, workflowWorker: () => false } });
    try {
      expect(await api(starting.url)('GET', '/api/health/ready')).toMatchObject({ status: 503, body: { status: 'starting' } });
      expect((await api(starting.url)('GET', '/api/health/live')).status).toBe(200);
      expect(await api(stopped.url)('GET', '/api/health/ready')).toMatchObject({ status: 503, body: { status: 'unavailable', checks: { database: 'ok', workflows: 'stopped' } } });
    } finally {
      await starting.close();
      await stopped.close();
    }
  });

  it('answers unknown /api paths and probe-like paths with a 404 problem, never the app', async () => {
    const signedIn = api(url, token);
    for (const path of ['/api/nope', '/api/health/nope', '/api/records']) {
      const res = await signedIn('GET', path);
      expect(res.status, path).toBe(404);
      expect(res.headers.get('content-type'), path).toMatch(/^application\/problem\+json/);
      expect(res.body, path).toMatchObject({ status: 404, code: 'NOT_FOUND' });
    }
    const anonymous = await api(url)('GET', '/api/nope');
    expect(anonymous.status).toBe(401);
    expect(anonymous.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    for (const path of ['/healthz', '/livez', '/readyz', '/metrics', '/health', '/health/live', '/ready', '/status', '/ping']) {
      const res = await api(url)('GET', path);
      expect(res.status, path).toBe(404);
      expect(res.headers.get('content-type'), path).toMatch(/^application\/problem\+json/);
    }
    const app = await api(url)('GET', '/app/deal');
    expect(app.status).toBe(200);
    expect(app.headers.get('content-type')).toMatch(/^text\/html/);
  });
});

describe('a draining server', () => {
  it('answers 503 on ready (and 200 on live) from close() until it stops accepting', async () => {
    const { server, url } = await startTestServer();
    expect((await api(url)('GET', '/api/health/ready')).status).toBe(200);
    const closing = server.close({ drainMs: 3_000 });
    try {
      expect(await api(url)('GET', '/api/health/ready')).toMatchObject({ status: 503, body: { status: 'draining' } });
      expect((await api(url)('GET', '/api/health/live')).status).toBe(200);
    } finally {
      await closing;
    }
    await expect(fetch(`${url}/api/health/live`)).rejects.toThrow();
  });
});
