import { METADATA_KINDS, type MetadataKind } from './types.js';
import { ajvProblems } from './ajv-problems.js';
import { schemaValidators } from './schema-validators.js';
import type { MetadataProblem } from './problem.js';

export interface ValidateOptions {
  /** Names the document in problems; default `<kind>/<name>`. */
  file?: string;
  /** The document extends one of a lower layer: only kind and name are required. */
  overlay?: boolean;
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** An overlay may set a field to null to ask for its removal; the merge decides whether it may. */
const withoutRemovals = (doc: Record<string, unknown>): Record<string, unknown> => {
  if (doc.kind !== 'entity' || !isRecord(doc.fields)) return doc;
  return { ...doc, fields: Object.fromEntries(Object.entries(doc.fields).filter(([, f]) => f !== null)) };
};

/**
 * The structural pass: checks one document against the JSON Schema of its kind and
 * returns every problem (never only the first). References between documents are the
 * semantic pass's job (checkMetadata).
 */
export const validateDocument = (doc: unknown, options: ValidateOptions = {}): MetadataProblem[] => {
  const name = isRecord(doc) && typeof doc.name === 'string' ? doc.name : '?';
  const kind = isRecord(doc) ? doc.kind : undefined;
  const file = options.file ?? `${String(kind ?? '?')}/${name}`;
  if (!isRecord(doc)) return [{ file, pointer: '', message: 'must be a JSON object' }];
  if (!METADATA_KINDS.includes(kind as MetadataKind)) {
    return [{ file, pointer: '/kind', message: `must be one of: ${METADATA_KINDS.join(', ')}` }];
  }
  const validate = schemaValidators().get(kind as MetadataKind, options.overlay ?? false);
  validate(options.overlay ? withoutRemovals(doc) : doc);
  return ajvProblems(file, validate.errors);
};

/** The structural pass for a plugin manifest (plugin.json). */
export const validateManifest = (manifest: unknown, file = 'plugin.json'): MetadataProblem[] => {
  if (!isRecord(manifest)) return [{ file, pointer: '', message: 'must be a JSON object' }];
  const validate = schemaValidators().get('plugin', false);
  validate(manifest);
  return ajvProblems(file, validate.errors);
};
