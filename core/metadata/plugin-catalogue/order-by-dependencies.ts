import semver from 'semver';
import { AppError, problem, notFound } from '../../errors.js';
import type { AvailablePlugin } from './types.js';

const missing = (plugin: string, dependency: string): AppError =>
  problem('PLUGIN_DEPENDENCY_MISSING', { plugin, dependency }, { plugin, dependency });

const outOfRange = (plugin: string, dependency: string, version: string, range: string): AppError =>
  problem('PLUGIN_DEPENDENCY_VERSION', { plugin, dependency, version, range }, { plugin, dependency, version, range });

/** Checks one requirement of `plugin`: the dependency exists and its version is in range. */
export const checkRequirement = (plugin: string, dependency: string, range: string, version: string | undefined): void => {
  if (version === undefined) throw missing(plugin, dependency);
  if (!semver.validRange(range) || !semver.satisfies(version, range, { includePrerelease: true })) {
    throw outOfRange(plugin, dependency, version, range);
  }
};

/**
 * Orders plugins so every plugin comes after the plugins it requires (ties by name).
 * Throws an AppError naming both plugins when a required plugin is missing from the list
 * or outside the required semver range, and naming the whole cycle when plugins require
 * each other in a circle.
 */
export const orderByDependencies = (plugins: AvailablePlugin[]): AvailablePlugin[] => {
  const byName = new Map(plugins.map((p) => [p.manifest.name, p]));
  const ordered: AvailablePlugin[] = [];
  const state = new Map<string, 'visiting' | 'done'>();
  const visit = (p: AvailablePlugin, path: string[]): void => {
    const name = p.manifest.name;
    if (state.get(name) === 'done') return;
    if (state.get(name) === 'visiting') {
      const cycle = [...path.slice(path.indexOf(name)), name];
      throw problem('PLUGIN_DEPENDENCY_CYCLE', { cycle: cycle.join(' → ') }, { cycle });
    }
    state.set(name, 'visiting');
    for (const [dep, range] of Object.entries(p.manifest.requires ?? {}).sort(([a], [b]) => a.localeCompare(b))) {
      const target = byName.get(dep);
      checkRequirement(name, dep, range, target?.manifest.version);
      visit(target!, [...path, name]);
    }
    state.set(name, 'done');
    ordered.push(p);
  };
  for (const p of [...plugins].sort((a, b) => a.manifest.name.localeCompare(b.manifest.name))) visit(p, []);
  return ordered;
};

/** `name` and every plugin it needs, directly or not, dependencies first. */
export const withDependencies = (available: AvailablePlugin[], name: string): AvailablePlugin[] => {
  const byName = new Map(available.map((p) => [p.manifest.name, p]));
  const needed = new Map<string, AvailablePlugin>();
  const walk = (n: string, from?: string): void => {
    if (needed.has(n)) return;
    const p = byName.get(n);
    if (!p) throw from ? missing(from, n) : notFound(`Plugin "${n}" does not exist`);
    needed.set(n, p);
    for (const dep of Object.keys(p.manifest.requires ?? {})) walk(dep, n);
  };
  walk(name);
  return orderByDependencies([...needed.values()]);
};
