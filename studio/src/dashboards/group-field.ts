import type { EntityDocument, FieldDefinition } from '../api/types.js';

const USER_COLUMNS = new Set(['owner_id', 'created_by', 'updated_by']);

/** The definition of the field a report groups by: a field, a path through one reference, or a system column. */
export const fieldAt = (entities: Record<string, EntityDocument>, entity: string, path: string): FieldDefinition | undefined => {
  const [head, rest] = path.split('.', 2);
  if (USER_COLUMNS.has(head) && !rest) return { type: 'user' } as FieldDefinition;
  const field = entities[entity]?.fields?.[head];
  if (!rest) return field;
  return field?.type === 'reference' ? fieldAt(entities, field.entity, rest) : undefined;
};
