import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../connect.js';
import { withTenant } from '../tenant.js';
import { openTestDatabase } from '../test-database.js';
import { createTenant } from '../../tenants/tenant-store.js';
import { climbTenantSchema } from './ladder.js';

describe('tenant schema rung 8', () => {
  let db: Db;
  beforeAll(async () => {
    db = await openTestDatabase();
  });
  afterAll(async () => db?.close());

  it("adds the journal's measures column to a tenant whose workflow tables predate it, keeping its rows", async () => {
    const tenant = await createTenant(db.knex, { slug: 'older_tables' });
    const columns = () => withTenant(db.knex, tenant, async (trx) => (await trx.raw(`select attname from pg_attribute where attrelid = to_regclass('_wf_steps') and attnum > 0 and not attisdropped`)).rows.map((r: { attname: string }) => r.attname));
    // The journal as rung 5 made it, with a step in it.
    await withTenant(db.knex, tenant, async (trx) => {
      await trx.raw('alter table _wf_steps drop column measures');
      await trx('_wf_runs').insert({ id: '01900000-0000-7000-8000-000000000002', workflow: 'w', trigger: 'create' });
      await trx('_wf_steps').insert({ run_id: '01900000-0000-7000-8000-000000000002', seq: 1, step_id: 's', type: 'set', status: 'done' });
    });
    expect(await columns()).not.toContain('measures');
    await db.knex.transaction((trx) => climbTenantSchema(trx, tenant, 7));
    expect(await columns()).toContain('measures');
    expect(await withTenant(db.knex, tenant, (trx) => trx('_wf_steps').count({ n: '*' }))).toEqual([{ n: 1 }]);
  });
});
