import type { EntityDocument, FieldDefinition } from '../api/types.js';
import { titlePath } from './title-path.js';

type Fields = Record<string, FieldDefinition>;

/** A secondary field a picker shows beside the title: the path it reads and the field that words it. */
export interface PickerColumn {
  path: string;
  field: FieldDefinition;
}

const isId = (v: unknown): v is string => typeof v === 'string' && v.length > 0;

/**
 * The secondary fields shown when picking a record of `entity` (its `pickerFields`): a reference shows the
 * referenced record's title (one hop), anything else its own value.
 */
export const pickerColumns = (entities: Record<string, EntityDocument>, entity: string): PickerColumn[] => {
  const doc = entities[entity];
  return (doc?.pickerFields ?? []).flatMap((name): PickerColumn[] => {
    const field = doc.fields[name];
    if (!field) return [];
    if (field.type !== 'reference') return [{ path: name, field }];
    const inner = titlePath(entities, field.entity);
    const innerField = entities[field.entity]?.fields[inner];
    return inner === 'id' || inner.includes('.') || !innerField ? [] : [{ path: `${name}.${inner}`, field: innerField }];
  });
};

/** The filter a dependent reference's picker applies (the referenced record's target field holds this record's value), if any. */
export const dependencyFilter = (field: FieldDefinition, record: Record<string, unknown> | undefined): unknown => {
  if (field.type !== 'reference' || !field.dependsOn) return undefined;
  const value = record?.[field.dependsOn.field];
  return isId(value) ? { '==': [{ var: field.dependsOn.targetField }, value] } : undefined;
};

/** Fields of `fields` whose reference depends on the field `name` (cleared when it changes). */
export const dependentsOf = (fields: Fields, name: string): string[] =>
  Object.entries(fields)
    .filter(([, f]) => f.type === 'reference' && f.dependsOn?.field === name)
    .map(([n]) => n);

/** The referenced record's fields a reference fills this record from, as `[this field, their field]`. */
export const fillsOf = (field: FieldDefinition | undefined): [string, string][] => (field?.type === 'reference' && field.fills ? Object.entries(field.fills) : []);

/** The values a chosen record gives this one: every filled field the record has a value for. */
export const fillPatch = (field: FieldDefinition | undefined, chosen: Record<string, unknown>): Record<string, unknown> =>
  Object.fromEntries(fillsOf(field).filter(([, theirs]) => chosen[theirs] !== undefined && chosen[theirs] !== null).map(([mine, theirs]) => [mine, chosen[theirs]]));
