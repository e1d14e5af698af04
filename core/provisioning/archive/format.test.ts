import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../db/connect.js';
import { openTestDatabase } from '../../db/test-database.js';
import { withTenant } from '../../db/tenant.js';
import { createTenant } from '../../tenants/tenant-store.js';
import { TENANT_TABLES, TENANT_TABLES_LEFT_OUT } from './format.js';

describe('tenant archive tables', () => {
  let db: Db;
  beforeAll(async () => {
    db = await openTestDatabase();
  });
  afterAll(async () => db?.close());

  it('names every table the tenant schema ladder makes as carried or left out, so a new rung decides', async () => {
    const tenant = await createTenant(db.knex, { slug: 'ladder_tables' });
    const tables = await withTenant(db.knex, tenant, async (trx) =>
      ((await trx.raw(`select relname from pg_class where relnamespace = (select oid from pg_namespace where nspname = current_schema()) and relkind = 'r' order by relname`)).rows as { relname: string }[]).map((r) => r.relname),
    );
    expect(tables.filter((t) => t.startsWith('_')).sort()).toEqual([...TENANT_TABLES, ...TENANT_TABLES_LEFT_OUT].sort());
  });
});
