import type { MetadataDocument } from '../metadata/types.js';

/**
 * What a new version of a plugin changes, found by stable id: documents and fields
 * renamed (same id, new name) and removed (id and name gone).
 */
export interface PluginChanges {
  /** By `<kind>/<old name>`: the new name. */
  renamedDocuments: Map<string, string>;
  /** `<kind>/<name>` of documents the new version no longer has. */
  removedDocuments: Set<string>;
  /** Old entity name → new entity name. */
  renamedEntities: Map<string, string>;
  /** By new entity name: old field name → new field name. */
  renamedFields: Map<string, Map<string, string>>;
  /** By new entity name: old field names the new version no longer has. */
  removedFields: Map<string, Set<string>>;
}

export const docKey = (kind: string, name: string): string => `${kind}/${name}`;

type Fields = Record<string, { id?: string } | null>;
const fieldsOf = (doc: MetadataDocument | undefined): Fields => (doc?.fields ?? {}) as Fields;

/** The document of `after` that continues `doc`: same kind and id, else same kind and name. */
const successor = (doc: MetadataDocument, after: MetadataDocument[]): MetadataDocument | undefined =>
  (doc.id ? after.find((d) => d.kind === doc.kind && d.id === doc.id) : undefined) ??
  after.find((d) => d.kind === doc.kind && d.name === doc.name && (!d.id || !doc.id || d.id === doc.id));

const fieldChanges = (before: MetadataDocument, after: MetadataDocument) => {
  const renamed = new Map<string, string>();
  const removed = new Set<string>();
  const newFields = fieldsOf(after);
  const nameById = new Map(Object.entries(newFields).flatMap(([name, f]) => (f?.id ? [[f.id, name] as const] : [])));
  for (const [name, f] of Object.entries(fieldsOf(before))) {
    const next = f?.id ? nameById.get(f.id) : undefined;
    if (next && next !== name) renamed.set(name, next);
    else if (!next && !(name in newFields)) removed.add(name);
  }
  return { renamed, removed };
};

export const pluginChanges = (before: MetadataDocument[], after: MetadataDocument[]): PluginChanges => {
  const changes: PluginChanges = {
    renamedDocuments: new Map(),
    removedDocuments: new Set(),
    renamedEntities: new Map(),
    renamedFields: new Map(),
    removedFields: new Map(),
  };
  for (const doc of before) {
    const next = successor(doc, after);
    if (!next) {
      changes.removedDocuments.add(docKey(doc.kind, doc.name));
      continue;
    }
    if (next.name !== doc.name) {
      changes.renamedDocuments.set(docKey(doc.kind, doc.name), next.name);
      if (doc.kind === 'entity') changes.renamedEntities.set(doc.name, next.name);
    }
    if (doc.kind !== 'entity') continue;
    const { renamed, removed } = fieldChanges(doc, next);
    if (renamed.size) changes.renamedFields.set(next.name, renamed);
    if (removed.size) changes.removedFields.set(next.name, removed);
  }
  return changes;
};
