import type { MetaEntity } from '../api/types.js';

/** The fields of an entity people never see (internal keys), by name. */
export const internalFields = (entity: Pick<MetaEntity, 'fields'> | undefined): Set<string> =>
  new Set(Object.entries(entity?.fields ?? {}).filter(([, f]) => f.internal === true).map(([n]) => n));

/**
 * An entity as the app shows it to a person reading `locale`: titled by the field that names
 * its records in that language (`localeTitleFields`), and without its internal keys (so record
 * pages, forms, list columns, filters and pickers never offer them). Unchanged entities keep
 * their identity.
 */
export const entityForPeople = (entity: MetaEntity, locale: string): MetaEntity => {
  const localTitle = entity.localeTitleFields?.[locale as keyof NonNullable<MetaEntity['localeTitleFields']>];
  const titleField = localTitle && entity.fields[localTitle] ? localTitle : entity.titleField;
  const internal = internalFields(entity);
  if (titleField === entity.titleField && !internal.size) return entity;
  const fields = internal.size ? Object.fromEntries(Object.entries(entity.fields).filter(([n]) => !internal.has(n))) : entity.fields;
  const searchFields = entity.searchFields?.filter((n) => !internal.has(n));
  const pickerFields = entity.pickerFields?.filter((n) => !internal.has(n)) as MetaEntity['pickerFields'];
  return {
    ...entity,
    ...(titleField !== undefined && { titleField }),
    fields,
    ...(searchFields && { searchFields }),
    ...(pickerFields && { pickerFields }),
  };
};

/** Every entity as people see it in `locale` (see entityForPeople). */
export const entitiesForPeople = (entities: Record<string, MetaEntity>, locale: string): Record<string, MetaEntity> =>
  Object.fromEntries(Object.entries(entities).map(([name, e]) => [name, entityForPeople(e, locale)]));
