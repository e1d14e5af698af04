/**
 * Test kit for plugins (the one module besides core/index.ts that plugin tests may
 * import): a fresh database and tenant, a second tenant beside it, record work through the
 * one tenant-work builder (plugin hooks and workflow triggers), tenant customisations, fixture plugin folders, the metadata
 * check of one plugin, and a connection pool wide enough for truly parallel transactions.
 */
import type { Knex } from 'knex';
import { connect, type Db } from '../db/connect.js';
import { openTestDatabase } from '../db/test-database.js';
import { withTenant, type Tenant } from '../db/tenant.js';
import { createTenant } from '../tenants/tenant-store.js';
import { checkLayers } from '../metadata/check-layers.js';
import type { MetadataProblem } from '../metadata/problem.js';
import { saveTenantDocument } from '../metadata/save-tenant-document.js';
import { systemLayer } from '../metadata/system-layer.js';
import { currentRevision, lowerLayersOf, mergePublishedMeta } from '../metadata/tenant-meta.js';
import type { EffectiveMeta } from '../metadata/types.js';
import type { Actor, RecordContext } from '../records/types.js';
import { publishTenant } from '../schema/publish.js';
import { discoverPlugins } from '../metadata/plugin-catalogue/discover-plugins.js';
import { withDependencies } from '../metadata/plugin-catalogue/order-by-dependencies.js';
import { pluginLayer } from '../metadata/plugin-catalogue/plugin-layers.js';
import { BULK_MAIL_QUEUE, databaseTenantEnv, handlePluginRoute as handleRoute, openTenantWork, PLUGIN_JOB_QUEUE, pluginJobQueue, runPluginJob, runRecordAction as runAction, sendBulkBatch, type PluginRouteInput } from '../work/index.js';
import type { RunEnv } from '../workflow/runner/run-env.js';
import { startWorkflowWorker, tick, type WorkflowWorker } from '../workflow/index.js';
import { advanceRun } from '../workflow/runner/advance-run.js';
import { stepTypes } from '../workflow/steps/registry.js';
import type { RecordActionInput } from './run-record-action.js';

export { renameField, useBundledPluginCopy, useFixturePluginsDir, writeFixturePlugin } from './fixture-dir.js';
export { installPlugin } from './install-plugin.js';
export { uninstallPlugin } from './uninstall-plugin.js';
export { upgradePlugin } from './upgrade-plugin.js';
export { loadTenantRuntime } from './tenant-runtime.js';
export { provisionTenant } from '../provisioning/provision-tenant.js';
export { withTenant, type Tenant } from '../db/tenant.js';
export { api, startTestServer } from '../http/test-server.js';
export { openEventStream, type EventStream, type ReceivedEvent } from '../http/test-event-stream.js';
export { createUser, signFormToken } from '../security/index.js';
export { smtpSink } from '../workflow/test-support/smtp-sink.js';
export { until } from '../workflow/test-support/until.js';
export { openSystemWork } from '../work/index.js';
export { importFile } from '../transfer/import-file.js';
export type { Db } from '../db/connect.js';

/** The schedule and date triggers as the worker's minute tick runs them at `now`: how many runs started (a failing tenant throws). */
export const runDueTriggers = (knex: Knex, now: Date): Promise<number> =>
  tick(knex, databaseTenantEnv(knex), now, (e) => {
    throw e;
  });

/** A plugin's record action as the given actor, through core/work (door `action`: plugin hooks and workflow triggers). */
export const runRecordAction = (input: RecordActionInput & { tenant: Tenant }, ctx: { knex: Knex; actor: Actor }): Promise<unknown> => runAction(ctx.knex, input, { actor: ctx.actor });

/** A plugin's signed-in route as the given actor, through core/work (door `plugin-route`): row scope, rights, hooks. */
export const handlePluginRoute = (input: PluginRouteInput, ctx: { knex: Knex; actor: Actor }): Promise<unknown> => handleRoute(ctx.knex, input, { actor: ctx.actor });

/**
 * The bulk mail worker's jobs of one tenant, run here until none is left, without pg-boss:
 * each outbox row of the bulk mail queue is taken and handled as the worker would (`retry`:
 * as a retry after a crash). Answers each job's result.
 */
export const sendQueuedMail = async (knex: Knex, tenant: Tenant, mail: { transport: string; from: string } | undefined, opts: { retry?: boolean } = {}): Promise<unknown[]> => {
  const env = { knex, tenants: databaseTenantEnv(knex), services: { mail }, steps: {}, leaseSeconds: 600 } as unknown as RunEnv;
  const results: unknown[] = [];
  for (let i = 0; i < 10_000; i++) {
    const row = await withTenant(knex, tenant, async (trx) => {
      const found = await trx('_wf_outbox').where({ queue: BULK_MAIL_QUEUE }).orderBy('id').first('id', 'data');
      if (found) await trx('_wf_outbox').where({ id: found.id }).delete();
      return found;
    });
    if (!row) return results;
    const data = typeof row.data === 'string' ? JSON.parse(row.data) : row.data;
    results.push(await sendBulkBatch({ id: row.id, data: { ...data, t: tenant.id }, retryCount: opts.retry && i === 0 ? 1 : 0 } as never, env));
  }
  return results;
};

/**
 * The plugin jobs queued in the tenant (ctx.enqueue), taken from its outbox and run one by
 * one as a worker would; returns what each answered.
 */
