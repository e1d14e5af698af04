import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { checkLayers } from '../metadata/check-layers.js';
import '../workflow/index.js';
import { layerOf, loadDocumentsFromDir, type LoadedDocument } from '../metadata/load-documents.js';
import { loadPluginFolder, type PluginFolder } from '../metadata/load-plugin-folder.js';
import { orderPlugins, pluginDependencies } from '../metadata/order-plugins.js';
import { dedupeProblems, formatProblem, type MetadataProblem } from '../metadata/problem.js';
import type { PluginManifest } from '../metadata/types.js';

export interface MetadataCheckResult {
  problems: MetadataProblem[];
  summary: string;
}

type LoadedPlugin = PluginFolder & { manifest: PluginManifest; file: string };

const pluginFolders = (root: string): PluginFolder[] => {
  const dir = join(root, 'plugins');
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((name) => statSync(join(dir, name)).isDirectory())
    .sort()
    .map((name) => loadPluginFolder(join(dir, name)));
};

/**
 * Checks metadata/system and every plugins/<name>/ under `root`: each plugin is checked
 * merged over the system layer and the plugins it requires, so a reference that only
 * resolves thanks to a plugin it does not declare is caught. File names are relative to root.
 */
export const runMetadataCheck = (root: string): MetadataCheckResult => {
  // Usage: tsx core/cli/metadata-check.ts [root]; root defaults to the repository.
  const rel = (d: LoadedDocument): LoadedDocument => ({ ...d, file: relative(root, d.file) });
  const system = loadDocumentsFromDir(join(root, 'metadata', 'system'));
  const problems: MetadataProblem[] = [...system.problems];
  const systemLayer = layerOf('system', system.documents.map(rel));
  problems.push(...checkLayers([systemLayer]).problems);

  const folders = pluginFolders(root);
  for (const f of folders) problems.push(...f.problems);
  const loaded = folders
    .filter((f) => f.manifest && typeof f.manifest.name === 'string')
    .map((f) => ({ ...f, file: f.manifestFile }) as LoadedPlugin);
  const { ordered, problems: orderProblems } = orderPlugins(loaded);
  problems.push(...orderProblems);
  const layerOfPlugin = (p: LoadedPlugin) => layerOf(`plugin:${p.manifest.name}`, p.documents.map(rel));
  for (const plugin of ordered) {
    const layers = [systemLayer, ...pluginDependencies(ordered, plugin.manifest.name).map(layerOfPlugin), layerOfPlugin(plugin)];
    problems.push(...checkLayers(layers).problems);
  }
  const documents = system.documents.length + folders.reduce((n, f) => n + f.documents.length, 0);
  const all = dedupeProblems(problems.map((p) => ({ ...p, file: p.file.startsWith('/') ? relative(root, p.file) : p.file })));
  return { problems: all, summary: `metadata ok: ${documents} documents in metadata/system and ${folders.length} plugins` };
};

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const root = process.argv[2] ?? fileURLToPath(new URL('../../', import.meta.url));
  const { problems, summary } = runMetadataCheck(root);
  for (const p of problems) console.log(formatProblem(p));
  if (problems.length) {
    console.error(`${problems.length} problem${problems.length === 1 ? '' : 's'} in metadata`);
    process.exitCode = 1;
  } else console.log(summary);
}
