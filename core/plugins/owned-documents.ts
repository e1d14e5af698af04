import type { MetadataDocument, PluginManifest } from '../metadata/types.js';
import { systemLayer } from '../metadata/system-layer.js';
import { discoverPlugins } from '../metadata/plugin-catalogue/discover-plugins.js';
import { docKey } from './plugin-changes.js';

/**
 * The documents a plugin owns: those no layer below it (the system, the plugins it
 * requires) also defines. A plugin's overlay of another plugin's document (extra fields
 * on `customer`, extra rights for a role) is not its own, so uninstalling it does not set
 * aside the tenant's customisations of that document.
 */
export const ownedDocuments = async (documents: MetadataDocument[], manifest: PluginManifest | undefined): Promise<MetadataDocument[]> => {
  const available = new Map((await discoverPlugins()).map((p) => [p.manifest.name, p]));
  const below = new Set(systemLayer().documents.map((d) => docKey(d.kind, d.name)));
  const seen = new Set<string>();
  const walk = (requires: Record<string, string> | undefined): void => {
    for (const name of Object.keys(requires ?? {})) {
      if (seen.has(name)) continue;
      seen.add(name);
      const p = available.get(name);
      for (const d of p?.documents ?? []) below.add(docKey(d.kind, d.name));
      walk(p?.manifest.requires);
    }
  };
  walk(manifest?.requires);
  return documents.filter((d) => !below.has(docKey(d.kind, d.name)));
};
