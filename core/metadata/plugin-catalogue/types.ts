import type { MetadataDocument, PluginManifest } from '../types.js';

/** A plugin folder found on disk: its manifest and its metadata documents. */
export interface AvailablePlugin {
  manifest: PluginManifest;
  dir: string;
  documents: MetadataDocument[];
  /** The file of each document by `<kind>/<name>`. */
  files: Record<string, string>;
}

export type InstallStatus = 'installed' | 'uninstalled';

/** One row of crm_system.plugin_installs. */
export interface InstalledPlugin {
  plugin: string;
  version: string;
  status: InstallStatus;
  installedAt: string;
  updatedAt: string;
}
