import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EXIT } from '../../cli/run-cli.js';
import { withDatabase } from '../../cli/open-db.js';
import { createScratchDatabase } from '../../db/test-database.js';
import { withTenant } from '../../db/tenant.js';
import type { Db } from '../../db/connect.js';
import { storeFile } from '../../files/index.js';
import { deleteTenantDocument } from '../../metadata/delete-tenant-document.js';
import { saveTenantDocument } from '../../metadata/save-tenant-document.js';
import { createRecord, updateRecord } from '../../records/index.js';
import { createUser } from '../../security/index.js';
import { createPortalSession, createPortalUser } from '../../security/portal/index.js';
import { publishTenant } from '../../schema/publish.js';
import { createTenant, getTenant, listTenants } from '../../tenants/tenant-store.js';
import { openSystemWork } from '../../work/index.js';
import { provisionTenant } from '../provision-tenant.js';
import { TENANT_TABLES_LEFT_OUT } from './format.js';
import { runCrm } from '../../cli/test-support/run-crm.js';

const crm = runCrm;

/** Two databases (source and target): two scratch databases on TEST_DATABASE_URL's server, else two PGlite data directories. */
interface Place {
  env: { DATABASE_URL?: string; CRM_DATA_DIR?: string };
  drop(): Promise<void>;
}

const makePlace = async (): Promise<Place> => {
  if (process.env.TEST_DATABASE_URL) {
    const scratch = await createScratchDatabase(process.env.TEST_DATABASE_URL);
    return { env: { DATABASE_URL: scratch.url }, drop: scratch.drop };
  }
  const dir = mkdtempSync(join(tmpdir(), 'crm-move-'));
  return { env: { CRM_DATA_DIR: dir }, drop: async () => rmSync(dir, { recursive: true, force: true }) };
};

const use = (place: Place): void => {
  delete process.env.DATABASE_URL;
  delete process.env.CRM_DATA_DIR;
  Object.assign(process.env, place.env);
};

/** Opens `place` for direct reads (the CLI opens it too, so only one at a time for PGlite). */
const inPlace = async <T>(place: Place, fn: (db: Db) => Promise<T>): Promise<T> => {
  use(place);
  return withDatabase(fn);
};

const rowsOf = (db: Db, slug: string, table: string, order = 'id') =>
  getTenant(db.knex, slug).then((t) => withTenant(db.knex, t, async (trx) => (await trx.raw(`select * from ?? order by ${order}`, [table])).rows as Record<string, unknown>[]));

/** Every table's row count in the tenant schema. */
const tableCounts = (db: Db, slug: string) =>
  getTenant(db.knex, slug).then((t) =>
    withTenant(db.knex, t, async (trx) => {
      const tables = (await trx.raw(`select relname from pg_class where relnamespace = (select oid from pg_namespace where nspname = current_schema()) and relkind = 'r' order by relname`)).rows as { relname: string }[];
      const counts: Record<string, number> = {};
      for (const { relname } of tables) counts[relname] = Number((await trx(relname).count({ n: '*' }).first())?.n);
      return counts;
    }),
  );

/** The counts of the tables an archive carries (workflow runs and stored answers stay behind). */
const carried = (counts: Record<string, number>) => Object.fromEntries(Object.entries(counts).filter(([t]) => !(TENANT_TABLES_LEFT_OUT as readonly string[]).includes(t)));

const deal = (fields: Record<string, unknown>) => ({
  kind: 'entity',
  name: 'deal',
  label: { en: 'Deal', 'zh-CN': '交易' },
  titleField: 'title',
  fields: { title: { id: 'f-deal-title', type: 'text', required: true }, ...fields },
});

