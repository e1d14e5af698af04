import type { Knex } from 'knex';
import type { Tenant } from '../../db/tenant.js';
import type { MetadataDocument, PluginManifest } from '../types.js';
import { discoverPlugins } from './discover-plugins.js';
import type { AvailablePlugin } from './types.js';

export const UPLOADED_PLUGINS = 'crm_system.uploaded_plugins';

/** Demo records of an uploaded package, by entity (data only; created when installed with demo data). */
export type DemoRecords = Record<string, Record<string, unknown>[]>;

/** A plugin package uploaded to one tenant: a catalogue entry of that tenant only, kept in the database. */
export interface UploadedPlugin extends AvailablePlugin {
  demo: DemoRecords;
}

/** Where an uploaded plugin "lives": no folder, its place in the tenant's catalogue. */
export const uploadedDir = (name: string): string => `upload:${name}`;

export const isUploaded = (plugin: AvailablePlugin): plugin is UploadedPlugin => plugin.dir.startsWith('upload:');

interface UploadRow {
  name: string;
  manifest: PluginManifest;
  documents: MetadataDocument[];
  demo: DemoRecords;
}

const parsed = <T>(v: unknown): T => (typeof v === 'string' ? (JSON.parse(v) as T) : (v as T));

/** The plugins uploaded to the tenant, by name. */
export const uploadedPlugins = async (knex: Knex, tenant: Pick<Tenant, 'id'>): Promise<UploadedPlugin[]> => {
  const rows: UploadRow[] = await knex(UPLOADED_PLUGINS).where({ tenant_id: tenant.id }).orderBy('name').select('name', 'manifest', 'documents', 'demo');
  return rows.map((r) => ({ manifest: parsed(r.manifest), dir: uploadedDir(r.name), documents: parsed(r.documents), files: {}, demo: parsed(r.demo) }));
};

/** Stores (or replaces) an uploaded plugin in the tenant's catalogue, in the caller's transaction. */
export const writeUploadedPlugin = async (trx: Knex, tenant: Pick<Tenant, 'id'>, plugin: { manifest: PluginManifest; documents: MetadataDocument[]; demo: DemoRecords }, by: string | undefined): Promise<void> => {
  const row = { version: plugin.manifest.version, manifest: JSON.stringify(plugin.manifest), documents: JSON.stringify(plugin.documents), demo: JSON.stringify(plugin.demo), uploaded_by: by ?? null };
  await trx(UPLOADED_PLUGINS)
    .insert({ tenant_id: tenant.id, name: plugin.manifest.name, ...row })
    .onConflict(['tenant_id', 'name'])
    .merge({ ...row, uploaded_at: trx.fn.now() });
};

/**
 * The plugins a tenant can install: those on disk (shipped with the server, the same for
 * every tenant) and those uploaded to this tenant. A name on disk cannot be uploaded, so
 * the two never clash.
 */
export const availablePluginsOf = async (knex: Knex, tenant: Pick<Tenant, 'id'>): Promise<AvailablePlugin[]> => {
  const disk = await discoverPlugins();
  const uploaded = await uploadedPlugins(knex, tenant);
  const onDisk = new Set(disk.map((p) => p.manifest.name));
  return [...disk, ...uploaded.filter((p) => !onDisk.has(p.manifest.name))];
};
