import { parse } from 'csv-parse/sync';
import { v7 as uuidv7 } from 'uuid';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../db/connect.js';
import { openTestDatabase } from '../db/test-database.js';
import { withTenant } from '../db/tenant.js';
import type { MetadataDocument } from '../metadata/types.js';
import { createRecord } from '../records/index.js';
import { recordsTenant, rejection, testActor, type Run } from '../records/test-fixtures.js';
import type { Actor } from '../records/types.js';
import { exportCsv, type ExportQuery } from './export-csv.js';
import { importCsv } from './import-csv.js';
import { csvStream, readAll, transferMeta } from './test-fixtures.js';

/** A clerk sees every customer and sale but not the customer code or the sale price. */
const clerkRole = {
  kind: 'role',
  name: 'clerk',
  label: { en: 'Clerk', 'zh-CN': '文员' },
  entities: {
    customer: { create: true, read: 'all', update: 'all', delete: 'none', fields: { code: 'hidden' } },
    sale: { create: true, read: 'all', update: 'all', delete: 'none', fields: { price: 'hidden' } },
  },
};

describe('CSV import and export under the permission engine', () => {
  let db: Db;
  let clerk: Run;
  beforeAll(async () => {
    db = await openTestDatabase();
    const meta = transferMeta();
    meta.documents.role.clerk = clerkRole as unknown as MetadataDocument;
    const { tenant, run } = await recordsTenant(db, meta, testActor({ isAdmin: true }));
    await run(async (ctx) => {
      await createRecord('customer', { name: '上海华信', code: 'C-001', city: '上海' }, ctx);
      await createRecord('sale', { title: 'Priced', price: 99 }, ctx);
    });
    const actor: Actor = { id: uuidv7(), name: 'clerk', roles: ['clerk'], team: null, isAdmin: false };
    clerk = (fn) => withTenant(db.knex, tenant, (trx) => fn({ db: trx, meta, actor }));
  });
  afterAll(async () => db?.close());

  const exportRows = (entity: string, query: ExportQuery = {}) => clerk(async (ctx) => parse(await readAll(await exportCsv(entity, query, ctx)), { bom: true }) as string[][]);
  const importText = (entity: string, csv: string) => clerk((ctx) => importCsv(entity, csvStream(csv), {}, ctx));

  it('exports only what the actor sees; references fall back to a key the actor sees', async () => {
    const customers = await exportRows('customer');
    expect(customers[0]).not.toContain('code');
    expect(customers[0]).toContain('city');
    expect((await exportRows('sale', { fields: ['title', 'customer'] })).length).toBe(2);
    expect((await rejection(exportRows('customer', { fields: ['name', 'code'] }))).status).toBe(400);
    expect((await rejection(exportRows('sale', { fields: ['customer.code'] }))).status).toBe(400);
  });

  it('treats hidden fields as unknown columns on import, and resolves references by a visible key', async () => {
    const hidden = await rejection(importText('customer', 'name,code\nX,C-9\n'));
    expect(hidden.details.errors).toEqual([{ field: 'code', message: 'is not a field of customer', code: 'UNKNOWN_COLUMN' }]);
    const byCode = await rejection(importText('sale', 'title,customer.code\nY,C-001\n'));
    expect(byCode.details.errors![0]).toMatchObject({ field: 'customer.code', message: 'cannot identify a customer: use customer.id, customer.name' });
    expect(await importText('sale', 'title,customer\nBy name,上海华信\n')).toMatchObject({ created: 1, failed: 0, committed: true });
    expect(await exportRows('sale', { fields: ['title', 'customer'], sort: 'title' })).toEqual([['title', 'customer'], ['By name', '上海华信'], ['Priced', '']]);
  });
});
