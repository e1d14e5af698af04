import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../db/connect.js';
import { openTestDatabase } from '../db/test-database.js';
import { withTenant } from '../db/tenant.js';
import { createTenant } from '../tenants/tenant-store.js';
import { saveTenantDocument } from '../metadata/save-tenant-document.js';
import { publishTenant, syncTenantSchema } from './publish.js';

const actor = { id: '00000000-0000-7000-8000-000000000001', name: 'Admin' };
const LI = '00000000-0000-7000-8000-0000000000b1';
const WANG = '00000000-0000-7000-8000-0000000000b2';
const customer = (over: Record<string, unknown> = {}) => ({
  kind: 'entity',
  name: 'customer',
  label: { en: 'Customer', 'zh-CN': '客户' },
  titleField: 'name',
  fields: { name: { id: 'f-name', type: 'text', required: true }, account_manager: { id: 'f-am', type: 'user' } },
  ...over,
});
const ids = { unowned: '01930000-0000-7000-8000-0000000000a1', owned: '01930000-0000-7000-8000-0000000000a2', chosen: '01930000-0000-7000-8000-0000000000a3', nobody: '01930000-0000-7000-8000-0000000000a4' };

/** Records written before the entity named its owner field get the field from their hidden owner on publish and on plugin upgrade. */
describe('owner fields filled from the hidden owner', () => {
  let db: Db;
  beforeAll(async () => {
    db = await openTestDatabase();
  });
  afterAll(async () => db?.close());

  const seed = async (slug: string) => {
    const tenant = await createTenant(db.knex, { slug });
    const ctx = { knex: db.knex, tenant, actor };
    await saveTenantDocument({ kind: 'entity', name: 'customer', doc: customer() }, ctx);
    await publishTenant(db.knex, tenant, actor);
    await withTenant(db.knex, tenant, (trx) =>
      trx('customer').insert([
        { id: ids.unowned, name: 'Hidden owner only', owner_id: LI },
        { id: ids.owned, name: 'Already agrees', owner_id: WANG, account_manager: WANG },
        { id: ids.chosen, name: 'Someone chosen', owner_id: LI, account_manager: WANG },
        { id: ids.nobody, name: 'Nobody at all', owner_id: null },
      ]),
    );
    // Publishing without an owner field fills nothing.
    await publishTenant(db.knex, tenant, actor);
    expect(await managers(tenant)).toMatchObject({ [ids.unowned]: null });
    await saveTenantDocument({ kind: 'entity', name: 'customer', doc: customer({ ownerField: 'account_manager' }) }, ctx);
    return { tenant, ctx };
  };
  const managers = async (tenant: Awaited<ReturnType<typeof createTenant>>) =>
    Object.fromEntries(
      (await withTenant(db.knex, tenant, (trx) => trx('customer').select('id', 'account_manager', 'version'))).map((r: { id: string; account_manager: string | null; version: number }) => [r.id, r.account_manager]),
    );

  it('fills empty owner fields when the draft that names the owner field is published, keeping chosen values and versions', async () => {
    const { tenant } = await seed('fill_owner_a');
    await publishTenant(db.knex, tenant, actor);
    expect(await managers(tenant)).toEqual({ [ids.unowned]: LI, [ids.owned]: WANG, [ids.chosen]: WANG, [ids.nobody]: null });
    const versions = await withTenant(db.knex, tenant, (trx) => trx('customer').where({ id: ids.unowned }).first('version'));
    expect(versions.version).toBe(1);
    const audit = await db.knex('crm_system.audit_log').where({ tenant_id: tenant.id, action: 'metadata.publish' }).orderBy('id', 'desc').first('details');
    const details = typeof audit.details === 'string' ? JSON.parse(audit.details) : audit.details;
    expect(details.ownerFieldsFilled).toEqual({ customer: 1 });
  });

  it('fills them when the tables are brought in line after a plugin install or upgrade', async () => {
    const { tenant } = await seed('fill_owner_b');
    // A record written by an older version after the field was named (e.g. a direct import) is filled too.
    await publishTenant(db.knex, tenant, actor);
    await withTenant(db.knex, tenant, (trx) => trx('customer').where({ id: ids.owned }).update({ account_manager: null }));
    await syncTenantSchema(db.knex, tenant);
    expect(await managers(tenant)).toEqual({ [ids.unowned]: LI, [ids.owned]: WANG, [ids.chosen]: WANG, [ids.nobody]: null });
  });
});
