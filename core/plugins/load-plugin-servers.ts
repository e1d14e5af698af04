import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { problem } from '../errors.js';
import { collectContributions } from './collect-contributions.js';
import { discoverPlugins } from '../metadata/plugin-catalogue/discover-plugins.js';
import type { PluginContributions, PluginDefinition, PluginRuntime } from './plugin-api.js';
import { pluginsDir } from '../metadata/plugin-catalogue/plugins-dir.js';

const cache = new Map<string, Promise<PluginRuntime>>();

const isDefinition = (v: unknown): v is PluginDefinition => typeof (v as PluginDefinition | undefined)?.setup === 'function';

const serverFile = (dir: string): string | undefined =>
  ['server/index.ts', 'server/index.js'].map((f) => join(dir, f)).find((f) => existsSync(f));

const load = async (root: string): Promise<PluginRuntime> => {
  const plugins = new Map<string, PluginContributions>();
  for (const p of await discoverPlugins(root)) {
    const file = serverFile(p.dir);
    if (!file) continue;
    const mod = (await import(pathToFileURL(file).href)) as { default?: unknown; plugin?: unknown };
    const definition = mod.default ?? mod.plugin;
    if (!isDefinition(definition)) {
      throw problem('PLUGIN_INVALID', { plugin: p.manifest.name, reason: 'server/index must export definePlugin({ setup }) as default' });
    }
    plugins.set(p.manifest.name, collectContributions(p.manifest.name, definition));
  }
  return { plugins };
};

/**
 * Loads plugins/<name>/server/index.ts of every available plugin (default export of
 * definePlugin) and runs its setup once per process. Which contributions apply to a
 * request depends on the tenant's installed plugins (see tenantRuntime).
 */
export const loadPluginServers = (rootDir: string = pluginsDir()): Promise<PluginRuntime> => {
  const root = resolve(rootDir);
  let runtime = cache.get(root);
  if (!runtime) {
    runtime = load(root);
    cache.set(root, runtime);
    runtime.catch(() => cache.delete(root));
  }
  return runtime;
};
