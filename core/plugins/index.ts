/** core/plugins: the plugin contract (definePlugin), discovery, and the per-tenant lifecycle. */
export type { AvailablePlugin, InstalledPlugin, InstallStatus, LifecycleResult, PluginActor, PluginLifecycleCtx, PluginManifest, UpgradeConflict } from './types.js';
export type {
  ActionInputDef,
  AfterHook,
  BeforeHook,
  HookAction,
  HookKey,
  PluginApi,
  PluginContributions,
  PluginDefinition,
  PluginRecordContext,
  PluginRequest,
  PluginRouteContext,
  PluginRouteDef,
  WebFormDef,
  WebFormFieldDef,
  PortalRoleDef,
  RouteRecords,
  PluginRuntime,
  RecordActionDef,
  RecordEvent,
  RuleOperatorDef,
  SeedDef,
} from './plugin-api.js';
export { PLUGIN_ROUTE_BODY_LIMIT } from './plugin-api.js';
export { definePlugin } from './define-plugin.js';
export { BUNDLED_PLUGINS_DIR, pluginsDir } from '../metadata/plugin-catalogue/plugins-dir.js';
export { brokenPlugins, discoverPlugins, findAvailablePlugin, forgetDiscoveredPlugins, type BrokenPlugin } from '../metadata/plugin-catalogue/discover-plugins.js';
export { checkRequirement, orderByDependencies, withDependencies } from '../metadata/plugin-catalogue/order-by-dependencies.js';
export { installedPlugins, installsOfPlugin } from '../metadata/plugin-catalogue/plugin-installs.js';
export { installedPluginLayers, pluginLayer } from '../metadata/plugin-catalogue/plugin-layers.js';
export { installPlugin, type InstallPluginInput } from './install-plugin.js';
export { upgradePlugin, type UpgradePluginInput } from './upgrade-plugin.js';
export { uninstallPlugin } from './uninstall-plugin.js';
export { purgePlugin, type PurgePluginInput } from './purge-plugin.js';
export { listPlugins, type PluginListing } from './list-plugins.js';
export { runPluginCommand, type PluginCommandInput } from './plugin-command.js';
export { loadPluginServers } from './load-plugin-servers.js';
export { loadTenantRuntime, tenantRuntime, type TenantRuntime } from './tenant-runtime.js';
export { performRecordAction, type RecordActionInput } from './run-record-action.js';
export { uploadPlugin, type UploadPluginInput, type UploadPluginResult } from './package/upload-plugin.js';
export { removeUploadedPlugin, type RemoveUploadedPluginInput } from './package/remove-uploaded-plugin.js';
export { readPluginArchive, type PluginPackage } from './package/read-plugin-archive.js';
export { writePluginArchive } from './package/write-plugin-archive.js';
export { PLUGIN_ARCHIVE_LIMITS } from './package/archive-limits.js';
export { addModuleDocuments, createModule, getModule, joinModule, listModules, moduleMenuGroups, removeModuleDocument, updateModule, workingModule, type ModuleDocumentRef, type ModuleMenuGroup, type TenantModule } from './modules/module-store.js';
export { exportModule, type ExportModuleInput, type ModuleExport } from './modules/export-module.js';
export { availablePluginsOf, uploadedPlugins } from '../metadata/plugin-catalogue/uploaded-plugins.js';
