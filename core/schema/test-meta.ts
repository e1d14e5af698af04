import type { EffectiveMeta, EntityDocument, FieldDefinition, MetadataDocument, MetadataKind } from '../metadata/types.js';
import { METADATA_KINDS } from '../metadata/types.js';

/** Test support: an entity document from its fields. */
export const entity = (name: string, fields: Record<string, FieldDefinition>, extra: Partial<EntityDocument> = {}): EntityDocument => ({
  kind: 'entity',
  name,
  fields,
  ...extra,
});

/** Test support: effective metadata holding just these entities. */
export const metaOf = (...entities: EntityDocument[]): EffectiveMeta => {
  const documents = Object.fromEntries(METADATA_KINDS.map((k) => [k, {}])) as Record<MetadataKind, Record<string, MetadataDocument>>;
  for (const e of entities) documents.entity[e.name] = e as unknown as MetadataDocument;
  return { entities: Object.fromEntries(entities.map((e) => [e.name, e])), dictionaries: {}, documents };
};
