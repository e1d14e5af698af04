import type { EntityDocument } from '../api/types.js';

/**
 * The field path that names a record of `entity` in lists and pickers: its title field, or
 * the referenced record's title when the title field is itself a reference ("customer.name").
 */
export const titlePath = (entities: Record<string, EntityDocument>, entity: string): string => {
  const doc = entities[entity];
  const title = doc?.titleField;
  if (!doc || !title || !doc.fields[title]) return 'id';
  const f = doc.fields[title];
  if (f.type === 'reference') {
    const inner = entities[f.entity]?.titleField;
    return inner && entities[f.entity]?.fields[inner]?.type !== 'reference' ? `${title}.${inner}` : title;
  }
  return title;
};
