import type { Knex } from 'knex';
import type { Tenant } from '../../db/tenant.js';
import type { MetadataLayer } from '../merge-layers.js';
import type { MetadataDocument } from '../types.js';
import { availablePluginsOf } from './uploaded-plugins.js';
import { orderByDependencies } from './order-by-dependencies.js';
import { installedPlugins } from './plugin-installs.js';
import type { AvailablePlugin, InstalledPlugin } from './types.js';

/** The metadata layer of one plugin (`plugin:<name>`), naming its files in problems when known. */
export const pluginLayer = (name: string, documents: MetadataDocument[], files?: Record<string, string>): MetadataLayer => ({
  source: `plugin:${name}`,
  documents,
  files,
});

/**
 * The layers of the plugins marked installed, dependencies first. `replace` swaps one
 * plugin's documents (an upgrade checks the tenant layer against old and new ones).
 */
export const layersOfInstalled = (
  available: AvailablePlugin[],
  installs: InstalledPlugin[],
  replace?: { plugin: string; documents: MetadataDocument[] },
): MetadataLayer[] => {
  const installed = new Set(installs.filter((r) => r.status === 'installed').map((r) => r.plugin));
  return orderByDependencies(available.filter((p) => installed.has(p.manifest.name))).map((p) =>
    replace?.plugin === p.manifest.name ? pluginLayer(p.manifest.name, replace.documents) : pluginLayer(p.manifest.name, p.documents, p.files),
  );
};

/** The tenant's installed plugins as metadata layers, in dependency order (what sits between system and tenant). */
export const installedPluginLayers = async (knex: Knex, tenant: Tenant): Promise<MetadataLayer[]> =>
  layersOfInstalled(await availablePluginsOf(knex, tenant), await installedPlugins(knex, tenant));
