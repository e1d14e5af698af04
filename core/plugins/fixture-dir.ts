import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { KIND_FOLDERS } from '../metadata/load-documents.js';
import type { MetadataDocument, PluginManifest } from '../metadata/types.js';
import { forgetDiscoveredPlugins } from './discover-plugins.js';

const folderOf = Object.fromEntries(Object.entries(KIND_FOLDERS).map(([folder, kind]) => [kind, folder]));

/** Writes plugins/<name>/ (manifest and one file per document) under `root`, replacing what was there. */
export const writeFixturePlugin = (root: string, manifest: PluginManifest, documents: MetadataDocument[]): void => {
  const dir = join(root, manifest.name);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'plugin.json'), JSON.stringify(manifest, null, 2));
  for (const doc of documents) {
    mkdirSync(join(dir, folderOf[doc.kind]), { recursive: true });
    writeFileSync(join(dir, folderOf[doc.kind], `${doc.name}.json`), JSON.stringify(doc, null, 2));
  }
  forgetDiscoveredPlugins();
};

/** A scratch plugins folder that discovery reads instead of <repo>/plugins until restore() is called. */
export const useFixturePluginsDir = (): { root: string; restore(): void } => {
  const root = mkdtempSync(join(tmpdir(), 'crm-plugins-'));
  const previous = process.env.CRM_PLUGINS_DIR;
  process.env.CRM_PLUGINS_DIR = root;
  forgetDiscoveredPlugins();
  return {
    root,
    restore() {
      if (previous === undefined) delete process.env.CRM_PLUGINS_DIR;
      else process.env.CRM_PLUGINS_DIR = previous;
      forgetDiscoveredPlugins();
      rmSync(root, { recursive: true, force: true });
    },
  };
};

