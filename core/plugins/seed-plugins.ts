import type { Knex } from 'knex';
import { asTenant, type Tenant } from '../db/tenant.js';
import { mergePublishedMeta } from '../metadata/tenant-meta.js';
import { recordActor } from './record-actor.js';
import { loadTenantRuntime } from './tenant-runtime.js';
import { readTenantSettings, tenantTimeOf } from '../tenants/tenant-settings.js';
import { withChangeWebhooks } from '../webhooks/index.js';
import { hooksForDoor } from '../workflow/index.js';
import { createRecord } from '../records/index.js';
import { availablePluginsOf, isUploaded } from '../metadata/plugin-catalogue/uploaded-plugins.js';
import type { PluginActor } from './types.js';

/**
 * Runs the seeds of freshly installed plugins (in the given order; demo seeds only when
 * `demo`), inside the caller's transaction and the tenant's walls, with the tenant's
 * metadata, its time (zone and business calendar: seeds date records by the tenant's
 * calendar day) and the `seed` door's hooks (hooksForDoor: plugin hooks and workflow triggers,
 * as for any other write) as they are after the install. Seeds write through the record
 * service as the installing actor (an admin unless the actor says otherwise). Returns
 * records created by entity.
 */
export const seedPlugins = async (
  trx: Knex.Transaction,
  input: { tenant: Tenant; actor: PluginActor; plugins: string[]; demo: boolean },
): Promise<Record<string, number>> => {
  if (!input.plugins.length) return {};
  const runtime = await loadTenantRuntime(trx, input.tenant);
  const seeds = input.plugins.flatMap((p) => runtime.seeds(p).filter((s) => input.demo || !s.demo));
  // An uploaded package brings demo records as data, not code: created here when asked, through the record service.
  const uploaded = input.demo ? (await availablePluginsOf(trx, input.tenant)).filter((p) => isUploaded(p) && input.plugins.includes(p.manifest.name)) : [];
  const demoRecords = uploaded.flatMap((p) => (isUploaded(p) ? Object.entries(p.demo) : []));
  if (!seeds.length && !demoRecords.length) return {};
  const { meta } = await mergePublishedMeta(trx, input.tenant);
  const actor = recordActor(input.actor, { isAdmin: true });
  const hooks = hooksForDoor({ door: 'seed', tenantId: input.tenant.id, pluginHooks: withChangeWebhooks(input.tenant.id, runtime.hooks) });
  const time = tenantTimeOf(await readTenantSettings(trx, input.tenant));
  const counts: Record<string, number> = {};
  await asTenant(trx, input.tenant, async (db) => {
    for (const seed of seeds) {
      const created = await seed.run({ db, meta, actor, hooks, door: 'seed', tenant: input.tenant, time });
      for (const [entity, n] of Object.entries(created ?? {})) counts[entity] = (counts[entity] ?? 0) + n;
    }
    for (const [entity, records] of demoRecords) {
      for (const data of records) await createRecord(entity, data, { db, meta, actor, hooks, door: 'seed' });
      counts[entity] = (counts[entity] ?? 0) + records.length;
    }
  });
  return counts;
};
