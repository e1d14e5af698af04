import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../db/connect.js';
import { withTenant, type Tenant } from '../db/tenant.js';
import { IDEMPOTENCY_TTL_MS, sweepIdempotencyKeys } from '../idempotency/index.js';
import type { RunningServer } from './server.js';
import { api, startTestServer, tenantWithAdmin } from './test-server.js';

const label = (en: string) => ({ en, 'zh-CN': en });
const note = { kind: 'entity', name: 'memo', label: label('Memo'), titleField: 'title', fields: { title: { type: 'text', required: true }, tag: { type: 'text' } } };

describe('Idempotency-Key', () => {
  let db: Db;
  let server: RunningServer;
  let url: string;
  let tenant: Tenant;
  let admin: ReturnType<typeof api>;

  const count = async (tag: string): Promise<number> =>
    (await admin('GET', `/api/records/memo?filter=${encodeURIComponent(JSON.stringify({ '==': [{ var: 'tag' }, tag] }))}&total=true&limit=1`)).body.total;

  beforeAll(async () => {
    ({ db, server, url } = await startTestServer());
    const made = await tenantWithAdmin(db, url, 'idem');
    tenant = made.tenant;
    admin = api(url, made.token);
    expect((await admin('PUT', '/api/studio/entity/memo', note)).status).toBe(200);
    expect((await admin('POST', '/api/studio/publish', {})).status).toBe(200);
  });
  afterAll(async () => server?.close());

  it('makes one record from two identical POSTs with one key; the second is a replay', async () => {
    const body = { title: 'Once', tag: 'twice' };
    const first = await admin('POST', '/api/records/memo', body, { 'Idempotency-Key': 'create-1' });
    const second = await admin('POST', '/api/records/memo', body, { 'Idempotency-Key': 'create-1' });
    expect(first.status).toBe(201);
    expect(first.headers.get('idempotent-replayed')).toBeNull();
    expect(second.status).toBe(201);
    expect(second.headers.get('idempotent-replayed')).toBe('true');
    expect(second.headers.get('etag')).toBe('"1"');
    expect(second.body).toEqual(first.body);
    expect(await count('twice')).toBe(1);
    // Without a key, the same POST makes another record.
    expect((await admin('POST', '/api/records/memo', body)).status).toBe(201);
    expect(await count('twice')).toBe(2);
  });

  it('answers 422 to the same key with another body, and writes nothing', async () => {
    expect((await admin('POST', '/api/records/memo', { title: 'A', tag: 'other-body' }, { 'Idempotency-Key': 'create-2' })).status).toBe(201);
    const reused = await admin('POST', '/api/records/memo', { title: 'B', tag: 'other-body' }, { 'Idempotency-Key': 'create-2' });
    expect(reused.status).toBe(422);
    expect(reused.body.code).toBe('IDEMPOTENCY_KEY_REUSED');
    const otherPath = await admin('POST', '/api/records/memo/batch', { items: [{ op: 'create', data: { title: 'A', tag: 'other-body' } }] }, { 'Idempotency-Key': 'create-2' });
    expect(otherPath.status).toBe(422);
    expect(await count('other-body')).toBe(1);
  });

  it('makes one record from concurrent requests with one key', async () => {
    const body = { title: 'Race', tag: 'concurrent' };
    const answers = await Promise.all(Array.from({ length: 4 }, () => admin('POST', '/api/records/memo', body, { 'Idempotency-Key': 'race-1' })));
    expect(answers.every((r) => r.status === 201)).toBe(true);
    expect(new Set(answers.map((r) => r.body.id)).size).toBe(1);
    expect(answers.filter((r) => r.headers.get('idempotent-replayed') === 'true')).toHaveLength(3);
    expect(await count('concurrent')).toBe(1);
  });

  it('replays a batch, and a problem the client caused, as first answered', async () => {
    const batch = { allOrNone: true, items: [{ op: 'create', data: { title: 'In batch', tag: 'batch-key' } }, { op: 'create', data: { tag: 'batch-key' } }] };
    const first = await admin('POST', '/api/records/memo/batch', batch, { 'Idempotency-Key': 'batch-1' });
    const again = await admin('POST', '/api/records/memo/batch', batch, { 'Idempotency-Key': 'batch-1' });
    expect(first.status).toBe(422);
    expect(again.status).toBe(422);
    expect(again.headers.get('content-type')).toContain('application/problem+json');
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(again.body).toEqual(first.body);
    const good = { items: [{ op: 'create', data: { title: 'In batch', tag: 'batch-key' } }] };
    const made = await admin('POST', '/api/records/memo/batch', good, { 'Idempotency-Key': 'batch-2' });
    const replayed = await admin('POST', '/api/records/memo/batch', good, { 'Idempotency-Key': 'batch-2' });
    expect(replayed.body).toEqual(made.body);
    expect(await count('batch-key')).toBe(1);
  });

  it('refuses a malformed key and sweeps keys after 24 hours', async () => {
    expect((await admin('POST', '/api/records/memo', { title: 'x', tag: 'bad-key' }, { 'Idempotency-Key': 'é'.repeat(3) })).status).toBe(400);
    expect(await count('bad-key')).toBe(0);
    await admin('POST', '/api/records/memo', { title: 'Swept', tag: 'sweep' }, { 'Idempotency-Key': 'sweep-1' });
    const later = new Date(Date.now() + IDEMPOTENCY_TTL_MS + 60_000);
    const swept = await withTenant(db.knex, tenant, (trx) => sweepIdempotencyKeys(trx, later));
    expect(swept).toBeGreaterThanOrEqual(1);
    const afterSweep = await admin('POST', '/api/records/memo', { title: 'Swept', tag: 'sweep' }, { 'Idempotency-Key': 'sweep-1' });
    expect(afterSweep.headers.get('idempotent-replayed')).toBeNull();
    expect(await count('sweep')).toBe(2);
  });
});
