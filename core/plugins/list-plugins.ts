import semver from 'semver';
import type { Knex } from 'knex';
import type { Tenant } from '../db/tenant.js';
import type { Label } from '../metadata/types.js';
import { availablePluginsOf, isUploaded } from '../metadata/plugin-catalogue/uploaded-plugins.js';
import { installedPlugins } from '../metadata/plugin-catalogue/plugin-installs.js';
import type { InstallStatus } from './types.js';

/** One line of GET /api/plugins. */
export interface PluginListing {
  name: string;
  label: Label;
  description?: Label;
  /** The group the app's menu lists its entities under, when it names one. */
  menuGroup?: string;
  /** The version on disk, ready to install or upgrade to. */
  availableVersion: string;
  /** The version the tenant has (installed or uninstalled with its data kept); null if never installed or purged. */
  installedVersion: string | null;
  status: InstallStatus | 'available';
  upgradeAvailable: boolean;
  requires: Record<string, string>;
  /** `server`: shipped on disk for every tenant; `upload`: a package uploaded to this tenant. */
  source: 'server' | 'upload';
  /** Installed plugins of the tenant that require this one. */
  requiredBy: string[];
}

/** Every available plugin with the tenant's install state, by name. */
export const listPlugins = async (input: { tenant: Tenant }, ctx: { knex: Knex }): Promise<PluginListing[]> => {
  const available = await availablePluginsOf(ctx.knex, input.tenant);
  const installs = new Map((await installedPlugins(ctx.knex, input.tenant)).map((r) => [r.plugin, r]));
  const installedNames = [...installs.values()].filter((r) => r.status === 'installed').map((r) => r.plugin);
  return available.map((plugin) => {
    const { manifest } = plugin;
    const row = installs.get(manifest.name);
    return {
      name: manifest.name,
      label: manifest.label,
      description: manifest.description,
      ...(manifest.menuGroup && { menuGroup: manifest.menuGroup }),
      availableVersion: manifest.version,
      installedVersion: row?.version ?? null,
      status: row?.status ?? 'available',
      upgradeAvailable: row?.status === 'installed' && semver.gt(manifest.version, row.version),
      requires: manifest.requires ?? {},
      source: isUploaded(plugin) ? 'upload' : 'server',
      requiredBy: available
        .filter((p) => installedNames.includes(p.manifest.name) && p.manifest.requires?.[manifest.name] !== undefined)
        .map((p) => p.manifest.name),
    };
  });
};
