import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../db/connect.js';
import type { RunningServer } from './server.js';
import { api, startTestServer, tenantWithAdmin } from './test-server.js';

const label = (en: string) => ({ en, 'zh-CN': en });
const part = {
  kind: 'entity', name: 'part', label: label('Part'), titleField: 'name',
  fields: {
    name: { type: 'text', required: true },
    sku: { type: 'text', unique: true, label: label('SKU') },
    note: { type: 'text' },
    qty: { type: 'integer', min: 0 },
    code: { type: 'auto_number', prefix: 'P-', digits: 5 },
  },
};
const rep = { kind: 'role', name: 'rep', label: label('Rep'), entities: { part: { create: true, read: 'own', update: 'own', delete: 'none' } } };

describe('batch and upsert of records', () => {
  let db: Db;
  let server: RunningServer;
  let url: string;
  let admin: ReturnType<typeof api>;
  let asRep: ReturnType<typeof api>;

  const count = async (note: string): Promise<number> =>
    (await admin('GET', `/api/records/part?filter=${encodeURIComponent(JSON.stringify({ '==': [{ var: 'note' }, note] }))}&total=true&limit=1`)).body.total;
  const items = (note: string, n: number) => Array.from({ length: n }, (_, i) => ({ op: 'create', data: { name: `${note} ${i}`, note, qty: i === 137 ? -1 : i } }));

  beforeAll(async () => {
    ({ db, server, url } = await startTestServer());
    admin = api(url, (await tenantWithAdmin(db, url, 'batch')).token);
    expect((await admin('PUT', '/api/studio/entity/part', part)).status).toBe(200);
    expect((await admin('PUT', '/api/studio/role/rep', rep)).status).toBe(200);
    expect((await admin('POST', '/api/studio/publish', {})).status).toBe(200);
    expect((await admin('POST', '/api/users', { email: 'rep@batch.test', password: 'Front-Desk-2026', name: 'Rep', roles: ['rep'] })).status).toBe(201);
    asRep = api(url, (await api(url)('POST', '/api/auth/login', { tenant: 'batch', email: 'rep@batch.test', password: 'Front-Desk-2026' })).body.token);
  });
  afterAll(async () => server?.close());

  it('rolls a 200-item all-or-none batch back when one item fails, saying which and why', async () => {
    const res = await admin('POST', '/api/records/part/batch', { allOrNone: true, items: items('all-or-none', 200) });
    expect(res.status).toBe(422);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
    expect(res.body.code).toBe('BATCH_ROLLED_BACK');
    expect(res.body.results).toHaveLength(200);
    expect(res.body.results[137]).toMatchObject({ status: 400, problem: { code: 'INVALID_INPUT' } });
    expect(res.body.results[137].problem.errors.map((e: { field: string }) => e.field)).toContain('qty');
    const others = res.body.results.filter((_: unknown, i: number) => i !== 137);
    expect(others.every((r: { status: number; problem: { code: string }; id?: string }) => r.status === 424 && r.problem.code === 'NOT_APPLIED' && r.id === undefined)).toBe(true);
    expect(await count('all-or-none')).toBe(0);
  });

  it('keeps the good items of a 200-item batch that is not all-or-none', async () => {
    const res = await admin('POST', '/api/records/part/batch', { allOrNone: false, items: items('each', 200) });
    expect(res.status).toBe(200);
    expect(res.body.results.filter((r: { status: number }) => r.status === 201)).toHaveLength(199);
    expect(res.body.results[137]).toMatchObject({ status: 400, problem: { code: 'INVALID_INPUT' } });
    expect(res.body.results[0]).toMatchObject({ status: 201, version: 1 });
    expect(await count('each')).toBe(199);
  });

  it('refuses more than 200 items and a malformed envelope with 400, writing nothing', async () => {
    const many = await admin('POST', '/api/records/part/batch', { items: items('too-many', 201) });
    expect(many.status).toBe(400);
    expect(many.body.errors).toEqual([expect.objectContaining({ field: 'items', code: 'TOO_MANY_ITEMS' })]);
    expect((await admin('POST', '/api/records/part/batch', { allOrNone: 'yes', items: [] })).status).toBe(400);
    expect(await count('too-many')).toBe(0);
  });

  it('updates with version as If-Match (409 per stale item) and deletes', async () => {
    const made = await admin('POST', '/api/records/part/batch', { items: [{ op: 'create', data: { name: 'a', note: 'versions' } }, { op: 'create', data: { name: 'b', note: 'versions' } }] });
    const [a, b] = made.body.results;
    const res = await admin('POST', '/api/records/part/batch', {
      items: [
        { op: 'update', id: a.id, version: 1, data: { qty: 5 } },
        { op: 'update', id: b.id, version: 7, data: { qty: 5 } },
        { op: 'delete', id: b.id },
        { op: 'frobnicate', id: a.id },
      ],
    });
    expect(res.status).toBe(200);
    expect(res.body.results.map((r: { status: number }) => r.status)).toEqual([200, 409, 204, 400]);
    expect(res.body.results[0]).toMatchObject({ id: a.id, version: 2 });
    expect(res.body.results[1].problem).toMatchObject({ code: 'VERSION_CONFLICT', currentVersion: 1 });
    expect((await admin('GET', `/api/records/part/${b.id}`)).status).toBe(404);
  });

  it("checks a rep's rights and row scope item by item", async () => {
    const theirs = (await admin('POST', '/api/records/part', { name: 'admin owned', note: 'rights' })).body;
    const res = await asRep('POST', '/api/records/part/batch', {
      items: [
        { op: 'create', data: { name: 'mine', note: 'rights' } },
        { op: 'update', id: theirs.id, data: { qty: 1 } },
        { op: 'create', data: { name: 'assigned', note: 'rights', owner_id: theirs.owner_id } },
      ],
    });
    expect(res.status).toBe(200);
    expect(res.body.results.map((r: { status: number }) => r.status)).toEqual([201, 404, 403]);
    const mine = res.body.results[0].id;
    const del = await asRep('POST', '/api/records/part/batch', { items: [{ op: 'delete', id: mine }] });
    expect(del.body.results[0]).toMatchObject({ status: 403 });
    expect((await admin('GET', `/api/records/part/${theirs.id}`)).body.qty ?? null).toBeNull();
    expect(await count('rights')).toBe(2);
  });

  it('upserts by a unique field: creates, then updates, honouring If-Match', async () => {
    const created = await admin('PUT', '/api/records/part/by/sku/SKU-1', { name: 'Bolt', qty: 1 });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ sku: 'SKU-1', name: 'Bolt', version: 1 });
    const updated = await admin('PUT', '/api/records/part/by/sku/SKU-1', { qty: 2 });
    expect(updated.status).toBe(200);
    expect(updated.body).toMatchObject({ id: created.body.id, qty: 2, version: 2 });
    expect(updated.headers.get('etag')).toBe('"2"');
    expect((await admin('PUT', '/api/records/part/by/sku/SKU-1', { qty: 3 }, { 'If-Match': '1' })).status).toBe(409);
    expect((await admin('PUT', '/api/records/part/by/sku/SKU-1', { sku: 'OTHER' })).status).toBe(400);
    const byCode = await admin('PUT', `/api/records/part/by/code/${encodeURIComponent(String(created.body.code))}`, { qty: 4 });
    expect(byCode.status).toBe(200);
    expect(byCode.body).toMatchObject({ id: created.body.id, qty: 4 });
    expect((await admin('PUT', '/api/records/part/by/code/P-99999', { name: 'x' })).status).toBe(404);
  });

  it('upserts by id: a new uuid creates the record with that id, then updates it', async () => {
    const id = '01900000-0000-7000-8000-0000000000aa';
    const created = await admin('PUT', `/api/records/part/by/id/${id}`, { name: 'By id' });
    expect(created.status).toBe(201);
    expect(created.body.id).toBe(id);
    expect((await admin('PUT', `/api/records/part/by/id/${id}`, { name: 'By id, again' })).status).toBe(200);
    expect((await admin('PUT', '/api/records/part/by/id/not-a-uuid', { name: 'x' })).status).toBe(400);
  });

  it('refuses an upsert by a field that is not unique with 400', async () => {
    const res = await admin('PUT', '/api/records/part/by/note/x', { name: 'x' });
    expect(res.status).toBe(400);
    expect(res.body.errors).toEqual([expect.objectContaining({ field: 'note', code: 'NOT_A_KEY' })]);
    expect((await admin('PUT', '/api/records/part/by/nope/x', { name: 'x' })).status).toBe(400);
    expect(await count('x')).toBe(0);
  });

  it('describes batch, upsert and Idempotency-Key in the OpenAPI document', async () => {
    const doc = (await admin('GET', '/api/openapi.json')).body;
    expect(doc.paths['/api/records/part/batch'].post.parameters.map((p: { name: string }) => p.name)).toEqual(['Idempotency-Key']);
    expect(doc.paths['/api/records/part/by/{field}/{value}'].parameters[0].schema.enum).toEqual(['id', 'sku', 'code']);
    expect(doc.paths['/api/records/part'].post.parameters.map((p: { name: string }) => p.name)).toEqual(['Idempotency-Key']);
  });

  it('makes one record from concurrent upserts of one new value', async () => {
    const answers = await Promise.all(Array.from({ length: 6 }, (_, i) => admin('PUT', '/api/records/part/by/sku/RACE-1', { name: `racer ${i}`, note: 'race' })));
    expect(answers.map((r) => r.status).sort()).toEqual([200, 200, 200, 200, 200, 201]);
    expect(new Set(answers.map((r) => r.body.id)).size).toBe(1);
    expect(await count('race')).toBe(1);
  });
});
