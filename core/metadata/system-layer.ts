import { relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { layerOf, loadDocumentsFromDir } from './load-documents.js';
import type { MetadataLayer } from './merge-layers.js';

/** metadata/system: the engine's own documents. */
export const SYSTEM_DIR = fileURLToPath(new URL('../../metadata/system/', import.meta.url));
const ROOT = fileURLToPath(new URL('../../', import.meta.url));

let cached: MetadataLayer | undefined;

/**
 * The system layer, read once per process (it is part of the engine's files). Its
 * problems are reported by `npm run metadata:check`, not here.
 */
export const systemLayer = (): MetadataLayer =>
  (cached ??= layerOf(
    'system',
    loadDocumentsFromDir(SYSTEM_DIR).documents.map((d) => ({ ...d, file: relative(ROOT, d.file) })),
  ));
