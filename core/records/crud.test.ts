import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../db/connect.js';
import { openTestDatabase } from '../db/test-database.js';
import { createRecord, deleteRecord, getRecord, listRecords, recordHistory, restoreRecord, updateRecord } from './index.js';
import { recordsTenant, rejection, uploadedFile } from './test-fixtures.js';

describe('record CRUD', () => {
  let db: Db;
  beforeAll(async () => {
    db = await openTestDatabase();
  });
  afterAll(async () => db?.close());

  const full = {
    name: 'Acme',
    notes: 'long\ntext',
    email: 'info@acme.test',
    phone: '+86 1234567',
    website: 'https://acme.test/x',
    grade: 'gold',
    tags: ['vip', 'new'],
    score: 42,
    credit: 1234.5,
    rate: 0.125,
    ratio: 3.1415,
    since: '2020-02-29',
    seen_at: '2024-05-01T10:00:00.123Z',
    data: { a: [1, 2], b: { c: 'x' } },
    rep: '0190a6c8-0000-7000-8000-000000000001',
  };

  it('creates and reads back every field type, with system columns, defaults, auto-number and formulas', async () => {
    const { run, actor } = await recordsTenant(db);
    const file = await run((ctx) => uploadedFile(ctx, { entity: 'account', field: 'files' }, 'a.pdf'));
    const created = await run((ctx) => createRecord('account', { ...full, files: [file] }, ctx));
    expect(created).toMatchObject({ ...full, files: [file], active: true, code: 'A-0001', version: 1, owner_id: actor.id, created_by: actor.id, updated_by: actor.id, deleted_at: null });
    expect(created.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7/);
    expect(created.created_at).toMatch(/^\d{4}-\d\d-\d\dT/);
    expect(created).toMatchObject({ label: 'Acme ()', double_score: 84, won_total: 0, deal_count: 0, avg_amount: null, tag_ids: [], parent: null });
    const read = await run((ctx) => getRecord('account', String(created.id), ctx));
    expect(read).toEqual(created);
  });

  it('updates with version += 1 and history of the changed fields only; If-Match stale → 409 and nothing changes', async () => {
    const { run } = await recordsTenant(db);
    const a = await run((ctx) => createRecord('account', { name: 'Beta', score: 1, region: 'north' }, ctx));
    const id = String(a.id);
    const b = await run((ctx) => updateRecord('account', id, { score: 2, region: 'north', tags: ['new'] }, ctx, { ifMatch: 1 }));
    expect(b).toMatchObject({ version: 2, score: 2, tags: ['new'], label: 'Beta (north)' });

    const stale = await rejection(run((ctx) => updateRecord('account', id, { score: 3 }, ctx, { ifMatch: 1 })));
    expect(stale).toMatchObject({ status: 409, code: 'VERSION_CONFLICT', details: { currentVersion: 2 } });
    expect(await run((ctx) => getRecord('account', id, ctx))).toMatchObject({ score: 2, version: 2 });

    const history = await run((ctx) => recordHistory('account', id, ctx));
    expect(history.data.map((h) => h.action)).toEqual(['update', 'create']);
    expect(history.data[0].changes).toEqual({ score: [1, 2], tags: [null, ['new']] });
    expect(history.data[1].changes).toMatchObject({ name: [null, 'Beta'], score: [null, 1], code: [null, 'A-0001'], active: [null, true] });
    const paged = await run((ctx) => recordHistory('account', id, ctx, { limit: 1 }));
    expect(paged.data).toHaveLength(1);
    const rest = await run((ctx) => recordHistory('account', id, ctx, { limit: 1, cursor: paged.nextCursor! }));
    expect(rest).toMatchObject({ data: [{ action: 'create' }], nextCursor: null });
  });

  it('writes history in the same transaction: a failing update leaves no history row', async () => {
    const { run } = await recordsTenant(db);
    const a = await run((ctx) => createRecord('account', { name: 'Gamma', email: 'g@x.test' }, ctx));
    await run((ctx) => createRecord('account', { name: 'Delta', email: 'd@x.test' }, ctx));
    const err = await rejection(run((ctx) => updateRecord('account', String(a.id), { email: 'd@x.test' }, ctx)));
    expect(err.status).toBe(409);
    const history = await run((ctx) => recordHistory('account', String(a.id), ctx));
    expect(history.data.map((h) => h.action)).toEqual(['create']);
    // inside one transaction: the error rolls back the write only, and the transaction goes on
    const after = await run(async (ctx) => {
      await rejection(updateRecord('account', String(a.id), { email: 'd@x.test' }, ctx));
      return updateRecord('account', String(a.id), { notes: 'still usable' }, ctx);
    });
    expect(after).toMatchObject({ email: 'g@x.test', notes: 'still usable', version: 2 });
  });

  it('soft delete hides from get and list; restore brings back; history records both', async () => {
    const { run } = await recordsTenant(db);
    const a = await run((ctx) => createRecord('account', { name: 'Omega' }, ctx));
    const id = String(a.id);
    expect((await rejection(run((ctx) => deleteRecord('account', id, ctx, { ifMatch: 7 })))).code).toBe('VERSION_CONFLICT');
    await run((ctx) => deleteRecord('account', id, ctx, { ifMatch: 1 }));
    expect((await rejection(run((ctx) => getRecord('account', id, ctx)))).status).toBe(404);
    expect((await rejection(run((ctx) => deleteRecord('account', id, ctx)))).status).toBe(404);
    expect((await rejection(run((ctx) => updateRecord('account', id, { score: 1 }, ctx)))).status).toBe(404);
    expect((await run((ctx) => listRecords('account', {}, ctx))).data).toEqual([]);
    const bin = await run((ctx) => listRecords('account', { onlyDeleted: true }, ctx));
    expect(bin.data.map((r) => r.id)).toEqual([id]);
    expect(bin.data[0].deleted_at).toBeTruthy();
    expect((await run((ctx) => getRecord('account', id, ctx, { includeDeleted: true }))).id).toBe(id);

    const back = await run((ctx) => restoreRecord('account', id, ctx));
    expect(back).toMatchObject({ id, deleted_at: null, version: 3 });
    expect((await run((ctx) => listRecords('account', {}, ctx))).data.map((r) => r.id)).toEqual([id]);
    expect((await rejection(run((ctx) => restoreRecord('account', id, ctx)))).code).toBe('NOT_DELETED');
    const history = await run((ctx) => recordHistory('account', id, ctx));
    expect(history.data.map((h) => [h.action, h.changes])).toEqual([['restore', {}], ['delete', {}], ['create', expect.any(Object)]]);
  });

  it('restoring a record whose unique value was taken meanwhile → 409 naming the field', async () => {
    const { run } = await recordsTenant(db);
    const a = await run((ctx) => createRecord('account', { name: 'One', email: 'same@x.test' }, ctx));
    await run((ctx) => deleteRecord('account', String(a.id), ctx));
    await run((ctx) => createRecord('account', { name: 'Two', email: 'same@x.test' }, ctx));
    const err = await rejection(run((ctx) => restoreRecord('account', String(a.id), ctx)));
    expect(err).toMatchObject({ status: 409, code: 'UNIQUE_VIOLATION', details: { errors: [{ field: 'email' }] } });
  });

  it('returns many-to-many links as target ids, without deleted links or targets', async () => {
    const { run } = await recordsTenant(db);
    const ids = await run(async (ctx) => {
      const acc = await createRecord('account', { name: 'Linked' }, ctx);
      const [t1, t2, t3] = [await createRecord('tag', { name: 'red' }, ctx), await createRecord('tag', { name: 'blue' }, ctx), await createRecord('tag', { name: 'green' }, ctx)];
      await createRecord('account_tag', { account: acc.id, tag: t1.id, weight: 5 }, ctx);
      await createRecord('account_tag', { account: acc.id, tag: t2.id }, ctx);
      const link3 = await createRecord('account_tag', { account: acc.id, tag: t3.id }, ctx);
      await deleteRecord('account_tag', String(link3.id), ctx);
      await deleteRecord('tag', String(t2.id), ctx);
      return { acc: String(acc.id), t1: t1.id };
    });
    expect((await run((ctx) => getRecord('account', ids.acc, ctx))).tag_ids).toEqual([ids.t1]);
    const err = await rejection(run((ctx) => updateRecord('account', ids.acc, { tag_ids: [] }, ctx)));
    expect(err).toMatchObject({ status: 400, details: { errors: [{ field: 'tag_ids', code: 'READ_ONLY' }] } });
    const filtered = await run((ctx) => listRecords('account', { filter: { in: [ids.t1, { var: 'tag_ids' }] } }, ctx));
    expect(filtered.data.map((r) => r.id)).toEqual([ids.acc]);
  });

  it('unknown entity → 404; malformed or missing ids → 404', async () => {
    const { run } = await recordsTenant(db);
    expect((await rejection(run((ctx) => createRecord('nothing', {}, ctx)))).status).toBe(404);
    expect((await rejection(run((ctx) => listRecords('__proto__', {}, ctx)))).status).toBe(404);
    expect((await rejection(run((ctx) => getRecord('account', "1' or 1=1", ctx)))).status).toBe(404);
    expect((await rejection(run((ctx) => getRecord('account', '0190a6c8-0000-7000-8000-000000000009', ctx)))).status).toBe(404);
    expect((await rejection(run((ctx) => recordHistory('account', '0190a6c8-0000-7000-8000-000000000009', ctx)))).status).toBe(404);
  });

  it('runs hooks inside the transaction; a before hook may change the data or refuse', async () => {
    const { run, meta, actor } = await recordsTenant(db);
    const seen: string[] = [];
    const hooks = {
      before: (e: { action: string; data: Record<string, unknown> }) => {
        seen.push(`before ${e.action}`);
        if (e.action === 'create') e.data.region = 'hooked';
      },
      after: (e: { action: string }) => void seen.push(`after ${e.action}`),
    };
    const a = await run((ctx) => createRecord('account', { name: 'Hooked' }, { ...ctx, meta, actor, hooks }));
    expect(a.region).toBe('hooked');
    expect(seen).toEqual(['before create', 'after create']);
  });
});
