import semver from 'semver';
import type { Knex } from 'knex';
import type { Tenant } from '../../db/tenant.js';
import { problem } from '../../errors.js';
import { checkLayers } from '../../metadata/check-layers.js';
import { lockTenant } from '../../metadata/tenant-store.js';
import { systemLayer } from '../../metadata/system-layer.js';
import { discoverPlugins } from '../../metadata/plugin-catalogue/discover-plugins.js';
import { checkRequirement, withDependencies } from '../../metadata/plugin-catalogue/order-by-dependencies.js';
import { installedPlugins } from '../../metadata/plugin-catalogue/plugin-installs.js';
import { pluginLayer } from '../../metadata/plugin-catalogue/plugin-layers.js';
import { availablePluginsOf, uploadedDir, writeUploadedPlugin } from '../../metadata/plugin-catalogue/uploaded-plugins.js';
import { installPlugin } from '../install-plugin.js';
import { upgradePlugin } from '../upgrade-plugin.js';
import type { AvailablePlugin, LifecycleResult, PluginLifecycleCtx } from '../types.js';
import { invalidPackage, readPluginArchive, type PluginPackage } from './read-plugin-archive.js';

export interface UploadPluginInput {
  tenant: Tenant;
  /** The .zip as uploaded. */
  archive: Buffer;
  /** Also install it. (A plugin the tenant has installed is always upgraded to the uploaded version.) */
  apply?: boolean;
  /** With `apply` on a fresh install: create the package's demo records. */
  withDemoData?: boolean;
  confirmDestructive?: boolean;
}

export interface UploadPluginResult {
  plugin: string;
  version: string;
  /** What installing or upgrading did, when asked to. */
  lifecycle: LifecycleResult | null;
}

/** The package's metadata checked as it will be used: on top of the system and the plugins it requires. */
const checkPackage = (pkg: PluginPackage, available: AvailablePlugin[]): void => {
  const name = pkg.manifest.name;
  const self: AvailablePlugin = { manifest: pkg.manifest, dir: uploadedDir(name), documents: pkg.documents, files: pkg.files };
  const chain = withDependencies([...available.filter((p) => p.manifest.name !== name), self], name);
  const below = chain.filter((p) => p.manifest.name !== name).map((p) => pluginLayer(p.manifest.name, p.documents, p.files));
  const files = Object.fromEntries(Object.entries(pkg.files).map(([k, f]) => [k, `${name}/${f}`]));
  const { problems } = checkLayers([systemLayer(), ...below, pluginLayer(name, pkg.documents, files)]);
  if (problems.length) throw invalidPackage(problems);
};

/**
 * Takes an uploaded plugin package into the tenant's catalogue (crm_system.uploaded_plugins:
 * the tenant's own, beside the plugins shipped on disk), then, when asked, installs it or
 * upgrades the tenant to it through the same path as a shipped plugin (dependencies
 * checked, the tenant's customisations rebased by stable ids). The archive is read and
 * checked in full before anything is written, and everything happens in one transaction:
 * a refusal at any step leaves the tenant as it was.
 */
export const uploadPlugin = async (input: UploadPluginInput, ctx: PluginLifecycleCtx): Promise<UploadPluginResult> => {
  const pkg = await readPluginArchive(input.archive);
  const { name, version } = pkg.manifest;
  if ((await discoverPlugins()).some((p) => p.manifest.name === name)) throw problem('PLUGIN_NAME_SHIPPED', { plugin: name });
  return ctx.knex.transaction(async (trx) => {
    const { tenant } = input;
    await lockTenant(trx, tenant);
    const available = await availablePluginsOf(trx, tenant);
    const current = available.find((p) => p.manifest.name === name);
    if (current && !semver.gt(version, current.manifest.version)) throw problem('PLUGIN_ARCHIVE_NOT_NEWER', { plugin: name, current: current.manifest.version });
    for (const [dep, range] of Object.entries(pkg.manifest.requires ?? {})) {
      checkRequirement(name, dep, range, available.find((p) => p.manifest.name === dep)?.manifest.version);
    }
    checkPackage(pkg, available);
    await writeUploadedPlugin(trx, tenant, pkg, ctx.actor.id);
    // The catalogue keeps one version of a package: a tenant that has it installed moves to the new one at once,
    // so the metadata in force never differs from the version its install row names.
    const installed = (await installedPlugins(trx, tenant)).find((r) => r.plugin === name)?.status === 'installed';
    if (!input.apply && !installed) return { plugin: name, version, lifecycle: null };
    const lc = { knex: trx, actor: ctx.actor };
    const lifecycle = installed
      ? await upgradePlugin({ tenant, plugin: name, confirmDestructive: input.confirmDestructive }, lc)
      : await installPlugin({ tenant, plugin: name, withDemoData: input.withDemoData, confirmDestructive: input.confirmDestructive }, lc);
    return { plugin: name, version, lifecycle };
  });
};
