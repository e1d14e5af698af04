import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import type { SourceFile } from './source-graph.js';

const SOURCE = /\.(ts|mts|vue)$/;
const SKIP = new Set(['node_modules', 'dist', 'data', '.git']);

const walk = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return SKIP.has(entry.name) ? [] : walk(path);
    return SOURCE.test(entry.name) ? [path] : [];
  });

/** The TypeScript and Vue sources under the given top folders of the repository, with `/` paths from its root. */
export const repoSources = (repoRoot: string, folders: string[]): SourceFile[] =>
  folders.flatMap((folder) =>
    walk(join(repoRoot, folder)).map((path) => ({ path: relative(repoRoot, path).split(sep).join('/'), text: readFileSync(path, 'utf8') })),
  );
