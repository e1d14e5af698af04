import { problem } from '../errors.js';
import { blockingDependants, fieldDependants, type FieldDependant } from './field-dependants.js';
import type { EffectiveMeta, EntityDocument } from './types.js';

/** A field the draft removes that other parts of the draft still use. */
export interface FieldInUse {
  entity: string;
  field: string;
  dependants: FieldDependant[];
}

const idOf = (def: unknown): string | undefined => (def as { id?: string }).id;

/** Fields of entities that stay which `after` no longer has (by name, nor under a new name with the same id). */
const removedFields = (before: EffectiveMeta, after: EffectiveMeta): { entity: string; field: string }[] =>
  Object.entries(before.entities).flatMap(([entity, was]: [string, EntityDocument]) => {
    const now = after.entities[entity];
    if (!now) return [];
    const keptIds = new Set(Object.values(now.fields ?? {}).map(idOf).filter(Boolean));
    return Object.entries(was.fields ?? {})
      .filter(([field, def]) => !now.fields?.[field] && !(idOf(def) && keptIds.has(idOf(def))))
      .map(([field]) => ({ entity, field }));
  });

/** The draft with one removed field put back, so paths through it still resolve when looking for its uses. */
const withFieldBack = (draft: EffectiveMeta, published: EffectiveMeta, entity: string, field: string): EffectiveMeta => {
  const now = draft.entities[entity];
  const def = published.entities[entity]?.fields?.[field];
  if (!now || !def) return draft;
  return { ...draft, entities: { ...draft.entities, [entity]: { ...now, fields: { ...now.fields, [field]: def } } } };
};

/**
 * The fields in force (or in the draft before a save) that the draft removes while the draft itself still reads or writes
 * them (a view's column, a workflow's step, a role's permission, …). A draft that also
 * changes those parts removes the field freely. Whole entities removed are not looked at.
 */
export const fieldsInUse = (published: EffectiveMeta, draft: EffectiveMeta): FieldInUse[] =>
  removedFields(published, draft).flatMap(({ entity, field }) => {
    const dependants = blockingDependants(fieldDependants(withFieldBack(draft, published, entity, field), entity, field));
    return dependants.length ? [{ entity, field, dependants }] : [];
  });

const describe = (d: FieldDependant): string => `${d.kind} ${d.name}${d.item ? ` (${d.item})` : ''}`;

/** 409 FIELD_IN_USE naming the first field still in use and listing every blocked field's uses. */
export const refuseFieldsInUse = (published: EffectiveMeta, draft: EffectiveMeta): void => {
  const blocked = fieldsInUse(published, draft);
  if (!blocked.length) return;
  const [first] = blocked;
  const names = [...new Set(first.dependants.map(describe))];
  throw problem(
    'FIELD_IN_USE',
    { entity: first.entity, field: first.field, count: first.dependants.length, uses: names.slice(0, 5).join(', ') + (names.length > 5 ? ', …' : '') },
    {
      fieldsInUse: blocked,
      errors: blocked.map((b) => ({ field: `${b.entity}.${b.field}`, message: `still used by ${b.dependants.map(describe).join(', ')}` })),
    },
  );
};

