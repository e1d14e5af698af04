/**
 * Test kit for plugins (the one module besides core/index.ts that plugin tests may
 * import): a fresh database and tenant, fixture plugin folders, the metadata check of
 * one plugin, and work inside the tenant's walls.
 */
import type { Knex } from 'knex';
import type { Db } from '../db/connect.js';
import { openTestDatabase } from '../db/test-database.js';
import { createTenant, withTenant, type Tenant } from '../db/tenant.js';
import { checkLayers } from '../metadata/check-layers.js';
import type { MetadataProblem } from '../metadata/problem.js';
import { systemLayer } from '../metadata/system-layer.js';
import { mergePublishedMeta } from '../metadata/tenant-meta.js';
import type { EffectiveMeta } from '../metadata/types.js';
import { discoverPlugins } from './discover-plugins.js';
import { withDependencies } from './order-by-dependencies.js';
import { pluginLayer } from './plugin-layers.js';
import type { PluginActor } from './types.js';

export { useFixturePluginsDir, writeFixturePlugin } from './fixture-dir.js';
export { installPlugin } from './install-plugin.js';
export { uninstallPlugin } from './uninstall-plugin.js';
export { loadTenantRuntime } from './tenant-runtime.js';
export { runRecordAction } from './run-record-action.js';
export { handlePluginRoute } from './handle-plugin-route.js';

export const TEST_ACTOR: PluginActor = { id: 'test', name: 'Plugin test' };

export interface TestTenant {
  db: Db;
  knex: Knex;
  tenant: Tenant;
  /** Runs fn in a transaction inside the tenant's walls. */
  inTenant<T>(fn: (trx: Knex.Transaction) => Promise<T>): Promise<T>;
  /** The tenant's effective metadata as it is now (uncached). */
  meta(): Promise<EffectiveMeta>;
  close(): Promise<void>;
}

/** A fresh test database (PGlite, or TEST_DATABASE_URL) with one tenant. */
export const openTestTenant = async (slug = 'acme'): Promise<TestTenant> => {
  const db = await openTestDatabase();
  const tenant = await createTenant(db.knex, { slug });
  return {
    db,
    knex: db.knex,
    tenant,
    inTenant: (fn) => withTenant(db.knex, tenant, fn),
    meta: async () => (await mergePublishedMeta(db.knex, tenant)).meta,
    close: () => db.close(),
  };
};

/** Every problem of one plugin's metadata, checked over the system layer and the plugins it requires. */
export const checkPluginMetadata = async (name: string, rootDir?: string): Promise<MetadataProblem[]> => {
  const chain = withDependencies(await discoverPlugins(rootDir), name);
  return checkLayers([systemLayer(), ...chain.map((p) => pluginLayer(p.manifest.name, p.documents, p.files))]).problems;
};
