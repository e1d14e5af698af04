import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { AppError } from '../errors.js';
import { loadPluginFolder } from '../metadata/load-plugin-folder.js';
import { formatProblem, type MetadataProblem } from '../metadata/problem.js';
import { validateDocument } from '../metadata/validate-document.js';
import type { AvailablePlugin } from './types.js';
import { pluginsDir } from './plugins-dir.js';

const cache = new Map<string, Promise<AvailablePlugin[]>>();

const readPlugins = async (root: string): Promise<AvailablePlugin[]> => {
  if (!existsSync(root)) return [];
  const problems: MetadataProblem[] = [];
  const plugins: AvailablePlugin[] = [];
  for (const name of readdirSync(root).sort()) {
    const dir = join(root, name);
    if (!statSync(dir).isDirectory() || !existsSync(join(dir, 'plugin.json'))) continue;
    const folder = loadPluginFolder(dir);
    problems.push(...folder.problems);
    for (const { file, doc } of folder.documents) problems.push(...validateDocument(doc, { file }));
    if (!folder.manifest) continue;
    plugins.push({
      manifest: folder.manifest,
      dir,
      documents: folder.documents.map((d) => d.doc),
      files: Object.fromEntries(folder.documents.map((d) => [`${d.doc.kind}/${d.doc.name}`, d.file])),
    });
  }
  if (problems.length) {
    throw new AppError('PLUGIN_INVALID', 500, `Plugin metadata has ${problems.length} problem(s): ${problems.slice(0, 5).map(formatProblem).join('; ')}`, {
      problems,
    });
  }
  return plugins;
};

/**
 * Every plugin folder under `rootDir` (default: pluginsDir()) with a plugin.json: the
 * manifest and the metadata documents, each checked against its JSON Schema. A folder
 * with problems fails the whole discovery (PLUGIN_INVALID, every problem in details):
 * a broken plugin is a deployment error, caught by `npm run metadata:check` first.
 * Read once per folder and process; forgetDiscoveredPlugins() reads again.
 */
export const discoverPlugins = (rootDir: string = pluginsDir()): Promise<AvailablePlugin[]> => {
  const root = resolve(rootDir);
  let found = cache.get(root);
  if (!found) {
    found = readPlugins(root);
    cache.set(root, found);
    found.catch(() => cache.delete(root));
  }
  return found;
};

/** Drops what discoverPlugins remembered (after plugin files changed on disk). */
export const forgetDiscoveredPlugins = (): void => cache.clear();

/** One available plugin by name, or 404. */
export const findAvailablePlugin = async (name: string, rootDir?: string): Promise<AvailablePlugin> => {
  const plugin = (await discoverPlugins(rootDir)).find((p) => p.manifest.name === name);
  if (!plugin) throw new AppError('NOT_FOUND', 404, `Plugin "${name}" does not exist`);
  return plugin;
};
