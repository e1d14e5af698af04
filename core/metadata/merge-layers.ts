import { METADATA_KINDS, type EffectiveMeta, type EntityDocument, type DictionaryDocument, type MetadataDocument, type MetadataKind } from './types.js';
import { mergeValues, type Origin } from './merge-values.js';
import { childPointer, type MetadataProblem } from './problem.js';

/** One layer of metadata: the system, an installed plugin, or the tenant's own documents. */
export interface MetadataLayer {
  /** `system`, `plugin:<name>` or `tenant`. */
  source: string;
  documents: MetadataDocument[];
  /** File of each document by `<kind>/<name>`; default `<source>:<kind>/<name>`. */
  files?: Record<string, string>;
}

/** Who owns what, so the studio can tell which layer a document or field comes from. */
export interface Ownership {
  /** By `<kind>/<name>`: the layer that defined the document and the layers that extended it. */
  documents: Record<string, { owner: string; extendedBy: string[] }>;
  /** By entity, then field: the layer that defined the field (only it may change its type or remove it). */
  fields: Record<string, Record<string, string>>;
}

export interface MergeResult {
  meta: EffectiveMeta;
  /** The effective documents, in layer order. */
  documents: MetadataDocument[];
  problems: MetadataProblem[];
  owners: Ownership;
  /** By `<kind>/<name>`: which file wrote each part of the merged document. */
  origins: Record<string, Origin>;
}

export const documentKey = (kind: string, name: string): string => `${kind}/${name}`;

export const layerFile = (layer: MetadataLayer, doc: MetadataDocument): string => {
  const key = documentKey(doc.kind, doc.name);
  return layer.files?.[key] ?? `${layer.source}:${key}`;
};

const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

const withoutSchemaRef = (doc: MetadataDocument): MetadataDocument => {
  const { $schema, ...rest } = structuredClone(doc);
  void $schema;
  return rest as MetadataDocument;
};

/**
 * Field rules of an overlay: it may add fields and change those below, but not change a
 * field's type nor remove a field (only the owning layer may, by no longer defining it).
 */
const patchFields = (lower: MetadataDocument, patch: MetadataDocument, source: string, file: string, owners: Ownership, problems: MetadataProblem[]): void => {
  if (!isObj(patch.fields)) return;
  const lowerFields = isObj(lower.fields) ? lower.fields : {};
  const owned = (owners.fields[lower.name] ??= {});
  const fields: Record<string, unknown> = {};
  for (const [name, field] of Object.entries(patch.fields)) {
    const p = childPointer('/fields', name);
    const below = lowerFields[name];
    if (field === null) {
      if (below !== undefined) problems.push({ file, pointer: p, message: `field "${name}" belongs to ${owned[name]}; only that layer can remove it` });
      continue;
    }
    if (below === undefined) {
      owned[name] = source;
      fields[name] = field;
      continue;
    }
    if (isObj(field) && isObj(below) && field.type !== undefined && field.type !== below.type) {
      problems.push({ file, pointer: `${p}/type`, message: `cannot change the type of "${name}" from ${String(below.type)} to ${String(field.type)}: the field belongs to ${owned[name]}` });
      const { type, ...rest } = field;
      void type;
      fields[name] = rest;
      continue;
    }
    fields[name] = field;
  }
  patch.fields = fields;
};

const effectiveMeta = (documents: MetadataDocument[]): EffectiveMeta => {
  const byKind = Object.fromEntries(METADATA_KINDS.map((k) => [k, {}])) as Record<MetadataKind, Record<string, MetadataDocument>>;
  for (const doc of documents) byKind[doc.kind][doc.name] = doc;
  return {
    entities: byKind.entity as unknown as Record<string, EntityDocument>,
    dictionaries: byKind.dictionary as unknown as Record<string, DictionaryDocument>,
    documents: byKind,
  };
};

/**
 * Merges layers, lowest first (system → plugins in dependency order → tenant). A document
 * of a higher layer with the same kind and name overlays the one below: it adds fields,
 * relabels, adds dictionary items or options, changes layouts. Pure: inputs are not changed.
 */
export const mergeLayers = (layers: MetadataLayer[]): MergeResult => {
  const merged = new Map<string, MetadataDocument>();
  const problems: MetadataProblem[] = [];
  const owners: Ownership = { documents: {}, fields: {} };
  const origins: Record<string, Origin> = {};
  for (const layer of layers) {
    const seen = new Set<string>();
    for (const doc of layer.documents) {
      const key = documentKey(doc.kind, doc.name);
      const file = layerFile(layer, doc);
      if (!METADATA_KINDS.includes(doc.kind) || typeof doc.name !== 'string') {
        problems.push({ file, pointer: '/kind', message: `must be one of: ${METADATA_KINDS.join(', ')}` });
        continue;
      }
      if (seen.has(key)) {
        problems.push({ file, pointer: '/name', message: `${layer.source} has another ${doc.kind} named "${doc.name}"` });
        continue;
      }
      seen.add(key);
      const lower = merged.get(key);
      const patch = withoutSchemaRef(doc);
      if (!lower) {
        merged.set(key, patch);
        origins[key] = { '': file };
        owners.documents[key] = { owner: layer.source, extendedBy: [] };
        if (doc.kind === 'entity' && isObj(patch.fields)) {
          owners.fields[doc.name] = Object.fromEntries(Object.keys(patch.fields).map((f) => [f, layer.source]));
        }
        continue;
      }
      owners.documents[key].extendedBy.push(layer.source);
      if (patch.id !== undefined && lower.id !== undefined && patch.id !== lower.id) {
        problems.push({ file, pointer: '/id', message: `cannot change the id given by ${owners.documents[key].owner}` });
        delete patch.id;
      }
      if (doc.kind === 'entity') patchFields(lower, patch, layer.source, file, owners, problems);
      merged.set(key, mergeValues(lower, patch, '', file, origins[key]) as MetadataDocument);
    }
  }
  const documents = [...merged.values()];
  const owner = Object.fromEntries(Object.entries(owners.documents).map(([key, o]) => [key, o.owner]));
  return { meta: { ...effectiveMeta(documents), owner }, documents, problems, owners, origins };
};
