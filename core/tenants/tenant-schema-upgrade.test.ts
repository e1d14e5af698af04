import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../db/connect.js';
import { migrateEngine } from '../db/migrate.js';
import { LATEST_TENANT_SCHEMA, TENANT_SCHEMA_LADDER, climbTenantSchema } from '../db/tenant-schema/ladder.js';
import { withTenant, type Tenant } from '../db/tenant.js';
import { openTestDatabase } from '../db/test-database.js';
import { createPreLadderTenant } from './test-support/pre-ladder-tenant.js';
import { createTenant, listTenants } from './tenant-store.js';
import { upgradeTenantSchemas } from './upgrade-tenant-schemas.js';

/** Everything the catalog says about a tenant schema, with the schema's name written S. */
const describeSchema = async (db: Db, tenant: Tenant): Promise<string> => {
  const q = async (sql: string) => (await db.knex.raw(sql, [tenant.schema])).rows;
  const parts = {
    columns: await q(`select table_name, column_name, data_type, is_nullable, column_default from information_schema.columns where table_schema = ? order by table_name, ordinal_position`),
    indexes: await q(`select tablename, indexname, indexdef from pg_indexes where schemaname = ? order by indexname`),
    constraints: await q(`select conrelid::regclass::text as rel, conname, pg_get_constraintdef(oid) as def from pg_constraint where connamespace = cast(? as regnamespace) order by conname`),
    functions: await q(`select proname, prosrc from pg_proc where pronamespace = cast(? as regnamespace) order by proname`),
    owners: await q(`select relname, pg_get_userbyid(relowner) as owner from pg_class where relnamespace = cast(? as regnamespace) order by relname`),
  };
  return JSON.stringify(parts).replaceAll(tenant.role, 'R').replaceAll(tenant.schema, 'S');
};

const tableOids = async (db: Db, tenant: Tenant): Promise<Record<string, number>> =>
  Object.fromEntries(
    (await db.knex.raw(`select relname, oid from pg_class where relnamespace = cast(? as regnamespace) and relkind = 'r'`, [tenant.schema])).rows.map((r: { relname: string; oid: number }) => [r.relname, Number(r.oid)]),
  );

const versionOf = async (db: Db, slug: string): Promise<number | undefined> => (await listTenants(db.knex)).find((t) => t.slug === slug)?.schemaVersion;

describe('tenant schema ladder', () => {
  let db: Db;
  beforeAll(async () => {
    db = await openTestDatabase();
  });
  afterAll(async () => db?.close());

  it('gives a new tenant every table, exactly as the pre-ladder code made them plus the later rungs, and records the top version', async () => {
    const fresh = await createTenant(db.knex, { slug: 'fresh' });
    const legacy = await createPreLadderTenant(db.knex, 'legacy', { served: true });
    // Rungs 1–6 are what the pre-ladder code made; the pre-ladder tenant takes the later ones.
    await db.knex.transaction((trx) => climbTenantSchema(trx, legacy, 6));
    expect(await describeSchema(db, fresh)).toEqual(await describeSchema(db, legacy));
    expect(Object.keys(await tableOids(db, fresh)).sort()).toEqual(
      ['_busy_slots', '_changes', '_counter_log', '_counters', '_events', '_events_horizon', '_files', '_history', '_idempotency_keys', '_mail_links', '_mail_messages', '_mail_opt_outs', '_mail_settings', '_notifications', '_plugin_documents', '_recent_views', '_saved_views', '_settings', '_shares', '_users', '_webhook_deliveries', '_webhooks', '_wf_approvals', '_wf_delegations', '_wf_outbox', '_wf_runs', '_wf_state', '_wf_steps', '_wf_votes'],
    );
    expect(await versionOf(db, 'fresh')).toBe(LATEST_TENANT_SCHEMA);
  });

  it('upgrades a database made by the pre-ladder code: recognises the tables tenants have, adds the missing ones, keeps the data', async () => {
    // The engine tables as the pre-ladder code left them: migrations up to 007, no schema_version.
    await db.knex.raw('alter table crm_system.tenants drop column schema_version');
    await db.knex('crm_system.migrations').where({ name: '008-tenant-schema-version' }).delete();
    await db.knex('crm_system.migrations').insert(['004-counter-log', '005-workflow-tables', '006-tenant-files', '007-saved-views'].map((name) => ({ name })));
    const served = await createPreLadderTenant(db.knex, 'served', { served: true });
    const idle = await createPreLadderTenant(db.knex, 'idle', { served: false });
    await withTenant(db.knex, served, async (trx) => {
      await trx.raw(`select _next_number('order', 'number'), _next_number('order', 'number')`);
      await trx('_history').insert({ entity: 'order', record_id: '01900000-0000-7000-8000-000000000001', action: 'create' });
      await trx('_wf_runs').insert({ id: '01900000-0000-7000-8000-000000000002', workflow: 'w', trigger: 'create' });
      await trx('_saved_views').insert({ id: '01900000-0000-7000-8000-000000000003', owner_id: '01900000-0000-7000-8000-000000000004', entity: 'order', name: 'Mine', definition: '{}' });
    });
    const before = await tableOids(db, served);

    expect(await migrateEngine(db.knex)).toEqual(['008-tenant-schema-version']);
    const upgrades = await upgradeTenantSchemas(db.knex);

    const all = TENANT_SCHEMA_LADDER.map((s) => `${String(s.version).padStart(3, '0')}-${s.name}`);
    // (Dropping the column above also forgot the versions of the first test's tenants: all climb from 0.)
    expect(upgrades.filter((u) => u.tenant === 'idle' || u.tenant === 'served')).toEqual([
      { tenant: 'idle', from: 0, to: LATEST_TENANT_SCHEMA, steps: all },
      { tenant: 'served', from: 0, to: LATEST_TENANT_SCHEMA, steps: all },
    ]);
    // Nothing was made again: the same tables (same oids), the same rows; the counter carries on.
    // (Tables of later rungs are added beside them.)
    expect(await tableOids(db, served)).toMatchObject(before);
    const after = await withTenant(db.knex, served, async (trx) => ({
      next: Number((await trx.raw(`select _next_number('order', 'number') as n`)).rows[0].n),
      history: (await trx('_history').count({ n: '*' }))[0].n,
      runs: (await trx('_wf_runs').pluck('workflow')),
      views: (await trx('_saved_views').pluck('name')),
    }));
    expect(after).toEqual({ next: 3, history: expect.anything(), runs: ['w'], views: ['Mine'] });
    expect(Number(after.history)).toBe(1);
    // The tenant that never served a request gets the tables it lacked; both now look like a new tenant.
    const fresh = (await listTenants(db.knex)).find((t) => t.slug === 'fresh') as Tenant;
    expect(await describeSchema(db, idle)).toEqual(await describeSchema(db, fresh));
    expect(await describeSchema(db, served)).toEqual(await describeSchema(db, fresh));
    expect(await versionOf(db, 'idle')).toBe(LATEST_TENANT_SCHEMA);

    const again = await upgradeTenantSchemas(db.knex);
    expect(again.every((u) => u.steps.length === 0 && u.to === LATEST_TENANT_SCHEMA)).toBe(true);
  });
});
