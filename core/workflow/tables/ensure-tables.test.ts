import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../db/connect.js';
import { openTestDatabase } from '../../db/test-database.js';
import { createTenant, withTenant } from '../../db/tenant.js';
import { execScript } from '../../db/exec-script.js';
import { ensureWorkflowTables } from './ensure-tables.js';
import { WORKFLOW_TENANT_TABLES } from './tenant-tables.js';

describe('ensureWorkflowTables', () => {
  let db: Db;
  beforeAll(async () => {
    db = await openTestDatabase();
  });
  afterAll(async () => db?.close());

  it("adds the journal's measures column to a tenant whose tables predate it", async () => {
    const tenant = await createTenant(db.knex, { slug: 'older_tables' });
    // The tables as they were before `measures`: every table, the journal without the column.
    await withTenant(db.knex, tenant, async (trx) => {
      await execScript(trx, WORKFLOW_TENANT_TABLES.replace('measures jsonb,', '').replace('alter table _wf_steps add column if not exists measures jsonb;', ''));
    });
    const columns = () => withTenant(db.knex, tenant, async (trx) => (await trx.raw(`select attname from pg_attribute where attrelid = to_regclass('_wf_steps') and attnum > 0 and not attisdropped`)).rows.map((r: { attname: string }) => r.attname));
    expect(await columns()).not.toContain('measures');
    await ensureWorkflowTables(db.knex, tenant);
    expect(await columns()).toContain('measures');
  });
});
