import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { v7 as uuidv7 } from 'uuid';
import type { Db } from '../db/connect.js';
import { openTestDatabase } from '../db/test-database.js';
import { createTenant, findTenantById } from '../tenants/tenant-store.js';
import { saveTenantDocument } from './save-tenant-document.js';
import { listTenantDocuments } from './tenant-documents.js';
import { getVersion, listVersions, restoreVersion } from './tenant-versions.js';
import { loadPublishedTenantLayer, markPublished } from './published-layer.js';
import type { TenantMetaCtx } from './tenant-store.js';
import { label } from './test-fixtures.js';

const visit = (fields: Record<string, unknown>) => ({ kind: 'entity', name: 'visit', label: label('Visit', '拜访'), fields });

describe('tenant layer versions', () => {
  let db: Db;
  let ctx: TenantMetaCtx;
  let other: TenantMetaCtx;
  beforeAll(async () => {
    db = await openTestDatabase();
    ctx = { knex: db.knex, tenant: await createTenant(db.knex, { slug: 'meta_hist' }), actor: { id: uuidv7(), name: 'Ada' } };
    other = { knex: db.knex, tenant: await createTenant(db.knex, { slug: 'meta_other' }), actor: { id: 'system', name: 'System' } };
    await saveTenantDocument({ kind: 'entity', name: 'visit', doc: visit({ topic: { type: 'text' } }) }, ctx);
    await saveTenantDocument({ kind: 'entity', name: 'visit', doc: visit({ topic: { type: 'text' }, note: { type: 'long_text' } }) }, ctx);
  });
  afterAll(async () => db?.close());

  it('lists the history newest first with author, time, message and a diff summary', async () => {
    const history = await listVersions(ctx);
    expect(history.map((v) => v.version)).toEqual([2, 1]);
    expect(history[0]).toMatchObject({
      author: { id: ctx.actor.id, name: 'Ada' },
      message: 'Added field note to visit',
      publishedAt: null,
      summary: { added: 1, removed: 0, replaced: 0, documents: ['entity/visit'], items: [{ action: 'added', kind: 'entity', name: 'visit', field: 'note' }] },
    });
    expect(history[0].at).toMatch(/^\d{4}-\d\d-\d\dT.*Z$/);
    expect((await getVersion({ version: 2 }, ctx)).diff).toEqual([{ op: 'add', path: '/entity/visit/fields/note', value: { type: 'long_text' } }]);
  });

  it('publishes explicitly and loads the published layer', async () => {
    expect(await loadPublishedTenantLayer(ctx)).toEqual([]);
    await markPublished({ version: 1 }, ctx);
    expect(await loadPublishedTenantLayer(ctx)).toEqual([visit({ topic: { type: 'text' } })]);
    expect(await findTenantById(db.knex, ctx.tenant.id)).toMatchObject({ publishedVersion: 1, metaRevision: 1 });
    expect((await listVersions(ctx)).find((v) => v.version === 1)?.publishedAt).toMatch(/^\d{4}-/);
    expect((await markPublished({ version: 9 }, ctx).catch((e) => e)).status).toBe(404);
  });

  it('restores an earlier version as a new version', async () => {
    const { version } = await restoreVersion({ version: 1 }, ctx);
    expect(version).toBe(3);
    expect((await listTenantDocuments(ctx)).map((d) => d.doc)).toEqual([visit({ topic: { type: 'text' } })]);
    const restored = await getVersion({ version: 3 }, ctx);
    expect(restored).toMatchObject({ message: 'Restored version 1', snapshot: [visit({ topic: { type: 'text' } })] });
    expect(restored.diff).toEqual([{ op: 'remove', path: '/entity/visit/fields/note' }]);
    expect((await restoreVersion({ version: 42 }, ctx).catch((e) => e)).status).toBe(404);
  });

  it('keeps tenants apart and accepts an actor without a user id', async () => {
    expect(await listVersions(other)).toEqual([]);
    expect(await listTenantDocuments(other)).toEqual([]);
    await saveTenantDocument({ kind: 'dictionary', name: 'channel', doc: { items: [{ value: 'web', label: label('Web', '网站') }] } }, other);
    expect((await listVersions(other))[0]).toMatchObject({ version: 1, author: { id: null, name: 'System' } });
    expect((await listVersions(ctx)).map((v) => v.version)).toEqual([3, 2, 1]);
  });
});
