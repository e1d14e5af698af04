import type { Knex } from 'knex';
import { asTenant, type Tenant } from '../db/tenant.js';
import { problem } from '../errors.js';
import type { MetadataDocument } from '../metadata/types.js';
import { ownedDocuments } from './owned-documents.js';
import { parkCustomisations, restoreCustomisations } from './park-customisations.js';
import { readSnapshot, writeSnapshot, type PluginSnapshot } from './plugin-snapshots.js';
import { readTenantLayers, writeTenantLayers } from './tenant-layers.js';
import type { AvailablePlugin, PluginActor } from './types.js';

interface Ctx {
  tenant: Tenant;
  actor: PluginActor;
}

/**
 * On uninstall: moves the tenant's customisations that depend on the plugin out of its
 * layer (working copy and published, recorded as a version) into the plugin's snapshot,
 * so the tenant's metadata stays valid without the plugin. Returns how many parts moved.
 */
export const parkTenantCustomisations = async (trx: Knex.Transaction, ctx: Ctx, plugin: AvailablePlugin | undefined, name: string): Promise<number> => {
  const snapshot: PluginSnapshot | undefined = await asTenant(trx, ctx.tenant, (t) => readSnapshot(t, name));
  const documents: MetadataDocument[] = snapshot?.documents ?? plugin?.documents ?? [];
  const owned = await ownedDocuments(documents, snapshot?.manifest ?? plugin?.manifest);
  const layers = await readTenantLayers(trx, ctx.tenant);
  const draft = parkCustomisations(layers.draft, owned);
  const published = parkCustomisations(layers.publishedVersion > 0 ? layers.published : [], owned);
  if (!draft.parked.length && !published.parked.length) return 0;
  await writeTenantLayers(trx, {
    ...ctx,
    before: layers,
    draft: draft.kept,
    published: layers.publishedVersion > 0 ? published.kept : layers.published,
    message: `Set aside customisations of plugin ${name} while it is uninstalled`,
  });
  const base = snapshot ?? { plugin: name, version: plugin?.manifest.version ?? '0.0.0', manifest: plugin!.manifest, documents };
  await asTenant(trx, ctx.tenant, (t) => writeSnapshot(t, { ...base, parked: { draft: draft.parked, published: published.parked } }));
  return draft.parked.length + published.parked.length;
};

/**
 * On reinstall: puts the parked customisations back (before any rebase onto a newer
 * version). A place the tenant took in the meantime refuses the reinstall (409).
 */
export const restoreTenantCustomisations = async (trx: Knex.Transaction, ctx: Ctx, snapshot: PluginSnapshot | undefined): Promise<string[]> => {
  if (!snapshot?.parked) return [];
  const layers = await readTenantLayers(trx, ctx.tenant);
  const draft = restoreCustomisations(layers.draft, snapshot.parked.draft);
  const published = restoreCustomisations(layers.published, snapshot.parked.published);
  const conflicts = [...published.conflicts, ...draft.conflicts.filter((c) => !published.conflicts.some((p) => p.document === c.document && p.field === c.field))];
  if (conflicts.length) {
    throw problem('PLUGIN_RESTORE_CONFLICT', { plugin: snapshot.plugin }, {
      plugin: snapshot.plugin,
      conflicts,
    });
  }
  await writeTenantLayers(trx, {
    ...ctx,
    before: layers,
    draft: draft.documents,
    published: published.documents,
    message: `Restored customisations of plugin ${snapshot.plugin}`,
  });
  return [...new Set([...published.notes, ...draft.notes])];
};
