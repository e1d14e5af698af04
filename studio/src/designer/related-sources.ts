import type { EntityDocument } from '../../../core/metadata/types.js';

/** A reference field of another entity that points at `target`: what a related-list section can show. */
export interface RelatedSource {
  entity: string;
  field: string;
}

export const relatedSources = (entities: Record<string, EntityDocument>, target: string): RelatedSource[] =>
  Object.values(entities).flatMap((e) =>
    Object.entries(e.fields ?? {})
      .filter(([, f]) => f.type === 'reference' && (f as { entity?: string }).entity === target)
      .map(([field]) => ({ entity: e.name, field })),
  );
