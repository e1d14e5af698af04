import type { FieldDefinition } from '../api/types.js';

interface SnapshotDocument {
  kind: string;
  name: string;
  fields?: Record<string, Partial<FieldDefinition>>;
}

export interface RetiredField {
  name: string;
  field: Partial<FieldDefinition>;
  /** The newest version whose layer still had the field. */
  version: number;
}

/**
 * Fields the tenant once defined on an entity and no longer does: read from the snapshots of
 * earlier versions (newest first), each field with the definition it last had, so putting it
 * back brings its column and values back. Fields present now are left out.
 */
export const retiredFromSnapshots = (entity: string, versions: { version: number; snapshot: SnapshotDocument[] }[], present: Set<string>): RetiredField[] => {
  const found = new Map<string, RetiredField>();
  for (const v of [...versions].sort((a, b) => b.version - a.version)) {
    const doc = v.snapshot.find((d) => d.kind === 'entity' && d.name === entity);
    for (const [name, field] of Object.entries(doc?.fields ?? {})) {
      if (present.has(name) || found.has(name) || !field.type) continue;
      found.set(name, { name, field, version: v.version });
    }
  }
  return [...found.values()];
};
