import semver from 'semver';
import type { PluginManifest } from './types.js';
import { childPointer, type MetadataProblem } from './problem.js';

export interface PluginEntry {
  manifest: PluginManifest;
  /** Where the manifest came from, for problems. */
  file: string;
}

/**
 * Orders plugins so each comes after every plugin it requires, and checks the
 * requirements: the plugin exists, the range is valid semver and the version satisfies it,
 * and there is no cycle. A plugin whose requirements fail is still ordered.
 */
export const orderPlugins = <T extends PluginEntry>(plugins: T[]): { ordered: T[]; problems: MetadataProblem[] } => {
  const byName = new Map(plugins.map((p) => [p.manifest.name, p]));
  const problems: MetadataProblem[] = [];
  for (const p of plugins) {
    for (const [dep, range] of Object.entries(p.manifest.requires ?? {})) {
      const pointer = childPointer('/requires', dep);
      const target = byName.get(dep);
      if (!target) problems.push({ file: p.file, pointer, message: `plugin "${dep}" does not exist` });
      else if (!semver.validRange(range)) problems.push({ file: p.file, pointer, message: `"${range}" is not a semver range` });
      else if (!semver.satisfies(target.manifest.version, range)) {
        problems.push({ file: p.file, pointer, message: `"${dep}" is at version ${target.manifest.version}, outside ${range}` });
      }
    }
  }
  const ordered: T[] = [];
  const state = new Map<string, 'visiting' | 'done'>();
  const visit = (p: T, path: string[]): void => {
    const name = p.manifest.name;
    if (state.get(name) === 'done') return;
    if (state.get(name) === 'visiting') {
      problems.push({ file: p.file, pointer: '/requires', message: `plugins require each other in a cycle: ${[...path, name].join(' → ')}` });
      return;
    }
    state.set(name, 'visiting');
    for (const dep of Object.keys(p.manifest.requires ?? {}).sort()) {
      const target = byName.get(dep);
      if (target) visit(target, [...path, name]);
    }
    state.set(name, 'done');
    ordered.push(p);
  };
  for (const p of [...plugins].sort((a, b) => a.manifest.name.localeCompare(b.manifest.name))) visit(p, []);
  return { ordered, problems };
};

/** The plugins `name` needs, directly or not, in dependency order (itself excluded). */
export const pluginDependencies = <T extends PluginEntry>(ordered: T[], name: string): T[] => {
  const byName = new Map(ordered.map((p) => [p.manifest.name, p]));
  const needed = new Set<string>();
  const walk = (n: string): void => {
    for (const dep of Object.keys(byName.get(n)?.manifest.requires ?? {})) {
      if (!needed.has(dep) && byName.has(dep)) {
        needed.add(dep);
        walk(dep);
      }
    }
  };
  walk(name);
  return ordered.filter((p) => needed.has(p.manifest.name));
};
