import { posix } from 'node:path';
import { readImports } from './read-imports.js';

/** A source file of the repository: its path from the repository root (with `/`) and its text. */
export interface SourceFile {
  path: string;
  text: string;
}

/** An import with what it names: a repository file when relative and found, else a package or builtin. */
export interface ResolvedImport {
  specifier: string;
  typeOnly: boolean;
  /** The repository file a relative import names (null: a relative import that names no known file). */
  target: string | null;
  relative: boolean;
}

const EXTENSIONS = ['', '.ts', '.vue', '.json', '/index.ts'];

/**
 * Test scaffolding, which the layer rules leave out: test files, `test-support/` folders,
 * files named `testing.ts` or `test-*.ts`. Test code may reach across layers to set a scene.
 */
export const isTestScaffolding = (path: string): boolean => {
  const name = posix.basename(path);
  return /\.test\.[mc]?[jt]s$/.test(name) || name === 'testing.ts' || name.startsWith('test-') || path.split('/').includes('test-support');
};

/** Every import of every file, relative ones resolved against the given files. */
export const resolveImports = (files: SourceFile[]): Map<string, ResolvedImport[]> => {
  const known = new Set(files.map((f) => f.path));
  const resolve = (from: string, specifier: string): string | null => {
    const bare = posix.join(posix.dirname(from), specifier).replace(/\.(js|mjs|ts|mts)$/, '');
    for (const ext of EXTENSIONS) if (known.has(bare + ext)) return bare + ext;
    return null;
  };
  return new Map(
    files.map((f) => [
      f.path,
      readImports(f.text).map((imp) => {
        const relative = imp.specifier.startsWith('.');
        return { ...imp, relative, target: relative ? resolve(f.path, imp.specifier) : null };
      }),
    ]),
  );
};
