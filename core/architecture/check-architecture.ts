import { builtinModules } from 'node:module';
import { findCycles } from './find-cycles.js';
import { isTestScaffolding, resolveImports, type ResolvedImport, type SourceFile } from './source-graph.js';

/** One broken rule: which, where, and what. */
export interface Violation {
  rule: 'thin-doors' | 'studio-imports' | 'browser-safe' | 'core-layers' | 'plugin-boundary';
  file: string;
  detail: string;
}

/**
 * The core modules the studio may import, and so the ones that must run in a browser:
 * a path ending in `/` allows every file of that folder. Each imports nothing from Node
 * and nothing of core outside this list.
 */
export const STUDIO_SHARED_CORE = [
  'core/errors.ts',
  'core/errors/',
  'core/rules/',
  'core/time/',
  'core/metadata/types.ts',
  'core/metadata/generated/',
  'core/metadata/text-limits.ts',
  'core/metadata/reserved-names.ts',
  'core/schema/conversion.ts',
  'core/schema/column-type.ts',
  'core/metadata/attachment-limits.ts',
  'core/metadata/lifecycle-graph.ts',
  'core/security/secret-rules.ts',
];

/**
 * Core's top folders from the bottom up (docs/architecture.md, "Layers and the direction
 * of dependencies"): a folder imports only folders of a lower rank. Folders of one rank
 * do not import each other.
 */
export const CORE_LAYERS: string[][] = [
  ['metrics', 'errors', 'config', 'time'],
  ['errors.ts', 'rules', 'sandbox', 'architecture'],
  ['db'],
  ['tenants'],
  ['events'],
  ['metadata'],
  ['schema'],
  ['security'],
  ['records'],
  ['files', 'reports', 'saved-views', 'idempotency', 'sync', 'calendar', 'documents'],
  ['mail'],
  ['workflow'],
  ['webhooks'],
  ['plugins'],
  ['work'],
  ['transfer', 'provisioning'],
  ['http', 'index.ts'],
  ['cli'],
];

/** The doors (HTTP and the command line) parse, call a service and shape the answer: no SQL. */
export const THIN_DOORS = ['core/http/', 'core/cli/'];

const isShared = (path: string): boolean => STUDIO_SHARED_CORE.some((allowed) => (allowed.endsWith('/') ? path.startsWith(allowed) : path === allowed));

const isNodeBuiltin = (specifier: string): boolean => specifier.startsWith('node:') || builtinModules.includes(specifier.split('/')[0]);

const importsOf = (graph: Map<string, ResolvedImport[]>, path: string): ResolvedImport[] => graph.get(path) ?? [];

/** The folder a core file belongs to (`core/records/x.ts` → `records`); a file at core's top is its own (`errors.ts`). */
export const coreFolderOf = (path: string): string | null => {
  const parts = path.split('/');
  if (parts[0] !== 'core' || parts.length < 2) return null;
  return parts[1];
};

const thinDoors = (files: SourceFile[], graph: Map<string, ResolvedImport[]>): Violation[] =>
  files
    .filter((f) => THIN_DOORS.some((door) => f.path.startsWith(door)) && !isTestScaffolding(f.path))
    .flatMap((f) => [
      ...importsOf(graph, f.path)
        .filter((i) => (i.specifier === 'knex' || i.specifier.startsWith('knex/')) && !i.typeOnly)
        .map((i): Violation => ({ rule: 'thin-doors', file: f.path, detail: `imports a value from '${i.specifier}' (only \`import type\` is allowed here)` })),
      ...(f.text.includes('crm_system') ? [{ rule: 'thin-doors', file: f.path, detail: 'names crm_system: engine tables belong to a service' } as Violation] : []),
    ]);

const studioImports = (files: SourceFile[], graph: Map<string, ResolvedImport[]>): Violation[] =>
  files
    .filter((f) => f.path.startsWith('studio/src/'))
    .flatMap((f) =>
      importsOf(graph, f.path)
        .filter((i) => i.target?.startsWith('core/') && !isShared(i.target))
        .map((i): Violation => ({ rule: 'studio-imports', file: f.path, detail: `imports ${i.target}, which is not among the core modules shared with the studio` })),
    );

