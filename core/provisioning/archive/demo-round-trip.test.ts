import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureDemoTenant, DEMO_TENANT } from '../../cli/demo-tenant.js';
import { EXIT } from '../../cli/run-cli.js';
import { withDatabase } from '../../cli/open-db.js';
import { createScratchDatabase } from '../../db/test-database.js';
import { withTenant } from '../../db/tenant.js';
import type { Db } from '../../db/connect.js';
import { introspectSchema } from '../../schema/index.js';
import { createPortalSession, createPortalUser, issuePortalToken } from '../../security/portal/index.js';
import { getTenant } from '../../tenants/tenant-store.js';
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
  const dir = mkdtempSync(join(tmpdir(), 'crm-demo-db-'));
  return { env: { CRM_DATA_DIR: dir }, drop: async () => rmSync(dir, { recursive: true, force: true }) };
};

const use = (place: Place): void => {
  delete process.env.DATABASE_URL;
  delete process.env.CRM_DATA_DIR;
  Object.assign(process.env, place.env);
};

/** Opens `place` for direct reads (the CLI opens it too, so only one at a time for PGlite). */
const inDatabase = <T>(place: Place, fn: (db: Db) => Promise<T>): Promise<T> => {
  use(place);
  return withDatabase(fn);
};

const inDemo = <T>(db: Db, fn: (trx: Parameters<Parameters<typeof withTenant>[2]>[0]) => Promise<T>): Promise<T> =>
  getTenant(db.knex, DEMO_TENANT).then((t) => withTenant(db.knex, t, fn));

/** Every table's row count in the demo tenant's schema, and the names of its entity tables. */
const tenantTables = (db: Db) =>
  inDemo(db, async (trx) => {
    const tables = (await trx.raw(`select relname from pg_class where relnamespace = (select oid from pg_namespace where nspname = current_schema()) and relkind = 'r' order by relname`)).rows as { relname: string }[];
    const counts: Record<string, number> = {};
    for (const { relname } of tables) counts[relname] = Number((await trx(relname).count({ n: '*' }).first())?.n);
    return { counts, entities: (await introspectSchema(trx)).map((t) => t.name).sort() };
  });

/** The engine rows of the tenant (without the tenant id, which differs between databases). */
const systemRows = async (db: Db, table: string, order = 'id') => {
  const tenant = await getTenant(db.knex, DEMO_TENANT);
  const rows = (await db.knex(`crm_system.${table}`).where({ tenant_id: tenant.id }).orderBy(order)) as Record<string, unknown>[];
  return rows.map(({ tenant_id: _, ...r }) => r);
};

/** The sampled records with their history rows, and the tenant's own tables that carry its settings, mail and webhooks. */
const snapshot = (db: Db, sample: { entity: string; id: string }[]) =>
  inDemo(db, async (trx) => {
    const records = [];
    for (const s of sample) {
      records.push({
        ...s,
        row: await trx(s.entity).where({ id: s.id }).first(),
        history: await trx('_history').where({ entity: s.entity, record_id: s.id }).orderBy('id'),
      });
    }
    const own: Record<string, unknown[]> = {};
    for (const t of ['_settings', '_users', '_mail_settings', '_mail_messages', '_mail_links', '_mail_opt_outs', '_webhooks', '_counters']) own[t] = (await trx.raw(`select * from ?? order by 1`, [t])).rows;
    return { records, own };
  });