describe('crm tenant export / import', () => {
  const saved = { DATABASE_URL: process.env.DATABASE_URL, CRM_DATA_DIR: process.env.CRM_DATA_DIR };
  const dir = mkdtempSync(join(tmpdir(), 'crm-archive-'));
  const archive = join(dir, 'acme.crm.gz');
  const fileBytes = Buffer.from('%PDF-1.4 contract 合同 \u0000\u0001\u00ff', 'utf8');
  let source: Place;
  let target: Place;
  let customerId: string;
  let contactId: string;
  let activityId: string;

  beforeAll(async () => {
    source = await makePlace();
    target = await makePlace();
    await inPlace(source, async (db) => {
      const { tenant, admin } = await provisionTenant({ slug: 'acme', adminEmail: 'boss@acme.test', adminPassword: 'Acme-Admin-2026', plugins: ['customers'] }, { knex: db.knex });
      // A tenant entity with a field that is later removed: its column is retired, its data kept.
      const actor = { id: admin.id, name: admin.name };
      await saveTenantDocument({ kind: 'entity', name: 'deal', doc: deal({ memo: { id: 'f-deal-memo', type: 'text' } }) }, { knex: db.knex, tenant, actor });
      await saveTenantDocument({ kind: 'entity', name: 'scrap', doc: { ...deal({}), name: 'scrap', label: { en: 'Scrap', 'zh-CN': '草稿' } } }, { knex: db.knex, tenant, actor });
      // A workflow that runs on every new deal: the source has its run, the restore starts none.
      const workflow = { kind: 'workflow', name: 'deal_note', label: { en: 'Deal note', 'zh-CN': '交易备注' }, entity: 'deal', trigger: { on: 'create' }, steps: [{ id: 's1', type: 'set', fields: { title: 'Big one' } }] };
      await saveTenantDocument({ kind: 'workflow', name: 'deal_note', doc: workflow }, { knex: db.knex, tenant, actor });
      await publishTenant(db.knex, tenant, actor);
      await openSystemWork(db.knex, 'acme', async (ctx) => {
        await createRecord('deal', { title: 'Big one', memo: 'kept after retiring' }, ctx);
        await createRecord('scrap', { title: 'kept in a retired table' }, ctx);
      });
      // Then the field and the entity are removed: the column and the table are retired, their data kept.
      await saveTenantDocument({ kind: 'entity', name: 'deal', doc: deal({}) }, { knex: db.knex, tenant, actor });
      await deleteTenantDocument({ kind: 'entity', name: 'scrap' }, { knex: db.knex, tenant, actor });
      await publishTenant(db.knex, await getTenant(db.knex, 'acme'), actor);
      await openSystemWork(db.knex, 'acme', async (ctx) => {
        const c = await createRecord('customer', { name: '华东重工' }, ctx);
        await createRecord('customer', { name: 'Second' }, ctx);
        customerId = String(c.id);
        await updateRecord('customer', customerId, { grade: null, phone: '+86 21 5555 0101' }, ctx);
        contactId = String((await createRecord('contact', { customer: customerId, name: '李雷' }, ctx)).id);
        const file = await storeFile({ name: 'contract.pdf', type: 'application/pdf', body: Readable.from([fileBytes]), for: { entity: 'activity', field: 'attachments' } }, ctx);
        activityId = String((await createRecord('activity', { customer: customerId, contact: contactId, date: '2026-03-01', type: 'visit', subject: 'Signing', attachments: [file] }, ctx)).id);
      });
      // A colleague stands in for the admin's approvals while the admin is away.
      const colleague = await createUser({ tenantId: tenant.id, email: 'deputy@acme.test', password: 'Stand-In-Pass-77', name: 'Deputy' }, { knex: db.knex });
      await withTenant(db.knex, tenant, (trx) => trx('_wf_delegations').insert({ user_id: admin.id, delegate_id: colleague.id, starts_on: '2026-12-01', ends_on: '2026-12-24', set_by: admin.id }));
      const portal = await createPortalUser({ tenantId: tenant.id, email: 'buyer@client.test', name: 'Buyer', role: 'customer', linkedEntity: 'customer', linkedId: customerId, createdBy: admin.id }, { knex: db.knex });
      await createPortalSession(db.knex, portal.id);
    });
  }, 600_000);

  afterAll(async () => {
    Object.assign(process.env, saved);
    if (saved.DATABASE_URL === undefined) delete process.env.DATABASE_URL;
    if (saved.CRM_DATA_DIR === undefined) delete process.env.CRM_DATA_DIR;
    await source?.drop();
    await target?.drop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('exports the tenant to one archive and prints a summary', async () => {
    use(source);
    const res = await crm('tenant', 'export', 'acme', '--out', archive);
    expect(res.err).toBe('');
    expect(res.code).toBe(EXIT.ok);
    expect(res.out).toMatch(/exported tenant acme to .*: \d+ rows/);
    expect(res.out).toMatch(/customer\t2/);
    expect((await crm('tenant', 'export', 'nobody', '--out', join(dir, 'x.gz'))).code).toBe(EXIT.refused);
    expect((await crm('export', 'customer', '--tenant', 'acme', '--out', join(dir, 'customers.csv'))).code).toBe(EXIT.ok);
    // Both exports are in the tenant's audit log: what, how many rows, from the command line of which machine.
    const logged = await inPlace(source, (db) => db.knex('crm_system.audit_log').whereLike('action', '%.export').orderBy('id').select('action', 'target', 'actor_id', 'details'));
    expect(logged).toEqual([
      { action: 'tenant.export', target: 'acme', actor_id: null, details: expect.objectContaining({ via: 'cli', host: expect.any(String), records: expect.any(Number), rows: expect.any(Number), archiveVersion: expect.any(Number) }) },
      { action: 'records.export', target: 'customer', actor_id: null, details: expect.objectContaining({ via: 'cli', rows: 2, format: 'csv' }) },
    ]);
    expect(logged[0].details.records).toBeGreaterThanOrEqual(5);
  }, 600_000);

  it('imports it into another database: same rows, history, files, retired data; auto-numbers continue', async () => {
    use(target);
    const res = await crm('tenant', 'import', archive);
    expect(res.err).toBe('');
    expect(res.code).toBe(EXIT.ok);
    expect(res.out).toContain('imported tenant acme');
    const before = await inPlace(source, async (db) => ({
      counts: await tableCounts(db, 'acme'),
      customers: await rowsOf(db, 'acme', 'customer'),
      contacts: await rowsOf(db, 'acme', 'contact'),
      deals: await rowsOf(db, 'acme', 'deal'),
      scraps: await rowsOf(db, 'acme', 'scrap'),
      history: await rowsOf(db, 'acme', '_history'),
      files: await rowsOf(db, 'acme', '_files'),
      delegations: await rowsOf(db, 'acme', '_wf_delegations', 'user_id'),
    }));
    await inPlace(target, async (db) => {
      const counts = await tableCounts(db, 'acme');
      // Nothing ran while restoring: no workflow run and no wake-up waits in the new tenant.
      expect(before.counts._wf_runs).toBe(1);
      expect([counts._wf_runs, counts._wf_outbox]).toEqual([0, 0]);
      expect(carried(counts)).toEqual(carried(before.counts));
      expect(await rowsOf(db, 'acme', 'customer')).toEqual(before.customers);
      expect(await rowsOf(db, 'acme', 'contact')).toEqual(before.contacts);
      expect(await rowsOf(db, 'acme', 'deal')).toEqual(before.deals);
      expect(before.deals[0]).toMatchObject({ memo: 'kept after retiring' });
      expect(await rowsOf(db, 'acme', 'scrap')).toEqual(before.scraps);
      expect(before.scraps[0]).toMatchObject({ title: 'kept in a retired table' });
      expect(await rowsOf(db, 'acme', '_history')).toEqual(before.history);
      expect(before.history.filter((h) => h.record_id === customerId).map((h) => h.action)).toEqual(['create', 'update']);
      const [file] = await rowsOf(db, 'acme', '_files');
      expect(Buffer.from(file.data as Uint8Array).equals(fileBytes)).toBe(true);
      expect(file).toMatchObject({ record_id: activityId, entity: 'activity', field: 'attachments', sha256: createHash('sha256').update(fileBytes).digest('hex') });
      expect(await rowsOf(db, 'acme', '_files')).toEqual(before.files);
      // The out-of-office delegation came along as it was.
      expect(before.delegations).toHaveLength(1);
      expect(await rowsOf(db, 'acme', '_wf_delegations', 'user_id')).toEqual(before.delegations);
      // New writes continue after the loaded ones: the next customer number, the next history id.
      const next = await openSystemWork(db.knex, 'acme', (ctx) => createRecord('customer', { name: 'Third' }, ctx));
      expect(next.code).toBe('KH000003');
      const history = await rowsOf(db, 'acme', '_history');
      expect(Number(history[history.length - 1].id)).toBeGreaterThan(Number(before.history[before.history.length - 1].id));
      // The admin signs in with the same password hash; the metadata layer and versions came along.
      const tenant = await getTenant(db.knex, 'acme');
      expect(tenant.publishedVersion).toBe(5);
      // The portal user moved, without their session.
      expect(await db.knex('crm_system.portal_users').where({ tenant_id: tenant.id }).select('email', 'linked_id')).toEqual([{ email: 'buyer@client.test', linked_id: customerId }]);
      expect(Number((await db.knex('crm_system.portal_sessions').count({ n: '*' }).first())?.n)).toBe(0);
    });
  }, 600_000);

  it('refuses to import over an existing slug, changing nothing', async () => {
    use(target);
    const res = await crm('tenant', 'import', archive);
    expect(res.code).toBe(EXIT.refused);
    expect(res.err).toContain('Tenant "acme" already exists; nothing was imported');
    const bad = await crm('tenant', 'import', archive, '--as', 'Not A Slug');
    expect(bad.code).toBe(EXIT.refused);
    expect(bad.err).toContain('slug');
    await inPlace(target, async (db) => expect((await listTenants(db.knex)).map((t) => t.slug)).toEqual(['acme']));
  }, 600_000);

  it('imports a copy beside the source under another slug, with its own user ids', async () => {
    use(source);
    const res = await crm('tenant', 'import', archive, '--as', 'acme_copy');
    expect(res.code).toBe(EXIT.ok);
    expect(res.out).toContain('imported tenant acme_copy');
    expect(res.out).toMatch(/3 user\(s\) took new ids/);
    await inPlace(source, async (db) => {
      const [a, b] = [await getTenant(db.knex, 'acme'), await getTenant(db.knex, 'acme_copy')];
      expect(carried(await tableCounts(db, 'acme_copy'))).toEqual(carried(await tableCounts(db, 'acme')));
      const [copyAdmin] = await db.knex('crm_system.users').where({ tenant_id: b.id, email: 'boss@acme.test' }).select('id', 'email', 'password_hash');
      const [admin] = await db.knex('crm_system.users').where({ tenant_id: a.id, email: 'boss@acme.test' }).select('id', 'email', 'password_hash');
      expect(copyAdmin.id).not.toBe(admin.id);
      expect(copyAdmin).toMatchObject({ email: admin.email, password_hash: admin.password_hash });
      const [customer] = (await rowsOf(db, 'acme_copy', 'customer')).filter((c) => c.id === customerId);
      expect(customer).toMatchObject({ owner_id: copyAdmin.id, created_by: copyAdmin.id, name: '华东重工' });
      const copyDeputy = await db.knex('crm_system.users').where({ tenant_id: b.id, email: 'deputy@acme.test' }).first('id');
      expect((await rowsOf(db, 'acme_copy', '_users')).map((u) => u.id).sort()).toEqual([copyAdmin.id, copyDeputy.id].sort());
      // The delegation names the copy's users: the admin's new id, the deputy's new id.
      expect(await rowsOf(db, 'acme_copy', '_wf_delegations', 'user_id')).toEqual([expect.objectContaining({ user_id: copyAdmin.id, delegate_id: copyDeputy.id, set_by: copyAdmin.id })]);
      // The portal user comes along with a new id (theirs is taken here), still linked to the same record.
      const [copyPortal] = await db.knex('crm_system.portal_users').where({ tenant_id: b.id });
      const [portal] = await db.knex('crm_system.portal_users').where({ tenant_id: a.id });
      expect(copyPortal.id).not.toBe(portal.id);
      expect(copyPortal).toMatchObject({ email: 'buyer@client.test', linked_entity: 'customer', linked_id: customerId, created_by: copyAdmin.id });
      const next = await openSystemWork(db.knex, 'acme_copy', (ctx) => createRecord('customer', { name: 'Third' }, ctx));
      expect(next.code).toBe('KH000003');
    });
  }, 600_000);

  it('moves only the metadata layer into an existing tenant as its new draft, refusing a tenant that lacks a plugin', async () => {
    await inPlace(target, async (db) => {
      await provisionTenant({ slug: 'prod', adminEmail: 'boss@prod.test', adminPassword: 'Prod-Admin-2026', plugins: ['customers'] }, { knex: db.knex });
      await createTenant(db.knex, { slug: 'bare' });
    });
    use(target);
    const refused = await crm('tenant', 'import', archive, '--metadata-only', '--as', 'bare');
    expect(refused.code).toBe(EXIT.refused);
    expect(refused.err).toContain('lacks plugin(s) the archive\'s tenant has: customers');
    expect((await crm('tenant', 'import', archive, '--metadata-only', '--as', 'nobody')).err).toContain('"nobody" does not exist');
    const res = await crm('tenant', 'import', archive, '--metadata-only', '--as', 'prod');
    expect(res.err).toBe('');
    expect(res.code).toBe(EXIT.ok);
    expect(res.out).toContain('imported the metadata layer of acme into tenant prod as draft version 1: 2 document(s)');
    await inPlace(target, async (db) => {
      const prod = await getTenant(db.knex, 'prod');
      const [admin] = await db.knex('crm_system.users').where({ tenant_id: prod.id }).select('id', 'name');
      expect(prod.publishedVersion).toBe(0);
      await publishTenant(db.knex, prod, admin);
      expect(await rowsOf(db, 'prod', 'deal')).toEqual([]);
      expect(await rowsOf(db, 'prod', 'customer')).toEqual([]);
      const bare = await getTenant(db.knex, 'bare');
      expect(await db.knex('crm_system.metadata_versions').where({ tenant_id: bare.id }).count({ n: '*' }).first()).toEqual({ n: 0 });
    });
  }, 600_000);

  it('refuses what is not a whole archive, leaving no tenant behind', async () => {
    use(target);
    const notGzip = join(dir, 'plain.txt');
    writeFileSync(notGzip, 'hello');
    const a = await crm('tenant', 'import', notGzip, '--as', 'broken');
    expect(a.code).toBe(EXIT.refused);
    expect(a.err).toContain('is not a tenant archive');
    const missing = await crm('tenant', 'import', join(dir, 'missing.gz'));
    expect(missing.code).toBe(EXIT.refused);
    expect(missing.err).toContain('Cannot read');
    // Cut short: the header, the engine tables and the start of the rows, without the end line.
    const { gunzipSync } = await import('node:zlib');
    const { readFileSync } = await import('node:fs');
    const lines = gunzipSync(readFileSync(archive)).toString('utf8').trimEnd().split('\n');
    const cut = join(dir, 'cut.gz');
    writeFileSync(cut, gzipSync(lines.slice(0, -3).join('\n')));
    const b = await crm('tenant', 'import', cut, '--as', 'broken');
    expect(b.code).toBe(EXIT.refused);
    expect(b.err).toContain('cut short');
    await inPlace(target, async (db) => {
      expect((await listTenants(db.knex)).map((t) => t.slug)).toEqual(['acme', 'bare', 'prod']);
      expect((await db.knex.raw(`select count(*)::int as n from pg_namespace where nspname = 't_broken'`)).rows[0].n).toBe(0);
      expect((await db.knex.raw(`select count(*)::int as n from pg_roles where rolname like '%\\_broken'`)).rows[0].n).toBe(0);
    });
  }, 600_000);
});
