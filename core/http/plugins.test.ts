import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../db/connect.js';
import type { RunningServer } from './server.js';
import { api, startTestServer, tenantWithAdmin } from './test-server.js';

/** The plugin routes over HTTP: list, install, record actions, plugin routes, uninstall and reinstall. */
describe('plugins over HTTP', () => {
  let db: Db;
  let server: RunningServer;
  let url: string;
  let admin: ReturnType<typeof api>;

  beforeAll(async () => {
    ({ db, server, url } = await startTestServer());
    admin = api(url, (await tenantWithAdmin(db, url, 'plug')).token);
  });
  afterAll(async () => server?.close());

  it('installs a plugin, runs its actions and routes, uninstalls keeping the data, reinstalls', async () => {
    const before = await admin('GET', '/api/plugins');
    expect(before.body.data.find((p: { name: string }) => p.name === 'customers')).toMatchObject({ status: 'available', installedVersion: null });
    expect((await admin('GET', '/api/records/customer')).status).toBe(404);
    expect((await admin('POST', '/api/plugins/customers/install', { withDemoData: 'yes' })).status).toBe(400);
    expect((await admin('POST', '/api/plugins/nothing/install', {})).status).toBe(404);
    const installed = await admin('POST', '/api/plugins/customers/install', {});
    expect(installed.status).toBe(200);
    expect(installed.body.changes).toEqual([expect.objectContaining({ plugin: 'customers', change: 'installed' })]);
    const listed = (await admin('GET', '/api/plugins')).body.data.find((p: { name: string }) => p.name === 'customers');
    expect(listed).toMatchObject({ status: 'installed', installedVersion: '1.0.0' });

    const customer = await admin('POST', '/api/records/customer', { name: '杭州西湖茶业有限公司', status: 'active' });
    expect(customer.status).toBe(201);
    const loss = await admin('POST', '/api/records/customer_loss', { customer: customer.body.id });
    expect(loss.status).toBe(201);
    const paused = await admin('POST', `/api/records/customer_loss/${loss.body.id}/actions/pause_churn`, { measures: '每月回访' });
    expect(paused.status).toBe(200);
    expect(paused.body).toMatchObject({ status: 'paused' });
    expect((await admin('POST', `/api/records/customer_loss/${loss.body.id}/actions/fly_away`, {})).status).toBe(404);
    const summary = await admin('GET', '/api/x/customers/summary');
    expect(summary.status).toBe(200);
    expect(summary.body.total).toBe(1);
    expect((await admin('GET', '/api/x/customers/nowhere')).status).toBe(404);

    expect((await admin('POST', '/api/plugins/customers/uninstall', {})).status).toBe(200);
    expect((await admin('GET', `/api/records/customer/${customer.body.id}`)).status).toBe(404);
    expect((await admin('GET', '/api/x/customers/summary')).status).toBe(404);
    expect((await admin('POST', '/api/plugins/customers/install', {})).status).toBe(200);
    expect((await admin('GET', `/api/records/customer/${customer.body.id}`)).body.name).toBe('杭州西湖茶业有限公司');
    const upToDate = await admin('POST', '/api/plugins/customers/upgrade', {});
    expect(upToDate.status).toBe(409);
    expect(upToDate.body.code).toBe('PLUGIN_UP_TO_DATE');
    expect((await admin('POST', '/api/plugins/customers/explode', {})).status).toBe(404);
  });

  it('keeps the plugin lifecycle and the user list to tenant admins', async () => {
    await admin('POST', '/api/users', { email: 'clerk@plug.test', password: 'Front-Desk-2026', name: 'Clerk' });
    const users = await admin('GET', '/api/users');
    expect(users.body.data.map((u: { email: string }) => u.email)).toEqual(['admin@plug.test', 'clerk@plug.test']);
    const clerk = api(url, (await api(url)('POST', '/api/auth/login', { tenant: 'plug', email: 'clerk@plug.test', password: 'Front-Desk-2026' })).body.token);
    expect((await clerk('GET', '/api/plugins')).status).toBe(200);
    expect((await clerk('POST', '/api/plugins/products/install', {})).status).toBe(403);
    expect((await clerk('GET', '/api/users')).status).toBe(403);
  });
});
