import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../db/connect.js';
import type { RunningServer } from './server.js';
import { api, startTestServer, tenantWithAdmin } from './test-server.js';

const deal = {
  kind: 'entity',
  name: 'deal',
  label: { en: 'Deal', 'zh-CN': '交易' },
  titleField: 'title',
  fields: {
    title: { type: 'text', required: true, label: { en: 'Title', 'zh-CN': '标题' } },
    amount: { type: 'currency' },
  },
};

const USER_PASSWORD = 'Plain-user-2026';

/**
 * A record request reuses its token's resolution and re-checks it in the first statement
 * of its tenant transaction. Changes made straight in crm_system stand for another API
 * process: the next request must see them.
 */
describe('remembered authentication on the record routes', () => {
  let db: Db;
  let server: RunningServer;
  let url: string;
  let admin: ReturnType<typeof api>;
  let tenantId: string;
  const statements: string[] = [];

  beforeAll(async () => {
    ({ db, server, url } = await startTestServer());
    const t = await tenantWithAdmin(db, url, 'remember_a');
    tenantId = t.tenant.id;
    admin = api(url, t.token);
    expect((await admin('PUT', '/api/studio/entity/deal', deal)).status).toBe(200);
    expect((await admin('POST', '/api/studio/publish', {})).status).toBe(200);
    db.knex.on('query', (q: { sql: string }) => statements.push(q.sql));
  });
  afterAll(async () => server?.close());

  const signIn = async (email: string): Promise<ReturnType<typeof api>> => {
    const res = await api(url)('POST', '/api/auth/login', { tenant: 'remember_a', email, password: USER_PASSWORD });
    expect(res.status).toBe(200);
    return api(url, res.body.token);
  };

  const addUser = async (email: string, extra: Record<string, unknown> = {}): Promise<string> => {
    const res = await admin('POST', '/api/users', { email, password: USER_PASSWORD, name: email.split('@')[0], ...extra });
    expect(res.status).toBe(201);
    return res.body.id;
  };

  it('checks a remembered session inside the tenant transaction, with no look-up of its own', async () => {
    const created = await admin('POST', '/api/records/deal', { title: 'Acme', amount: 10 });
    expect(created.status).toBe(201);
    const sent: string[] = [];
    const query = pg.Client.prototype.query;
    pg.Client.prototype.query = function (this: pg.Client, ...args: unknown[]) {
      const config = args[0] as string | { text: string };
      sent.push(typeof config === 'string' ? config : config.text);
      return (query as (...a: unknown[]) => unknown).apply(this, args);
    } as typeof query;
    statements.length = 0;
    const got = await admin('GET', `/api/records/deal/${created.body.id}`).finally(() => (pg.Client.prototype.query = query));
    expect(got.status).toBe(200);
    expect(got.body).toMatchObject({ title: 'Acme', amount: 10 });
    // No statement of its own reads the session: the check is part of entering the tenant.
    expect(statements.filter((s) => s.includes('crm_system') && !s.includes('set_config'))).toEqual([]);
    if (db.backend === 'postgres') {
      // One round trip: BEGIN, the check, the read and COMMIT in one message.
      expect(sent).toHaveLength(1);
      expect(sent[0]).toMatch(/^BEGIN; select set_config\('role'.*crm_system\.sessions.*; select .* from "deal" .*; COMMIT$/s);
    }
  });

  it('refuses a session ended elsewhere on the next request, and clears it for good', async () => {
    await addUser('ended@remember_a.test', { isAdmin: true });
    const user = await signIn('ended@remember_a.test');
    expect((await user('GET', '/api/records/deal')).status).toBe(200);
    expect((await user('GET', '/api/records/deal')).status).toBe(200);
    const user_ = await db.knex('crm_system.users').where({ tenant_id: tenantId, email: 'ended@remember_a.test' }).first('id');
    await db.knex('crm_system.sessions').where({ user_id: user_.id }).delete();
    for (const [method, path, body] of [
      ['GET', '/api/records/deal'],
      ['POST', '/api/records/deal', { title: 'not written' }],
      ['GET', '/api/records/deal/00000000-0000-7000-8000-000000000000'],
    ] as const) {
      const res = await user(method, path, body);
      expect(res.status).toBe(401);
      expect(res.headers.get('content-type')).toContain('application/problem+json');
    }
    expect(await db.knex.raw(`select count(*)::int as n from t_remember_a.deal where title = 'not written'`).then((r) => r.rows[0].n)).toBe(0);
  });

  it('stops an API key revoked elsewhere, and a user deactivated elsewhere, on the next request', async () => {
    const made = await admin('POST', '/api/api-keys', { name: 'robot' });
    expect(made.status).toBe(201);
    const robot = api(url, made.body.key);
    expect((await robot('GET', '/api/records/deal')).status).toBe(200);
    expect((await robot('GET', '/api/records/deal')).status).toBe(200);
    await db.knex('crm_system.api_keys').where({ id: made.body.id }).update({ revoked_at: db.knex.fn.now() });
    expect((await robot('GET', '/api/records/deal')).status).toBe(401);

    const id = await addUser('leaver@remember_a.test', { isAdmin: true });
    const leaver = await signIn('leaver@remember_a.test');
    expect((await leaver('GET', '/api/records/deal')).status).toBe(200);
    await db.knex('crm_system.users').where({ id }).update({ active: false });
    expect((await leaver('GET', '/api/records/deal')).status).toBe(401);
  });

  it('answers with rights changed elsewhere on the next request', async () => {
    const id = await addUser('boss@remember_a.test', { isAdmin: true });
    const boss = await signIn('boss@remember_a.test');
    expect((await boss('POST', '/api/records/deal', { title: 'by the boss' })).status).toBe(201);
    await db.knex('crm_system.users').where({ id }).update({ is_admin: false, roles: db.knex.raw("'{}'") });
    const refused = await boss('POST', '/api/records/deal', { title: 'no longer' });
    expect(refused.status).toBe(403);
    const list = await boss('GET', '/api/records/deal');
    expect(list.status).toBe(403);
  });

  it('uses metadata published by another process on the next request', async () => {
    const withStage = { ...deal, fields: { ...deal.fields, stage: { type: 'text' } } };
    expect((await admin('PUT', '/api/studio/entity/deal', withStage)).status).toBe(200);
    expect((await admin('POST', '/api/studio/publish', {})).status).toBe(200);
    const created = await admin('POST', '/api/records/deal', { title: 'staged', stage: 'new' });
    expect(created.status).toBe(201);
    expect(created.body.stage).toBe('new');
  });
});
