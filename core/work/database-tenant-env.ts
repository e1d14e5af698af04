import type { Knex } from 'knex';
import { findTenantById } from '../tenants/tenant-store.js';
import { loadEffectiveMeta } from '../metadata/tenant-meta.js';
import type { TenantEnv } from '../workflow/runner/tenant-env.js';
import { withChangeWebhooks } from '../webhooks/index.js';
import { runtimeOf } from './runtime-cache.js';

/**
 * The tenant environment of workflow runs from the database: the tenant row fresh per job
 * (it carries the metadata revision), metadata and plugin hooks cached per revision, with the
 * change webhooks after them (a workflow's writes notify subscribers like anyone's). It
 * lives here, above the plugins and the workflow engine, so the workflow engine need not
 * know the plugins: the composition roots hand it to the worker.
 */
export const databaseTenantEnv = (knex: Knex): TenantEnv => ({
  tenant: (id) => findTenantById(knex, id),
  meta: (tenant) => loadEffectiveMeta(knex, tenant),
  pluginHooks: async (tenant) => withChangeWebhooks(tenant.id, (await runtimeOf(knex, tenant)).hooks),
});
