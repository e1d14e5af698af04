import type { EffectiveMeta, EntityDocument } from '../metadata/types.js';

/** A step of the publish plan that changes no table: what a removal does to users and data. */
export interface RetireStep {
  kind: 'retire_entity' | 'retire_field';
  entity: string;
  field?: string;
  description: string;
  destructive: false;
}

const fieldIds = (e: EntityDocument): Set<string> =>
  new Set(Object.values(e.fields ?? {}).flatMap((f) => ((f as { id?: string }).id ? [(f as { id: string }).id] : [])));

/**
 * Entities and fields in force now that the draft removes. Schema sync leaves their
 * tables and columns in place (no DDL), so without these steps a plan would look empty
 * while publishing hides data. A field that keeps its stable id under a new name is a
 * rename (schema sync plans it), not a removal.
 */
export const retireSteps = (published: EffectiveMeta, draft: EffectiveMeta): RetireStep[] => {
  const steps: RetireStep[] = [];
  const draftById = new Map(Object.values(draft.entities).flatMap((e) => (e.id ? [[e.id, e] as const] : [])));
  for (const [name, before] of Object.entries(published.entities)) {
    const after = draft.entities[name] ?? (before.id ? draftById.get(before.id) : undefined);
    if (!after) {
      steps.push({ kind: 'retire_entity', entity: name, description: `Retire entity "${name}": hidden from the app and the API, its table and rows kept`, destructive: false });
      continue;
    }
    const keptIds = fieldIds(after);
    for (const [field, def] of Object.entries(before.fields ?? {})) {
      const id = (def as { id?: string }).id;
      if (after.fields?.[field] || (id && keptIds.has(id))) continue;
      steps.push({ kind: 'retire_field', entity: name, field, description: `Retire field "${name}.${field}": hidden, its column and values kept`, destructive: false });
    }
  }
  return steps;
};
