import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { notFound } from '../../errors.js';
import { loadPluginFolder } from '../load-plugin-folder.js';
import { formatProblem, type MetadataProblem } from '../problem.js';
import { systemLayer } from '../system-layer.js';
import { validateDocument } from '../validate-document.js';
import type { AvailablePlugin } from './types.js';
import { pluginsDir } from './plugins-dir.js';

/** A plugin folder set aside because its manifest or documents do not pass their schemas. */
export interface BrokenPlugin {
  folder: string;
  problems: MetadataProblem[];
}

interface Discovery {
  plugins: AvailablePlugin[];
  broken: BrokenPlugin[];
}

const cache = new Map<string, Promise<Discovery>>();

const keyOf = (doc: { kind: string; name: string }): string => `${doc.kind}/${doc.name}`;

const readPlugins = async (root: string): Promise<Discovery> => {
  if (!existsSync(root)) return { plugins: [], broken: [] };
  const folders = readdirSync(root)
    .sort()
    .map((name) => ({ name, dir: join(root, name) }))
    .filter(({ dir }) => statSync(dir).isDirectory() && existsSync(join(dir, 'plugin.json')))
    .map(({ name, dir }) => ({ name, dir, folder: loadPluginFolder(dir) }));
  // A document a layer below also defines (the system, or a plugin this one requires) is an
  // overlay here: it is checked as one, as metadata:check and the layer merge do.
  const docsOf = new Map<string, Set<string>>([['system', new Set(systemLayer().documents.map(keyOf))]]);
  const requiresOf = new Map<string, string[]>();
  for (const { folder } of folders) {
    if (!folder.manifest) continue;
    docsOf.set(folder.manifest.name, new Set(folder.documents.map((d) => keyOf(d.doc))));
    requiresOf.set(folder.manifest.name, Object.keys(folder.manifest.requires ?? {}));
  }
  const below = (plugin: string): string[] => {
    const seen = new Set<string>();
    const walk = (p: string) => (requiresOf.get(p) ?? []).forEach((d) => !seen.has(d) && (seen.add(d), walk(d)));
    walk(plugin);
    return ['system', ...seen];
  };
  const isOverlay = (plugin: string | undefined, key: string): boolean => below(plugin ?? '').some((layer) => docsOf.get(layer)?.has(key));
  const plugins: AvailablePlugin[] = [];
  const broken: BrokenPlugin[] = [];
  for (const { name, dir, folder } of folders) {
    const problems = [...folder.problems];
    for (const { file, doc } of folder.documents) problems.push(...validateDocument(doc, { file, overlay: isOverlay(folder.manifest?.name, keyOf(doc)) }));
    if (problems.length || !folder.manifest) {
      broken.push({ folder: name, problems });
      continue;
    }
    plugins.push({
      manifest: folder.manifest,
      dir,
      documents: folder.documents.map((d) => d.doc),
      files: Object.fromEntries(folder.documents.map((d) => [keyOf(d.doc), d.file])),
    });
  }
  if (broken.length) {
    const lines = broken.flatMap((b) => b.problems.slice(0, 5).map((p) => `  ${formatProblem(p)}`));
    process.emitWarning(`Plugin folder(s) set aside, their metadata has problems (run npm run metadata:check):\n${lines.join('\n')}`, { code: 'CRM_PLUGIN_INVALID' });
  }
  return { plugins, broken };
};

const discover = (rootDir: string): Promise<Discovery> => {
  const root = resolve(rootDir);
  let found = cache.get(root);
  if (!found) {
    found = readPlugins(root);
    cache.set(root, found);
    found.catch(() => cache.delete(root));
  }
  return found;
};

/**
 * Every valid plugin folder under `rootDir` (default: pluginsDir()) with a plugin.json:
 * the manifest and the metadata documents, each checked against its JSON Schema. A
 * folder with problems is set aside (brokenPlugins() names them with every problem, and a
 * process warning says so once) rather than failing every tenant's requests: one bad
 * deployment of one plugin must not take down the tenants that do not use it. Tenants
 * that have it installed lose its entities until it is fixed; their data stays.
 * Read once per folder and process; forgetDiscoveredPlugins() reads again.
 */
export const discoverPlugins = async (rootDir: string = pluginsDir()): Promise<AvailablePlugin[]> => (await discover(rootDir)).plugins;

/** The plugin folders discovery set aside, with their problems (file, pointer, message). */
export const brokenPlugins = async (rootDir: string = pluginsDir()): Promise<BrokenPlugin[]> => (await discover(rootDir)).broken;

/** Drops what discoverPlugins remembered (after plugin files changed on disk). */
export const forgetDiscoveredPlugins = (): void => cache.clear();

/** One available plugin by name, or 404. */
export const findAvailablePlugin = async (name: string, rootDir?: string): Promise<AvailablePlugin> => {
  const plugin = (await discoverPlugins(rootDir)).find((p) => p.manifest.name === name);
  if (!plugin) throw notFound(`Plugin "${name}" does not exist`);
  return plugin;
};
