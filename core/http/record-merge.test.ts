import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../db/connect.js';
import type { RunningServer } from './server.js';
import { api, startTestServer, tenantWithAdmin } from './test-server.js';

const label = (en: string) => ({ en, 'zh-CN': en });
const firm = {
  kind: 'entity', name: 'firm', label: label('Firm'), titleField: 'name',
  fields: { name: { type: 'text', required: true }, phone: { type: 'phone' }, city: { type: 'text' } },
  duplicateRules: [{ field: 'name', match: 'similar' }, { field: 'phone', match: 'phone' }],
};
const visit = { kind: 'entity', name: 'visit', label: label('Visit'), titleField: 'subject', fields: { subject: { type: 'text', required: true }, firm: { type: 'reference', entity: 'firm', required: true } } };
type Call = ReturnType<typeof api>;

/** The duplicate and merge routes: candidates, pairs, merge with versions, undo within the recycle-bin window, and their problems. */
describe('duplicates and merge over HTTP', () => {
  let db: Db;
  let server: RunningServer;
  let admin: Call;
  let schema: string;

  beforeAll(async () => {
    let url: string;
    ({ db, server, url } = await startTestServer());
    const made = await tenantWithAdmin(db, url, 'merge');
    schema = made.tenant.schema;
    admin = api(url, made.token);
    expect((await admin('PUT', '/api/studio/entity/firm', firm)).status).toBeLessThan(300);
    expect((await admin('PUT', '/api/studio/entity/visit', visit)).status).toBeLessThan(300);
    expect((await admin('POST', '/api/studio/publish', {})).status).toBe(200);
  }, 600_000);
  afterAll(async () => server?.close());

  it('finds candidates and pairs, merges with If-Match, and undoes only within the window', async () => {
    const a = (await admin('POST', '/api/records/firm', { name: 'Blue Harbour Shipping', phone: '0755 8888 1234', city: 'Shenzhen' })).body;
    const b = (await admin('POST', '/api/records/firm', { name: 'Blue Harbor Shipping', city: 'Hong Kong' })).body;
    const v = (await admin('POST', '/api/records/visit', { subject: 'Intro', firm: b.id })).body;

    const found = await admin('POST', '/api/records/firm/duplicates', { values: { phone: '+86 755 8888-1234' } });
    expect(found.status).toBe(200);
    expect(found.body.data.map((c: { record: { id: string } }) => c.record.id)).toEqual([a.id]);
    expect((await admin('POST', '/api/records/firm/duplicates', { values: 'nope' })).status).toBe(400);
    const pairs = await admin('GET', '/api/records/firm/duplicates/pairs?limit=5');
    expect(pairs.body).toMatchObject({ nextOffset: null, data: [{ a: { id: a.id }, b: { id: b.id }, matched: [{ field: 'name', match: 'similar' }] }] });

    const stale = await admin('POST', `/api/records/firm/${a.id}/merge`, { otherId: b.id }, { 'If-Match': String(Number(a.version) + 1) });
    expect(stale.status).toBe(409);
    const same = await admin('POST', `/api/records/firm/${a.id}/merge`, { otherId: a.id });
    expect([same.status, same.body.detail]).toEqual([422, 'A record cannot be merged with itself.']);
    expect((await admin('POST', `/api/records/firm/${a.id}/merge`, { otherId: b.id, extra: 1 })).status).toBe(400);

    const merged = await admin('POST', `/api/records/firm/${a.id}/merge`, { otherId: b.id, otherVersion: b.version, values: { city: 'Hong Kong' } }, { 'If-Match': String(a.version) });
    expect(merged.status).toBe(200);
    expect(merged.body).toMatchObject({ record: { id: a.id, city: 'Hong Kong' }, repointed: [{ entity: 'visit', field: 'firm', count: 1 }] });
    expect((await admin('GET', `/api/records/visit/${v.id}`)).body.firm).toBe(a.id);
    const history = (await admin('GET', `/api/records/firm/${b.id}/history`)).body.data as { action: string; changes: object }[];
    expect(history[0]).toMatchObject({ action: 'action:merged', changes: {} });

    await db.knex(`${schema}.firm`).where({ id: b.id }).update({ deleted_at: db.knex.raw("now() - interval '31 days'") });
    const late = await admin('POST', `/api/records/firm/${b.id}/unmerge`, {});
    expect([late.status, late.body.detail]).toEqual([409, 'A merge can be undone only within 30 days.']);
    await db.knex(`${schema}.firm`).where({ id: b.id }).update({ deleted_at: db.knex.raw('now()') });
    const undone = await admin('POST', `/api/records/firm/${b.id}/unmerge`, {});
    expect(undone.status).toBe(200);
    expect(undone.body).toMatchObject({ record: { id: b.id, deleted_at: null }, survivor: { id: a.id, city: 'Shenzhen' } });
    expect((await admin('GET', `/api/records/visit/${v.id}`)).body.firm).toBe(b.id);
    expect((await admin('POST', `/api/records/firm/${b.id}/unmerge`, {})).body.code).toBe('CONFLICT');
  });
});