/** The demo tenant (every plugin and its demo data) moved into a second database with the CLI. */
describe('the demo tenant moved into a second database', () => {
  const saved = { DATABASE_URL: process.env.DATABASE_URL, CRM_DATA_DIR: process.env.CRM_DATA_DIR };
  const dir = mkdtempSync(join(tmpdir(), 'crm-demo-move-'));
  const archive = join(dir, 'demo.crm.gz');
  let source: Place;
  let target: Place;
  let portalUserId: string;

  beforeAll(async () => {
    source = await makePlace();
    target = await makePlace();
    await inDatabase(source, async (db) => {
      await ensureDemoTenant(db.knex, { dataDir: dir, log: () => undefined });
      // A portal user linked to a demo record, with a sign-in link and a session that must stay behind.
      const tenant = await getTenant(db.knex, DEMO_TENANT);
      const { entities } = await tenantTables(db);
      const linked = await inDemo(db, async (trx) => {
        for (const entity of entities) {
          const row = (await trx(entity).first('id')) as { id: string } | undefined;
          if (row) return { entity, id: row.id };
        }
        throw new Error('the demo tenant has no records');
      });
      const [admin] = await systemRows(db, 'users');
      const portal = await createPortalUser({ tenantId: tenant.id, email: 'buyer@client.test', name: '客户采购', role: 'customer', linkedEntity: linked.entity, linkedId: linked.id, createdBy: String(admin.id) }, { knex: db.knex });
      portalUserId = portal.id;
      await issuePortalToken(db.knex, { userId: portal.id, purpose: 'invitation' });
      await createPortalSession(db.knex, portal.id);
    });
  }, 600_000);

  afterAll(async () => {
    for (const [k, v] of Object.entries(saved)) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
    await source?.drop();
    await target?.drop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('exports with `crm tenant export` and imports with `crm tenant import`: counts, sampled records and their history, settings, users and portal users match', async () => {
    use(source);
    const exported = await crm('tenant', 'export', DEMO_TENANT, '--out', archive);
    expect(exported.err).toBe('');
    expect(exported.code).toBe(EXIT.ok);
    use(target);
    const imported = await crm('tenant', 'import', archive);
    expect(imported.err).toBe('');
    expect(imported.code).toBe(EXIT.ok);
    expect(imported.out).toContain(`imported tenant ${DEMO_TENANT}`);

    const before = await inDatabase(source, async (db) => {
      const tables = await tenantTables(db);
      // 20 records spread evenly over all records of all entities (the same ones on both sides).
      const all: { entity: string; id: string }[] = [];
      await inDemo(db, async (trx) => {
        for (const entity of tables.entities) for (const r of (await trx(entity).select('id').orderBy('id')) as { id: string }[]) all.push({ entity, id: r.id });
      });
      const step = Math.max(1, Math.floor(all.length / 20));
      const sample = all.filter((_, i) => i % step === 0).slice(0, 20);
      return {
        ...tables,
        sample,
        snap: await snapshot(db, sample),
        publishedVersion: (await getTenant(db.knex, DEMO_TENANT)).publishedVersion,
        users: await systemRows(db, 'users'),
        portalUsers: await systemRows(db, 'portal_users'),
      };
    });
    const after = await inDatabase(target, async (db) => {
      const tenant = await getTenant(db.knex, DEMO_TENANT);
      return {
        ...(await tenantTables(db)),
        snap: await snapshot(db, before.sample),
        publishedVersion: tenant.publishedVersion,
        users: await systemRows(db, 'users'),
        portalUsers: await systemRows(db, 'portal_users'),
        portalTokens: Number((await db.knex('crm_system.portal_tokens').count({ n: '*' }).first())?.n),
        portalSessions: Number((await db.knex('crm_system.portal_sessions').count({ n: '*' }).first())?.n),
        sessions: Number((await db.knex('crm_system.sessions').count({ n: '*' }).first())?.n),
      };
    });

    // Every entity table and every carried table of the tenant holds as many rows as in the source.
    const carried = (counts: Record<string, number>) => Object.fromEntries(Object.entries(counts).filter(([t]) => !(TENANT_TABLES_LEFT_OUT as readonly string[]).includes(t)));
    expect(after.entities).toEqual(before.entities);
    expect(before.entities.length).toBeGreaterThan(3);
    expect(carried(after.counts)).toEqual(carried(before.counts));
    // The sampled records and their history are equal field by field.
    expect(before.sample).toHaveLength(20);
    // (Stock rows are kept by stock moves, which carry the history: a sampled one may have none.)
    expect(before.snap.records.every((r) => r.row)).toBe(true);
    expect(before.snap.records.filter((r) => r.history.length > 0).length).toBeGreaterThanOrEqual(15);
    expect(after.snap.records).toEqual(before.snap.records);
    // Settings, mail, webhooks, counters and tenant users came along as they were.
    expect(before.snap.own._settings.length).toBeGreaterThan(0);
    expect(after.snap.own).toEqual(before.snap.own);
    expect(after.publishedVersion).toBe(before.publishedVersion);
    // Staff users (service accounts included) and portal users move with their password hashes; no session or sign-in link does.
    expect(before.users.length).toBeGreaterThan(1);
    expect(after.users).toEqual(before.users);
    expect(after.portalUsers).toEqual(before.portalUsers);
    expect(after.portalUsers.map((u) => u.id)).toEqual([portalUserId]);
    expect([after.portalTokens, after.portalSessions, after.sessions]).toEqual([0, 0, 0]);
  }, 600_000);
});