export const runQueuedPluginJobs = async (knex: Knex, tenant: Tenant): Promise<unknown[]> => {
  const rows: { id: string; data: unknown }[] = await withTenant(knex, tenant, (trx) => trx('_wf_outbox').where({ queue: PLUGIN_JOB_QUEUE }).delete().returning(['id', 'data']));
  rows.sort((a, b) => a.id.localeCompare(b.id));
  const env = { knex, tenants: databaseTenantEnv(knex) } as never;
  const out: unknown[] = [];
  for (const r of rows) {
    const data = (typeof r.data === 'string' ? JSON.parse(r.data) : r.data) as Record<string, unknown>;
    out.push(await runPluginJob({ data: { ...data, t: tenant.id } } as never, env));
  }
  return out;
};

/**
 * A worker as `crm worker` runs one, serving workflow runs and the plugins' background jobs
 * of every tenant in the database (pg-boss, the outbox relay), without the minute tick; stop it when done.
 */
export const startPluginJobWorker = (db: Db): Promise<WorkflowWorker> =>
  startWorkflowWorker(db, { tenants: databaseTenantEnv(db.knex), queues: [pluginJobQueue()], queue: { schedule: false }, pollSeconds: 0.5, relay: { idleMs: 100 } });

/**
 * The workflow runs woken in the tenant (its outbox), advanced one by one as a worker
 * would, until none is left (no mail or webhook services); returns how many advances ran.
 */
export const runQueuedWorkflowRuns = async (knex: Knex, tenant: Tenant): Promise<number> => {
  const env = { knex, tenants: databaseTenantEnv(knex), services: {}, steps: stepTypes, leaseSeconds: 60 };
  let n = 0;
  for (;;) {
    const rows: { run_id: string }[] = await withTenant(knex, tenant, (trx) => trx('_wf_outbox').whereNotNull('run_id').delete().returning('run_id'));
    if (!rows.length) return n;
    for (const r of rows) {
      await advanceRun({ tenantId: tenant.id, runId: r.run_id, finalAttempt: true }, env);
      n++;
    }
  }
};

/** A tenant admin who is not a stored user (records show no author). */
export const TEST_ACTOR: Actor = { id: 'test', name: 'Plugin test', roles: [], isAdmin: true };

export interface TestTenant {
  db: Db;
  knex: Knex;
  /** The tenant as created; use current() where the metadata revision matters. */
  tenant: Tenant;
  /** The tenant row as it is now (its metadata revision moves with every install and publish). */
  current(): Promise<Tenant>;
  /** Runs fn in a transaction inside the tenant's walls. */
  inTenant<T>(fn: (trx: Knex.Transaction) => Promise<T>): Promise<T>;
  /**
   * Runs fn in its own tenant transaction with a record-service context, as an HTTP request
   * would (core/work's builder): the metadata in force, TEST_ACTOR (or `actor`), the
   * installed plugins' hooks and the workflow triggers. `knex` picks the pool.
   */
  withRecords<T>(fn: (ctx: RecordContext) => Promise<T>, opts?: { knex?: Knex; actor?: Actor }): Promise<T>;
  /** Saves a tenant-layer document (a new entity or an overlay adding fields) and publishes it. */
  customise(doc: Record<string, unknown> & { kind: string; name: string }): Promise<void>;
  /** The tenant's effective metadata as it is now (uncached). */
  meta(): Promise<EffectiveMeta>;
  /** Another tenant in the same database (closed with this one). */
  otherTenant(slug: string): Promise<TestTenant>;
  /** A pool of `size` connections to the same database (PGlite has one connection: its own knex). */
  pool(size: number): Promise<{ knex: Knex; close(): Promise<void> }>;
  close(): Promise<void>;
}

const widerPool = async (db: Db, size: number): Promise<{ knex: Knex; close(): Promise<void> }> => {
  const url = process.env.TEST_DATABASE_URL;
  if (db.backend === 'pglite' || !url) return { knex: db.knex, close: async () => undefined };
  const { rows } = await db.knex.raw('select current_database() as name');
  const dbUrl = new URL(url);
  dbUrl.pathname = `/${rows[0].name}`;
  const wide = connect({ databaseUrl: dbUrl.toString(), poolMax: size });
  return { knex: wide.knex, close: () => wide.close() };
};

const testTenant = (db: Db, tenant: Tenant, close: () => Promise<void>): TestTenant => {
  const t: TestTenant = {
    db,
    knex: db.knex,
    tenant,
    current: () => currentRevision(db.knex, tenant),
    inTenant: (fn) => withTenant(db.knex, tenant, fn),
    meta: async () => (await mergePublishedMeta(db.knex, tenant)).meta,
    async withRecords(fn, opts = {}) {
      return openTenantWork(opts.knex ?? db.knex, { tenant: await t.current(), actor: opts.actor ?? TEST_ACTOR, door: 'http' }, fn);
    },
    async customise(doc) {
      const lowerLayers = await lowerLayersOf(db.knex, tenant);
      await saveTenantDocument({ kind: doc.kind, name: doc.name, doc }, { knex: db.knex, tenant, actor: TEST_ACTOR, lowerLayers });
      await publishTenant(db.knex, tenant, TEST_ACTOR);
    },
    otherTenant: async (slug) => testTenant(db, await createTenant(db.knex, { slug }), async () => undefined),
    pool: (size) => widerPool(db, size),
    close,
  };
  return t;
};

/** A fresh test database (PGlite, or TEST_DATABASE_URL) with one tenant. */
export const openTestTenant = async (slug = 'acme'): Promise<TestTenant> => {
  const db = await openTestDatabase();
  return testTenant(db, await createTenant(db.knex, { slug }), () => db.close());
};

/** Every problem of one plugin's metadata, checked over the system layer and the plugins it requires. */
export const checkPluginMetadata = async (name: string, rootDir?: string): Promise<MetadataProblem[]> => {
  const chain = withDependencies(await discoverPlugins(rootDir), name);
  return checkLayers([systemLayer(), ...chain.map((p) => pluginLayer(p.manifest.name, p.documents, p.files))]).problems;
};
