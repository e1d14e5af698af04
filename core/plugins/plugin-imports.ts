import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';

/** One import a plugin may not make. */
export interface ImportViolation {
  file: string;
  specifier: string;
}

const SPECIFIERS = /(?:^|[\s;])(?:import|export)\s[^'"`]*?from\s*['"]([^'"]+)['"]|(?:^|[\s;])import\s*['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/g;

/** Module specifiers a source file imports (static, re-exports, side-effect and dynamic imports). */
export const importSpecifiers = (source: string): string[] =>
  [...source.matchAll(SPECIFIERS)].map((m) => m[1] ?? m[2] ?? m[3]).filter((s): s is string => Boolean(s));

const SOURCE = /\.(ts|mts|js|mjs|vue)$/;

const sourceFiles = (dir: string): string[] =>
  readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return name === 'node_modules' ? [] : sourceFiles(path);
    return SOURCE.test(name) ? [path] : [];
  });

/**
 * The imports under `pluginsRoot` that break the plugin boundary: a relative import must
 * stay inside its own plugin or name core's public entry (core/index); tests may also use
 * the plugin test kit (core/plugins/testing). Packages and node: builtins are not core's business.
 */
export const pluginImportViolations = (pluginsRoot: string, repoRoot: string): ImportViolation[] => {
  const allowed = [join(repoRoot, 'core', 'index')];
  const allowedInTests = [...allowed, join(repoRoot, 'core', 'plugins', 'testing')];
  const violations: ImportViolation[] = [];
  for (const file of sourceFiles(pluginsRoot)) {
    const own = join(pluginsRoot, relative(pluginsRoot, file).split(sep)[0]);
    const isTest = /\.test\.[mc]?[jt]s$/.test(file);
    for (const specifier of importSpecifiers(readFileSync(file, 'utf8'))) {
      if (!specifier.startsWith('.') && !specifier.startsWith('/')) continue;
      const target = resolve(dirname(file), specifier).replace(/\.(js|ts|mjs|mts)$/, '');
      const inside = target === own || target.startsWith(own + sep);
      if (!inside && !(isTest ? allowedInTests : allowed).includes(target)) violations.push({ file: relative(repoRoot, file), specifier });
    }
  }
  return violations;
};
