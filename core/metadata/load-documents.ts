import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import type { MetadataDocument, MetadataKind } from './types.js';
import { documentKey, type MetadataLayer } from './merge-layers.js';
import type { MetadataProblem } from './problem.js';

/** The folder each kind's documents live in, one JSON document per file. */
export const KIND_FOLDERS: Record<string, MetadataKind> = {
  entities: 'entity',
  forms: 'form',
  views: 'view',
  lifecycles: 'lifecycle',
  workflows: 'workflow',
  roles: 'role',
  reports: 'report',
  dashboards: 'dashboard',
  dictionaries: 'dictionary',
  email_templates: 'email_template',
  home_tiles: 'home_tile',
};

export interface LoadedDocument {
  file: string;
  doc: MetadataDocument;
}

export interface LoadedDocuments {
  documents: LoadedDocument[];
  problems: MetadataProblem[];
}

const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

const readDocument = (file: string, kind: MetadataKind, problems: MetadataProblem[]): MetadataDocument | undefined => {
  let doc: unknown;
  try {
    doc = JSON.parse(readFileSync(file, 'utf8'));
  } catch (e) {
    problems.push({ file, pointer: '', message: `is not valid JSON (${(e as Error).message})` });
    return undefined;
  }
  if (!isObj(doc)) {
    problems.push({ file, pointer: '', message: 'must be a JSON object' });
    return undefined;
  }
  if (doc.kind !== kind) {
    problems.push({ file, pointer: '/kind', message: `must be "${kind}" for a document in this folder` });
    return undefined;
  }
  if (doc.name !== basename(file, '.json')) problems.push({ file, pointer: '/name', message: 'must be the file name without .json' });
  return doc as MetadataDocument;
};

/**
 * Reads the metadata documents under `dir` (entities/, forms/, views/, lifecycles/,
 * workflows/, roles/, reports/, dashboards/, dictionaries/; one `<name>.json` each).
 * File paths in the result and in problems are `dir` joined with the file's place.
 */
export const loadDocumentsFromDir = (dir: string): LoadedDocuments => {
  const documents: LoadedDocument[] = [];
  const problems: MetadataProblem[] = [];
  for (const [folder, kind] of Object.entries(KIND_FOLDERS)) {
    const path = join(dir, folder);
    if (!existsSync(path)) continue;
    for (const entry of readdirSync(path).filter((f) => f.endsWith('.json')).sort()) {
      const file = join(path, entry);
      const doc = readDocument(file, kind, problems);
      if (doc) documents.push({ file, doc });
    }
  }
  return { documents, problems };
};

/** A layer made of loaded documents, remembering each one's file for problems. */
export const layerOf = (source: string, loaded: LoadedDocument[]): MetadataLayer => ({
  source,
  documents: loaded.map((l) => l.doc),
  files: Object.fromEntries(loaded.map((l) => [documentKey(l.doc.kind, l.doc.name), l.file])),
});
