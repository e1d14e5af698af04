import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../db/connect.js';
import type { RunningServer } from './server.js';
import { api, startTestServer, tenantWithAdmin } from './test-server.js';

const deal = {
  kind: 'entity', name: 'deal', label: { en: 'Deal', 'zh-CN': '交易' }, titleField: 'title',
  fields: { title: { type: 'text', required: true }, amount: { type: 'currency' }, margin: { type: 'percent' } },
};
const seller = { kind: 'role', name: 'seller', label: { en: 'Seller', 'zh-CN': '销售' }, entities: { deal: { create: true, read: 'all', fields: { margin: 'hidden' } } } };

describe('saved list views', () => {
  let db: Db;
  let server: RunningServer;
  let admin: ReturnType<typeof api>;
  let seller1: ReturnType<typeof api>;
  let seller2: ReturnType<typeof api>;

  beforeAll(async () => {
    let url: string;
    ({ db, server, url } = await startTestServer());
    admin = api(url, (await tenantWithAdmin(db, url, 'views')).token);
    await admin('PUT', '/api/studio/entity/deal', deal);
    await admin('PUT', '/api/studio/role/seller', seller);
    await admin('POST', '/api/studio/publish', {});
    const login = async (email: string) => {
      await admin('POST', '/api/users', { email, password: 'Seller-Pass-2026', name: email, roles: ['seller'] });
      return api(url, (await api(url)('POST', '/api/auth/login', { tenant: 'views', email, password: 'Seller-Pass-2026' })).body.token);
    };
    seller1 = await login('one@views.test');
    seller2 = await login('two@views.test');
  });
  afterAll(async () => server?.close());

  it('keeps each user\'s views to themselves, checks them like a list, and versions changes', async () => {
    const big = { name: '大单', definition: { filter: { '>=': [{ var: 'amount' }, 100000] }, sort: '-amount', columns: ['title', 'amount'], pageSize: 20 } };
    const made = await seller1('POST', '/api/views/deal/saved', big);
    expect(made.status).toBe(201);
    expect(made.body).toMatchObject({ name: '大单', mine: true, shared: false, version: 1 });
    expect((await seller1('POST', '/api/views/deal/saved', big)).status).toBe(409);
    expect((await seller2('GET', '/api/views/deal/saved')).body.data).toEqual([]);
    const bad = await seller1('POST', '/api/views/deal/saved', { name: 'x', definition: { filter: { '>': [{ var: 'margin' }, 0.2] }, sort: 'colour', columns: ['title', 'margin'], pageSize: 9999, extra: 1 } });
    expect(bad.status).toBe(400);
    expect(bad.body.errors.map((e: { field: string }) => e.field.split('/').slice(0, 2).join('/'))).toEqual(
      expect.arrayContaining(['definition/filter', 'definition/sort', 'definition/columns', 'definition/pageSize', 'definition/extra']),
    );
    const renamed = await seller1('PATCH', `/api/views/deal/saved/${made.body.id}`, { name: '大单（≥10万）' }, { 'If-Match': '1' });
    expect(renamed.body).toMatchObject({ name: '大单（≥10万）', version: 2 });
    expect((await seller1('PATCH', `/api/views/deal/saved/${made.body.id}`, { name: 'stale' }, { 'If-Match': '1' })).status).toBe(409);
    expect((await seller2('PATCH', `/api/views/deal/saved/${made.body.id}`, { name: 'mine now' })).status).toBe(404);
    expect((await seller2('DELETE', `/api/views/deal/saved/${made.body.id}`)).status).toBe(404);
    expect((await seller1('DELETE', `/api/views/deal/saved/${made.body.id}`)).status).toBe(204);
    expect((await seller1('GET', '/api/views/deal/saved')).body.data).toEqual([]);
  });

  it('lets only admins share a view, which everyone then sees', async () => {
    expect((await seller1('POST', '/api/views/deal/saved', { name: 'for all', shared: true })).status).toBe(403);
    const shared = await admin('POST', '/api/views/deal/saved', { name: '本月', definition: { sort: 'title' }, shared: true });
    expect(shared.status).toBe(201);
    const seen = (await seller2('GET', '/api/views/deal/saved')).body.data;
    expect(seen.map((v: { name: string; mine: boolean }) => [v.name, v.mine])).toEqual([['本月', false]]);
    expect((await seller2('DELETE', `/api/views/deal/saved/${shared.body.id}`)).status).toBe(404);
    expect((await admin('GET', '/api/views/nothing/saved')).status).toBe(404);
  });
});
