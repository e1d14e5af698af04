import { existsSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import type { PluginManifest } from './types.js';
import { loadDocumentsFromDir, type LoadedDocument } from './load-documents.js';
import type { MetadataProblem } from './problem.js';
import { validateManifest } from './validate-document.js';

export interface PluginFolder {
  dir: string;
  manifestFile: string;
  /** Undefined when plugin.json is missing or unreadable (see problems). */
  manifest?: PluginManifest;
  documents: LoadedDocument[];
  problems: MetadataProblem[];
}

/** Reads plugins/<name>/: plugin.json (checked against its schema and the folder name) and the metadata folders. */
export const loadPluginFolder = (dir: string): PluginFolder => {
  const manifestFile = join(dir, 'plugin.json');
  const { documents, problems } = loadDocumentsFromDir(dir);
  if (!existsSync(manifestFile)) {
    return { dir, manifestFile, documents, problems: [{ file: manifestFile, pointer: '', message: 'is missing' }, ...problems] };
  }
  let manifest: unknown;
  try {
    manifest = JSON.parse(readFileSync(manifestFile, 'utf8'));
  } catch (e) {
    return { dir, manifestFile, documents, problems: [{ file: manifestFile, pointer: '', message: `is not valid JSON (${(e as Error).message})` }, ...problems] };
  }
  const manifestProblems = validateManifest(manifest, manifestFile);
  const name = (manifest as { name?: unknown } | null)?.name;
  if (typeof name === 'string' && name !== basename(dir)) {
    manifestProblems.push({ file: manifestFile, pointer: '/name', message: `must be the folder name "${basename(dir)}"` });
  }
  return { dir, manifestFile, manifest: manifest as PluginManifest, documents, problems: [...manifestProblems, ...problems] };
};
