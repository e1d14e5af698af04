import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../db/connect.js';
import type { RunningServer } from './server.js';
import { api, serveApp, startTestServer, tenantWithAdmin } from './test-server.js';

/** The sum of a metric's samples whose labels include every given one. */
const sample = (text: string, name: string, labels: Record<string, string> = {}): number =>
  text
    .split('\n')
    .filter((line) => line.startsWith(`${name}{`) || line.startsWith(`${name} `))
    .filter((line) => Object.entries(labels).every(([k, v]) => line.includes(`${k}="${v}"`)))
    .reduce((sum, line) => sum + Number(line.slice(line.lastIndexOf(' ') + 1)), 0);

describe('GET /api/metrics', () => {
  let db: Db;
  let server: RunningServer;
  let url: string;
  let token: string;

  beforeAll(async () => {
    ({ db, server, url } = await startTestServer());
    ({ token } = await tenantWithAdmin(db, url, 'metrics_a'));
  });
  afterAll(async () => server?.close());

  const scrape = async (at = url, headers: Record<string, string> = {}) => {
    const res = await fetch(`${at}/api/metrics`, { headers });
    return { status: res.status, type: res.headers.get('content-type'), text: await res.text() };
  };

  it('counts requests by route pattern and status, never by raw path', async () => {
    const before = await scrape();
    expect(before.status).toBe(200);
    expect(before.type).toMatch(/^text\/plain; version=0\.0\.4/);
    const labels = { method: 'GET', route: '/api/records/:entity', status: '404' };
    const counted = sample(before.text, 'crm_http_requests_total', labels);
    const signedIn = api(url, token);
    for (const entity of ['nothing_here_1', 'nothing_here_2', 'nothing_here_3']) expect((await signedIn('GET', `/api/records/${entity}`)).status).toBe(404);
    const after = await scrape();
    expect(sample(after.text, 'crm_http_requests_total', labels)).toBe(counted + 3);
    expect(sample(after.text, 'crm_http_request_duration_seconds_count', labels)).toBe(counted + 3);
    expect(after.text).not.toContain('nothing_here');
    const unmatched = { method: 'GET', route: '(unmatched)', status: '404' };
    expect((await signedIn('GET', '/api/nothing_here_4')).status).toBe(404);
    const last = await scrape();
    expect(sample(last.text, 'crm_http_requests_total', unmatched)).toBe(sample(after.text, 'crm_http_requests_total', unmatched) + 1);
    expect(last.text).not.toContain('nothing_here');
  });

  it('shows the pool, the queues, sign-in failures and the process', async () => {
    const failures = sample((await scrape()).text, 'crm_sign_in_failures_total', { reason: 'credentials' });
    const wrong = await api(url)('POST', '/api/auth/login', { tenant: 'metrics_a', email: 'admin@metrics_a.test', password: 'not-the-password' });
    expect(wrong.status).toBe(401);
    const { text } = await scrape();
    expect(sample(text, 'crm_sign_in_failures_total', { reason: 'credentials' })).toBe(failures + 1);
    expect(sample(text, 'crm_db_pool_connections', { state: 'total' })).toBeGreaterThanOrEqual(1);
    if (db.backend === 'pglite') expect(sample(text, 'crm_db_pool_connections', { state: 'total' })).toBe(1);
    expect(text).toContain('# TYPE crm_workflow_queue_jobs gauge');
    expect(text).toContain('# TYPE crm_workflow_runs_failed_total counter');
    for (const state of ['stuck', 'retrying', 'dead']) expect(text).toMatch(new RegExp(`crm_workflow_runs\\{state="${state}"\\} \\d+`));
    expect(text).toContain('# TYPE crm_workflow_runs_lost_total counter');
    expect(text).toContain('# TYPE crm_sandbox_runs_total counter');
    expect(text).toContain('process_cpu_seconds_total');
  });

  it('without a token, answers loopback callers only, and a forwarded request is not one', async () => {
    const forwarded = await scrape(url, { 'X-Forwarded-For': '203.0.113.9' });
    expect(forwarded.status).toBe(404);
    expect(forwarded.type).toMatch(/^application\/problem\+json/);
    expect(JSON.parse(forwarded.text)).toMatchObject({ code: 'NOT_FOUND', detail: 'No route GET /api/metrics' });
  });

  it('with a token, answers only its bearer, and everyone else as if there were no such path', async () => {
    const guarded = await serveApp(db, { config: { metricsToken: 'scrape-secret-1' } });
    try {
      expect((await scrape(guarded.url)).status).toBe(404);
      expect((await scrape(guarded.url, { authorization: 'Bearer scrape-secret-2' })).status).toBe(404);
      expect((await scrape(guarded.url, { authorization: `Bearer ${token}` })).status).toBe(404);
      const ok = await scrape(guarded.url, { authorization: 'Bearer scrape-secret-1' });
      expect(ok.status).toBe(200);
      expect(ok.text).toContain('crm_http_requests_total');
    } finally {
      await guarded.close();
    }
  });
});
