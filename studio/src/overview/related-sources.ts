import type { EntityDocument } from '../api/types.js';

/** Records of `entity` whose reference `field` points at the record on the page. */
export interface RelatedSource {
  /** `<entity>.<field>`: unique per source. */
  key: string;
  entity: string;
  field: string;
}

/**
 * Every entity the user may read with a reference field pointing at `target` (the entities
 * in /api/meta are those the user may read, without the fields hidden from them), in the
 * order of the metadata. Drives the summary strip and the timeline, so a plugin's entities
 * show up on a record page without the page knowing them.
 */
export const relatedSources = (entities: Record<string, EntityDocument>, target: string): RelatedSource[] =>
  Object.values(entities).flatMap((entity) =>
    Object.entries(entity.fields ?? {})
      .filter(([, f]) => f.type === 'reference' && f.entity === target)
      .map(([field]) => ({ key: `${entity.name}.${field}`, entity: entity.name, field })),
  );

/** The json-logic that lists a source's records pointing at `id`. */
export const sourceFilter = (source: RelatedSource, id: string): unknown => ({ '==': [{ var: source.field }, id] });

/** The app's list of a source's records pointing at `id`. */
export const sourceListLink = (source: RelatedSource, id: string): { path: string; query: { filter: string } } => ({
  path: `/app/${source.entity}`,
  query: { filter: JSON.stringify(sourceFilter(source, id)) },
});

/** Whether an entity has more than one source (so the field's label is shown too). */
export const sharedEntities = (sources: RelatedSource[]): Set<string> => {
  const seen = new Set<string>();
  const twice = new Set<string>();
  for (const s of sources) (seen.has(s.entity) ? twice : seen).add(s.entity);
  return twice;
};

/** The new-record form of a source, its reference set to `id` (the form returns to the record page after saving). */
export const sourceNewLink = (source: RelatedSource, id: string): { path: string; query: Record<string, string> } => ({
  path: `/app/${source.entity}/new`,
  query: { [source.field]: id },
});
