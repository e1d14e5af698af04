import type { Knex } from 'knex';
import { LruMap, tenantCacheSize } from '../config/index.js';
import type { Tenant } from '../db/tenant.js';
import { refreshTenant } from '../tenants/tenant-store.js';
import { availablePluginsOf } from './plugin-catalogue/uploaded-plugins.js';
import { orderByDependencies } from './plugin-catalogue/order-by-dependencies.js';
import { installedPlugins } from './plugin-catalogue/plugin-installs.js';
import { checkLayers } from './check-layers.js';
import { mergeLayers, type MergeResult, type MetadataLayer } from './merge-layers.js';
import { loadPublishedTenantLayer } from './published-layer.js';
import { systemLayer } from './system-layer.js';
import { readDraft } from './tenant-store.js';
import type { EffectiveMeta } from './types.js';

/**
 * The layers below a tenant's own: the system layer, then every plugin the tenant has
 * installed (status `installed`), in dependency order. An uninstalled plugin's
 * documents drop out, which retires its tables: the data stays for a reinstall.
 */
export const lowerLayersOf = async (knex: Knex, tenant: Tenant): Promise<MetadataLayer[]> => {
  const installed = new Set((await installedPlugins(knex, tenant)).filter((p) => p.status === 'installed').map((p) => p.plugin));
  const available = (await availablePluginsOf(knex, tenant)).filter((p) => installed.has(p.manifest.name));
  const plugins = orderByDependencies(available).map((p) => ({ source: `plugin:${p.manifest.name}`, documents: p.documents, files: p.files }));
  return [systemLayer(), ...plugins];
};

/**
 * The metadata the tenant's draft would put in force (lower layers plus the working
 * tenant layer), fully checked: structure, layering and semantics.
 */
export const checkDraftMeta = async (knex: Knex, tenant: Tenant): Promise<MergeResult> =>
  checkLayers([...(await lowerLayersOf(knex, tenant)), { source: 'tenant', documents: await readDraft(knex, tenant) }]);

/** The metadata in force: lower layers plus the published tenant layer. */
export const mergePublishedMeta = async (knex: Knex, tenant: Tenant): Promise<MergeResult> =>
  mergeLayers([...(await lowerLayersOf(knex, tenant)), { source: 'tenant', documents: await loadPublishedTenantLayer({ knex, tenant }) }]);

const cache = new LruMap<string, { revision: number; meta: Promise<EffectiveMeta> }>(tenantCacheSize);

/**
 * The effective metadata of a tenant, cached per process (the CRM_TENANT_CACHE_SIZE most
 * recently used tenants) and keyed by the tenant's
 * metadata revision (bumped by every publish and plugin change). The revision comes from
 * the tenant row the request already read, so a cached answer costs no query; another
 * process's publish is seen on the next request that reads the new revision.
 */
export const loadEffectiveMeta = async (knex: Knex, tenant: Tenant): Promise<EffectiveMeta> => {
  const hit = cache.get(tenant.id);
  if (hit && hit.revision === tenant.metaRevision) return hit.meta;
  const meta = mergePublishedMeta(knex, tenant).then((r) => r.meta);
  const entry = { revision: tenant.metaRevision, meta };
  cache.set(tenant.id, entry);
  meta.catch(() => cache.delete(tenant.id, entry));
  return meta;
};

/** Reads the tenant's current revision (for callers holding an older Tenant object). */
export const currentRevision = async (knex: Knex, tenant: Tenant): Promise<Tenant> => {
  return refreshTenant(knex, tenant);
};
