import type { Knex } from 'knex';
import type { MetadataDocument, PluginManifest } from '../metadata/types.js';
import type { ParkedPart } from './park-customisations.js';

/**
 * The documents of each plugin as the tenant installed it, kept in the tenant's schema
 * (internal table `_plugin_documents`, made by the tenant schema ladder and ignored by
 * schema sync). An upgrade compares them
 * with the new version's by stable id to rebase the tenant's customisations; purge
 * uses them to find the plugin's tables. All functions take a transaction inside the
 * tenant's walls.
 */
export interface PluginSnapshot {
  plugin: string;
  version: string;
  manifest: PluginManifest;
  documents: MetadataDocument[];
  /** The tenant's customisations set aside while the plugin is uninstalled. */
  parked?: ParkedLayers;
}

export interface ParkedLayers {
  draft: ParkedPart[];
  published: ParkedPart[];
}

const TABLE = '_plugin_documents';

export const readSnapshot = async (t: Knex.Transaction, plugin: string): Promise<PluginSnapshot | undefined> => {
  const row = await t(TABLE).where({ plugin }).first('plugin', 'version', 'manifest', 'documents', 'parked');
  return row ? { plugin: row.plugin, version: row.version, manifest: row.manifest, documents: row.documents, parked: row.parked ?? undefined } : undefined;
};

/** Stores (or replaces) a plugin's snapshot; `parked` is cleared unless given. */
export const writeSnapshot = async (t: Knex.Transaction, snapshot: PluginSnapshot): Promise<void> => {
  const values = {
    version: snapshot.version,
    manifest: JSON.stringify(snapshot.manifest),
    documents: JSON.stringify(snapshot.documents),
    parked: snapshot.parked ? JSON.stringify(snapshot.parked) : null,
  };
  await t(TABLE)
    .insert({ plugin: snapshot.plugin, ...values })
    .onConflict('plugin')
    .merge({ ...values, saved_at: t.fn.now() });
};

export const deleteSnapshot = async (t: Knex.Transaction, plugin: string): Promise<void> => {
  await t(TABLE).where({ plugin }).delete();
};
