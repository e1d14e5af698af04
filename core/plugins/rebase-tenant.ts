import type { Knex } from 'knex';
import type { Tenant } from '../db/tenant.js';
import { problem } from '../errors.js';
import { checkLayers } from '../metadata/check-layers.js';
import type { MetadataLayer } from '../metadata/merge-layers.js';
import { formatProblem, type MetadataProblem } from '../metadata/problem.js';
import { systemLayer } from '../metadata/system-layer.js';
import { tenantLayer } from '../metadata/tenant-store.js';
import type { MetadataDocument } from '../metadata/types.js';
import { layersOfInstalled } from '../metadata/plugin-catalogue/plugin-layers.js';
import { rebaseTenantLayer } from './rebase-tenant-layer.js';
import { readTenantLayers, writeTenantLayers } from './tenant-layers.js';
import type { AvailablePlugin, InstalledPlugin, PluginActor, UpgradeConflict } from './types.js';

const problemKey = (p: MetadataProblem): string => `${p.file}\u0000${p.pointer}\u0000${p.message}`;

/** Problems of the tenant layer over `below` that it did not have over `belowBefore`. */
const introducedProblems = (belowBefore: MetadataLayer[], before: MetadataDocument[], below: MetadataLayer[], after: MetadataDocument[]): MetadataProblem[] => {
  const old = new Set(checkLayers([systemLayer(), ...belowBefore, tenantLayer(before)]).problems.map(problemKey));
  return checkLayers([systemLayer(), ...below, tenantLayer(after)]).problems.filter((p) => !old.has(problemKey(p)));
};

export interface RebaseTenantInput {
  tenant: Tenant;
  actor: PluginActor;
  plugin: AvailablePlugin;
  /** The plugin's documents as the tenant has them now. */
  before: MetadataDocument[];
  available: AvailablePlugin[];
  /** Installs as they will be after the operation (the plugin marked installed). */
  installs: InstalledPlugin[];
}

/**
 * Rebases the tenant's layer (working copy and published) from the plugin's old documents
 * onto its new ones and stores it as new versions, in the caller's locked transaction.
 * Any conflict, or any metadata problem the new version would bring to the published
 * layer, refuses the whole operation (409 PLUGIN_UPGRADE_CONFLICT, every conflict listed)
 * before anything is written. Returns notes on what was carried over.
 */
export const rebaseTenant = async (trx: Knex.Transaction, input: RebaseTenantInput): Promise<string[]> => {
  const name = input.plugin.manifest.name;
  const layers = await readTenantLayers(trx, input.tenant);
  const belowBefore = layersOfInstalled(input.available, input.installs, { plugin: name, documents: input.before });
  const below = layersOfInstalled(input.available, input.installs, { plugin: name, documents: input.plugin.documents });
  const belowDocs = below.filter((l) => l.source !== `plugin:${name}`).flatMap((l) => l.documents);
  const rebase = (tenant: MetadataDocument[]) =>
    rebaseTenantLayer({ plugin: name, before: input.before, after: input.plugin.documents, tenant, below: [...systemLayer().documents, ...belowDocs] });
  const draft = rebase(layers.draft);
  const published = rebase(layers.published);
  const conflicts: UpgradeConflict[] = [...published.conflicts];
  for (const c of draft.conflicts) if (!conflicts.some((x) => x.document === c.document && x.message === c.message)) conflicts.push(c);
  if (!conflicts.length && layers.publishedVersion > 0) {
    for (const p of introducedProblems(belowBefore, layers.published, below, published.documents)) {
      conflicts.push({ document: p.file, field: p.pointer || undefined, message: formatProblem(p) });
    }
  }
  if (conflicts.length) {
    throw problem('PLUGIN_UPGRADE_CONFLICT', { plugin: name, version: input.plugin.manifest.version, count: conflicts.length }, { plugin: name, conflicts });
  }
  await writeTenantLayers(trx, {
    tenant: input.tenant,
    actor: input.actor,
    before: layers,
    draft: draft.documents,
    published: published.documents,
    message: `Rebased onto plugin ${name} ${input.plugin.manifest.version}`,
  });
  return [...new Set([...published.notes, ...draft.notes])];
};