const browserSafe = (files: SourceFile[], graph: Map<string, ResolvedImport[]>): Violation[] =>
  files
    .filter((f) => isShared(f.path) && !isTestScaffolding(f.path))
    .flatMap((f) =>
      importsOf(graph, f.path).flatMap((i): Violation[] => {
        if (isNodeBuiltin(i.specifier)) return [{ rule: 'browser-safe', file: f.path, detail: `imports ${i.specifier} from Node, yet the studio runs it in the browser` }];
        if (i.relative && !(i.target && isShared(i.target))) return [{ rule: 'browser-safe', file: f.path, detail: `imports ${i.target ?? i.specifier}, which is not among the core modules shared with the studio` }];
        return [];
      }),
    );

const pluginBoundary = (files: SourceFile[], graph: Map<string, ResolvedImport[]>): Violation[] =>
  files
    .filter((f) => f.path.startsWith('plugins/'))
    .flatMap((f) => {
      const own = f.path.split('/').slice(0, 2).join('/') + '/';
      const allowed = isTestScaffolding(f.path) ? ['core/index.ts', 'core/plugins/testing.ts'] : ['core/index.ts'];
      return importsOf(graph, f.path)
        .filter((i) => i.relative && !(i.target?.startsWith(own) || allowed.includes(i.target ?? '')))
        .map((i): Violation => ({ rule: 'plugin-boundary', file: f.path, detail: `imports ${i.specifier}: a plugin imports only core/index.ts (tests: also core/plugins/testing.ts) and its own files` }));
    });

/** Which core folder imports which, over product files (test scaffolding left out), with one file edge as the example of each. */
export const coreFolderGraph = (files: SourceFile[], graph: Map<string, ResolvedImport[]>): Map<string, Map<string, string>> => {
  const folders = new Map<string, Map<string, string>>();
  for (const f of files) {
    const from = coreFolderOf(f.path);
    if (!from || isTestScaffolding(f.path)) continue;
    for (const i of importsOf(graph, f.path)) {
      const to = i.target && coreFolderOf(i.target);
      if (!to || to === from) continue;
      const edges = folders.get(from) ?? new Map<string, string>();
      if (!edges.has(to)) edges.set(to, `${f.path} → ${i.target}`);
      folders.set(from, edges);
    }
  }
  return folders;
};

const coreLayers = (files: SourceFile[], graph: Map<string, ResolvedImport[]>, layers: string[][]): Violation[] => {
  const folders = coreFolderGraph(files, graph);
  const edges = new Map([...folders].map(([from, to]) => [from, new Set(to.keys())]));
  const cycles = findCycles(edges).map((cycle): Violation => {
    const inside = cycle.flatMap((from) => [...(folders.get(from) ?? [])].filter(([to]) => cycle.includes(to)).map(([to, example]) => `${from} → ${to} (${example})`));
    return { rule: 'core-layers', file: `core/{${cycle.join(',')}}`, detail: `core folders import each other in a cycle: ${inside.join('; ')}` };
  });
  const rank = new Map(layers.flatMap((names, i) => names.map((name) => [name, i] as const)));
  const present = new Set(files.map((f) => coreFolderOf(f.path)).filter((f): f is string => f !== null));
  const unplaced = [...present].sort().filter((f) => !rank.has(f)).map((f): Violation => ({ rule: 'core-layers', file: `core/${f}`, detail: `core/${f} has no place in the layer order (CORE_LAYERS)` }));
  const upward = [...folders].flatMap(([from, to]) =>
    [...to]
      .filter(([target]) => rank.has(from) && rank.has(target) && rank.get(target)! >= rank.get(from)!)
      .map(([target, example]): Violation => ({ rule: 'core-layers', file: example.split(' → ')[0], detail: `${from} imports ${target}, which is not below it in the layer order (${example})` })),
  );
  return [...cycles, ...unplaced, ...upward];
};

/**
 * Every architecture rule over the given source files (paths from the repository root):
 * - thin-doors: core/http and core/cli import no knex value and name no crm_system table;
 * - studio-imports: studio/src imports of core only the modules in STUDIO_SHARED_CORE;
 * - browser-safe: those modules import nothing from Node and nothing else of core;
 * - core-layers: core's top folders import each other without a cycle, and only downwards
 *   in `layers` (product files; test files, `test-support/` folders, `testing.ts` and
 *   `test-*.ts` are left out);
 * - plugin-boundary: plugins/ imports only core/index.ts (tests also core/plugins/testing.ts)
 *   and its own plugin's files.
 */
export const checkArchitecture = (files: SourceFile[], layers: string[][] = CORE_LAYERS): Violation[] => {
  const graph = resolveImports(files);
  return [
    ...thinDoors(files, graph),
    ...studioImports(files, graph),
    ...browserSafe(files, graph),
    ...coreLayers(files, graph, layers),
    ...pluginBoundary(files, graph),
  ];
};
