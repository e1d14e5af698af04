/** One import (or re-export) a source file makes. */
export interface Import {
  specifier: string;
  /** `import type …`, `export type … from`, or braces whose every name is `type`: erased at build time. */
  typeOnly: boolean;
}

const STATIC = /(?:^|[\s;])(import|export)\s+(type\s+)?([^'"`;]*?)\s*from\s*['"]([^'"]+)['"]/g;
const SIDE_EFFECT = /(?:^|[\s;])import\s*['"]([^'"]+)['"]/g;
const DYNAMIC = /import\(\s*['"]([^'"]+)['"]\s*\)/g;

/** Block comments and whole-line comments, so an example in a doc comment is not read as an import. */
const withoutComments = (source: string): string => source.replace(/\/\*[\s\S]*?\*\//g, ' ').replace(/^\s*\/\/.*$/gm, ' ');

const bracesAreAllTypes = (clause: string): boolean => {
  const braces = /^\{([\s\S]*)\}$/.exec(clause.trim());
  if (!braces) return false;
  const names = braces[1].split(',').map((n) => n.trim()).filter(Boolean);
  return names.length > 0 && names.every((n) => /^type\s/.test(n));
};

/**
 * The imports of a TypeScript or Vue source text: static imports and re-exports (with
 * whether they are type-only), side-effect imports and dynamic `import()`. A reader of
 * text, not a parser: good enough for the architecture rules, which it only has to feed.
 */
export const readImports = (source: string): Import[] => {
  const text = withoutComments(source);
  const found: { at: number; imp: Import }[] = [];
  for (const m of text.matchAll(STATIC)) {
    found.push({ at: m.index, imp: { specifier: m[4], typeOnly: Boolean(m[2]) || bracesAreAllTypes(m[3]) } });
  }
  for (const m of text.matchAll(SIDE_EFFECT)) found.push({ at: m.index, imp: { specifier: m[1], typeOnly: false } });
  for (const m of text.matchAll(DYNAMIC)) found.push({ at: m.index, imp: { specifier: m[1], typeOnly: false } });
  return found.sort((a, b) => a.at - b.at).map((f) => f.imp);
};
