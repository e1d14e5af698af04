import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../db/connect.js';
import { purgeAllRecycleBins } from '../records/index.js';
import { databaseTenantEnv } from '../work/index.js';
import type { RunningServer } from './server.js';
import { api, startTestServer, tenantWithAdmin } from './test-server.js';

const label = (en: string) => ({ en, 'zh-CN': en });
const deal = { kind: 'entity', name: 'deal', label: label('Deal'), titleField: 'title', fields: { title: { type: 'text', required: true }, papers: { type: 'attachment', multiple: true } } };
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
  }, 600_000);
  afterAll(async () => server?.close());

  const bin = async (who: Call) => ((await who('GET', '/api/records/deal?deleted=only&limit=100')).body.data as { title: string }[]).map((d) => d.title);
  /** Uploads a small file for the deal's `papers` field as `who` (a token) and answers its descriptor. */
  const upload = async (token: string, name: string) => {
    const res = await fetch(`${url}/api/files?entity=deal&field=papers`, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'text/plain', 'x-file-name': name }, body: `bytes of ${name}` });
    expect(res.status).toBe(201);
    return (await res.json()) as { id: string };
  };
  const filesOf = (id: string) => db.knex(`${schema}._files`).where({ entity: 'deal', record_id: id }).count<{ count: string }[]>({ count: '*' }).then(([r]) => Number(r.count));
  type AuditRow = { action: string; actorId: string | null; target: string; at: string; details: Record<string, unknown> };
  const purges = async () => (await admin('GET', '/api/audit?action=recycle_bin.purge')).body.data as AuditRow[];

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
    expect(await purges()).toEqual([]);
    expect((await admin('POST', `/api/records/deal/${d.id}/purge`)).status).toBe(204);
    expect((await admin('GET', `/api/records/deal/${d.id}`)).status).toBe(404);
    expect(await bin(admin)).toEqual([]);
    const history = await db.knex(`${schema}._history`).where({ entity: 'deal', record_id: d.id }).orderBy('id').pluck('action');
    expect(history).toEqual(['create', 'delete', 'restore', 'delete', 'action:purge']);
    expect((await admin('POST', `/api/records/deal/${d.id}/purge`)).status).toBe(404);
  });

  it('takes the record\'s files (held and dropped ones) with it and writes who purged what, and when, to the audit log', async () => {
    const sueToken = (await api(url)('POST', '/api/auth/login', { tenant: 'bin', email: 'sue@bin.test', password: 'Bin-Pass-2026' })).body.token as string;
    const [kept, dropped, other] = [await upload(sueToken, 'kept.txt'), await upload(sueToken, 'dropped.txt'), await upload(sueToken, 'other.txt')];
    const d = (await people.sue('POST', '/api/records/deal', { title: 'Deal with papers', papers: [kept, dropped] })).body;
    const keep = (await people.sue('POST', '/api/records/deal', { title: 'Deal that stays', papers: [other] })).body;
    expect((await people.sue('PATCH', `/api/records/deal/${d.id}`, { papers: [kept] }, { 'if-match': String(d.version) })).status).toBe(200);
    expect(await filesOf(d.id)).toBe(2);
    expect((await people.sue('DELETE', `/api/records/deal/${d.id}`)).status).toBe(204);
    // In the bin the files stay, so a restore gets them back.
    expect(await filesOf(d.id)).toBe(2);
    await db.knex(`${schema}.deal`).where({ id: d.id }).update({ deleted_at: db.knex.raw("now() - interval '40 days'") });
    const before = Date.now();
    expect((await admin('POST', `/api/records/deal/${d.id}/purge`)).status).toBe(204);
    expect(await filesOf(d.id)).toBe(0);
    expect(await db.knex(`${schema}._files`).whereIn('id', [kept.id, dropped.id]).count<{ count: string }[]>({ count: '*' }).then(([r]) => Number(r.count))).toBe(0);
    expect((await fetch(`${url}/api/files/${kept.id}`, { headers: { authorization: `Bearer ${sueToken}` } })).status).toBe(404);
    // Another record's file is untouched.
    expect(await filesOf(keep.id)).toBe(1);

    const me = (await admin('GET', '/api/auth/me')).body.user as { id: string };
    const [entry] = (await purges()).filter((e) => e.target === `deal:${d.id}`);
    expect(entry).toMatchObject({ action: 'recycle_bin.purge', actorId: me.id, details: { entity: 'deal', recordId: d.id, files: 2, ip: expect.any(String), deletedAt: expect.any(String) } });
    expect(new Date(entry.at).getTime()).toBeGreaterThanOrEqual(before - 5_000);
    // A refused purge is not audited.
    const early = (await people.sue('POST', '/api/records/deal', { title: 'Too fresh' })).body;
    await people.sue('DELETE', `/api/records/deal/${early.id}`);
    expect((await admin('POST', `/api/records/deal/${early.id}/purge`)).status).toBe(409);
    expect((await purges()).filter((e) => e.target === `deal:${early.id}`)).toEqual([]);
  });

  it('purges on the schedule what stayed longer than the window, keeps the rest restorable, and audits the count per entity', async () => {
    const made = async (title: string) => (await people.sue('POST', '/api/records/deal', { title })).body as { id: string };
    const sueToken = (await api(url)('POST', '/api/auth/login', { tenant: 'bin', email: 'sue@bin.test', password: 'Bin-Pass-2026' })).body.token as string;
    const paper = await upload(sueToken, 'stale.txt');
    const [old, older, recent] = [await made('Stale deal'), await made('Staler deal'), await made('Fresh deal')];
    expect((await people.sue('PATCH', `/api/records/deal/${old.id}`, { papers: [paper] }, { 'if-match': '1' })).status).toBe(200);
    for (const d of [old, older, recent]) expect((await people.sue('DELETE', `/api/records/deal/${d.id}`)).status).toBe(204);
    await db.knex(`${schema}.deal`).whereIn('id', [old.id, older.id]).update({ deleted_at: db.knex.raw("now() - interval '31 days'") });

    const env = databaseTenantEnv(db.knex);
    expect(await purgeAllRecycleBins(db.knex, (t) => env.meta(t), new Date(), (e) => { throw e; }, { batchSize: 1 })).toBe(2);
    expect((await bin(admin)).sort()).toEqual(['Fresh deal', 'Too fresh']);
    expect((await admin('GET', `/api/records/deal/${old.id}`)).status).toBe(404);
    expect(await filesOf(old.id)).toBe(0);
    expect(await db.knex(`${schema}._history`).where({ entity: 'deal', record_id: older.id }).orderBy('id').pluck('action')).toEqual(['create', 'delete', 'action:purge']);

    const audit = ((await admin('GET', '/api/audit?action=recycle_bin.')).body.data as AuditRow[]).filter((e) => e.actorId === null);
    expect(audit).toEqual([expect.objectContaining({ action: 'recycle_bin.purge', actorId: null, target: 'entity:deal', details: expect.objectContaining({ entity: 'deal', count: 2, files: 1, retentionDays: 30 }) })]);

    expect(await purgeAllRecycleBins(db.knex, (t) => env.meta(t))).toBe(0);
    expect((await people.sue('POST', `/api/records/deal/${recent.id}/restore`)).status).toBe(200);
    expect((await people.sue('GET', `/api/records/deal/${recent.id}`)).body.title).toBe('Fresh deal');
  });
});
