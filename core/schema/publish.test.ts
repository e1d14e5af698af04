import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../db/connect.js';
import { openTestDatabase } from '../db/test-database.js';
import { withTenant } from '../db/tenant.js';
import { createTenant } from '../tenants/tenant-store.js';
import { saveTenantDocument } from '../metadata/save-tenant-document.js';
import { currentRevision, loadEffectiveMeta } from '../metadata/tenant-meta.js';
import { planPublish, publishTenant } from './publish.js';

const actor = { id: '00000000-0000-7000-8000-000000000001', name: 'Admin' };
const deal = (fields: Record<string, unknown>) => ({
  kind: 'entity',
  name: 'deal',
  label: { en: 'Deal', 'zh-CN': '交易' },
  titleField: 'title',
  fields: { title: { id: 'f-title', type: 'text', required: true }, ...fields },
});

describe('publish', () => {
  let db: Db;
  beforeAll(async () => {
    db = await openTestDatabase();
  });
  afterAll(async () => db?.close());

  it('plans, publishes, and makes the entity live with the system layer', async () => {
    const tenant = await createTenant(db.knex, { slug: 'pub_a' });
    const ctx = { knex: db.knex, tenant, actor };
    await saveTenantDocument({ kind: 'entity', name: 'deal', doc: deal({ amount: { id: 'f-amount', type: 'currency' } }) }, ctx);
    const plan = await planPublish(db.knex, tenant);
    expect(plan.destructive).toBe(false);
    expect(plan.steps.map((s) => s.entity)).toEqual(expect.arrayContaining(['deal', 'team']));
    const published = await publishTenant(db.knex, tenant, actor);
    expect(published.version).toBe(1);
    const meta = await loadEffectiveMeta(db.knex, await currentRevision(db.knex, tenant));
    expect(Object.keys(meta.entities).sort()).toEqual(['deal', 'team']);
    await withTenant(db.knex, tenant, (trx) => trx('deal').insert({ id: '01930000-0000-7000-8000-0000000000aa', title: 'x', amount: 5 }));
    expect((await planPublish(db.knex, tenant)).steps).toEqual([]);
  });

  it('refuses a destructive publish without confirmation and changes nothing', async () => {
    const tenant = await createTenant(db.knex, { slug: 'pub_b' });
    const ctx = { knex: db.knex, tenant, actor };
    await saveTenantDocument({ kind: 'entity', name: 'deal', doc: deal({ code: { id: 'f-code', type: 'text' } }) }, ctx);
    await publishTenant(db.knex, tenant, actor);
    await withTenant(db.knex, tenant, (trx) =>
      trx('deal').insert({ id: '01930000-0000-7000-8000-0000000000ab', title: 'x', code: 'not a number' }),
    );
    await saveTenantDocument({ kind: 'entity', name: 'deal', doc: deal({ code: { id: 'f-code', type: 'integer' } }) }, ctx);
    const plan = await planPublish(db.knex, tenant);
    expect(plan.destructive).toBe(true);
    await expect(publishTenant(db.knex, tenant, actor)).rejects.toMatchObject({ status: 409, code: 'DESTRUCTIVE_NOT_CONFIRMED' });
    const fresh = await currentRevision(db.knex, tenant);
    expect(fresh.publishedVersion).toBe(1);
    const rows = await withTenant(db.knex, tenant, (trx) => trx('deal').select('code'));
    expect(rows).toEqual([{ code: 'not a number' }]);
  });

  it('refuses a draft with problems, naming them', async () => {
    const tenant = await createTenant(db.knex, { slug: 'pub_c' });
    const ctx = { knex: db.knex, tenant, actor };
    await expect(
      saveTenantDocument({ kind: 'entity', name: 'deal', doc: deal({ owner: { type: 'reference', entity: 'nowhere' } }) }, ctx),
    ).rejects.toMatchObject({ status: 400 });
    expect((await planPublish(db.knex, tenant)).steps.every((s) => s.entity === 'team')).toBe(true);
  });
});
