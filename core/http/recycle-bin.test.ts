import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../db/connect.js';
import type { RunningServer } from './server.js';
import { api, startTestServer, tenantWithAdmin } from './test-server.js';

const label = (en: string) => ({ en, 'zh-CN': en });
const deal = { kind: 'entity', name: 'deal', label: label('Deal'), titleField: 'title', fields: { title: { type: 'text', required: true } } };
const seller = { kind: 'role', name: 'seller', label: label('Seller'), entities: { deal: { create: true, read: 'own', update: 'own', delete: 'own' } } };
type Call = ReturnType<typeof api>;

/** The recycle bin (issue 23): deleted records listed for who may read them, restore, and purge by a tenant admin after the retention window. */
describe('recycle bin', () => {
  let db: Db;
  let server: RunningServer;
  let url: string;
  let admin: Call;
  let schema: string;
  const people: Record<string, Call> = {};

  beforeAll(async () => {
    ({ db, server, url } = await startTestServer());
    const made = await tenantWithAdmin(db, url, 'bin');
    schema = made.tenant.schema;
    admin = api(url, made.token);
    expect((await admin('PUT', '/api/studio/entity/deal', deal)).status).toBeLessThan(300);
    expect((await admin('PUT', '/api/studio/role/seller', seller)).status).toBeLessThan(300);
    expect((await admin('POST', '/api/studio/publish', {})).status).toBe(200);
    for (const login of ['sue', 'tom']) {
      await admin('POST', '/api/users', { email: `${login}@bin.test`, password: 'Bin-Pass-2026', name: login, roles: ['seller'] });
      people[login] = api(url, (await api(url)('POST', '/api/auth/login', { tenant: 'bin', email: `${login}@bin.test`, password: 'Bin-Pass-2026' })).body.token);
    }
  }, 240_000);
  afterAll(async () => server?.close());

  const bin = async (who: Call) => ((await who('GET', '/api/records/deal?deleted=only&limit=100')).body.data as { title: string }[]).map((d) => d.title);

  it('lists deleted records to those who may read them, restores, and purges only after the retention window', async () => {
    const d = (await people.sue('POST', '/api/records/deal', { title: 'Old deal' })).body;
    expect((await people.sue('DELETE', `/api/records/deal/${d.id}`)).status).toBe(204);
    expect(await bin(people.sue)).toEqual(['Old deal']);
    expect(await bin(people.tom)).toEqual([]);
    expect(await bin(admin)).toEqual(['Old deal']);

    expect((await people.sue('POST', `/api/records/deal/${d.id}/restore`)).status).toBe(200);
    expect(await bin(people.sue)).toEqual([]);
    expect((await admin('POST', `/api/records/deal/${d.id}/purge`)).body.code).toBe('NOT_DELETED');
    expect((await people.sue('DELETE', `/api/records/deal/${d.id}`)).status).toBe(204);

    expect((await people.sue('POST', `/api/records/deal/${d.id}/purge`)).status).toBe(403);
    const early = await admin('POST', `/api/records/deal/${d.id}/purge`);
    expect(early.status).toBe(409);
    expect(early.body.detail).toContain('30 days');

    await db.knex(`${schema}.deal`).where({ id: d.id }).update({ deleted_at: db.knex.raw("now() - interval '31 days'") });
    expect((await admin('POST', `/api/records/deal/${d.id}/purge`)).status).toBe(204);
    expect((await admin('GET', `/api/records/deal/${d.id}`)).status).toBe(404);
    expect(await bin(admin)).toEqual([]);
    const history = await db.knex(`${schema}._history`).where({ entity: 'deal', record_id: d.id }).orderBy('id').pluck('action');
    expect(history).toEqual(['create', 'delete', 'restore', 'delete', 'action:purge']);
    expect((await admin('POST', `/api/records/deal/${d.id}/purge`)).status).toBe(404);
  });
});
