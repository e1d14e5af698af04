import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { KIND_FOLDERS } from '../metadata/load-documents.js';
import type { MetadataDocument, PluginManifest } from '../metadata/types.js';
import { discoverPlugins, forgetDiscoveredPlugins } from '../metadata/plugin-catalogue/discover-plugins.js';
import { BUNDLED_PLUGINS_DIR } from '../metadata/plugin-catalogue/plugins-dir.js';

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

/**
 * A scratch plugins folder holding a changed copy of bundled plugins (say, a next version
 * that renames a field): each one's manifest and documents as `change` returns them, and
 * a server/index.ts re-exporting the bundled one, so hooks, actions and routes stay the same modules.
 * Discovery reads this folder until restore().
 */
export const useBundledPluginCopy = async (
  names: string[],
  change: (plugin: { manifest: PluginManifest; documents: MetadataDocument[] }) => { manifest: PluginManifest; documents: MetadataDocument[] },
): Promise<{ root: string; restore(): void }> => {
  const bundled = await discoverPlugins(BUNDLED_PLUGINS_DIR);
  const scratch = useFixturePluginsDir();
  for (const name of names) {
    const plugin = bundled.find((p) => p.manifest.name === name);
    if (!plugin) throw new Error(`No bundled plugin "${name}"`);
    const next = change(structuredClone({ manifest: plugin.manifest, documents: plugin.documents }));
    writeFixturePlugin(scratch.root, next.manifest, next.documents);
    const server = ['index.ts', 'index.js'].map((f) => join(plugin.dir, 'server', f)).find((f) => existsSync(f));
    if (server) {
      mkdirSync(join(scratch.root, next.manifest.name, 'server'));
      writeFileSync(join(scratch.root, next.manifest.name, 'server', 'index.ts'), `export { default } from ${JSON.stringify(pathToFileURL(server).href)};\n`);
    }
  }
  return scratch;
};

/**
 * The documents with field `from` of `entity` renamed to `to` (same stable id): the
 * entity's fields, title and search fields, and the forms and views of that entity.
 */
export const renameField = (documents: MetadataDocument[], entity: string, from: string, to: string): MetadataDocument[] =>
  documents.map((doc) => {
    const d = doc as MetadataDocument & { entity?: string };
    const owns = (d.kind === 'entity' && d.name === entity) || ((d.kind === 'form' || d.kind === 'view') && d.entity === entity);
    return owns ? (JSON.parse(JSON.stringify(doc).replaceAll(JSON.stringify(from), JSON.stringify(to))) as MetadataDocument) : doc;
  });
