import type { EntityDocument } from '../metadata/types.js';
import type { SqlFragment } from '../rules/index.js';
import { accessOf, readsEntity, userGuard } from './access.js';
import { VIRTUAL_TYPES, fieldOf } from './entity-fields.js';
import { MAIN, newQueryState, recordScope, type QueryState } from './record-scope.js';
import { columnText } from './search-fields.js';
import type { RecordContext } from './types.js';

/** The picker field (or its referenced record's title) that tells records of one title apart, when the user may read it. */
const detailPath = (entity: EntityDocument, ctx: RecordContext): string | undefined => {
  const first = entity.pickerFields?.[0];
  const field = first ? fieldOf(entity, first) : undefined;
  if (!first || !field) return undefined;
  if (field.type === 'reference') {
    const target = ctx.meta.entities[field.entity];
    return target?.titleField ? `${first}.${target.titleField}` : undefined;
  }
  return VIRTUAL_TYPES.has(field.type) ? undefined : first;
};

/** What lists of records from many entities show of each: its title and the line that tells it apart. */
export interface TitleColumns {
  /** The fields hidden from the user. */
  hidden: Set<string>;
  /** The query's joins (the detail may reach a referenced record). */
  state: QueryState;
  title: SqlFragment;
  detail: SqlFragment;
}

/** The title in `locale` (`localeTitleFields`), falling back to the title field where a record has none, when the user may read it. */
const titleText = (entity: EntityDocument, title: string, hidden: Set<string>, locale: string | undefined): SqlFragment => {
  const main = columnText(entity, title, MAIN);
  const local = locale ? entity.localeTitleFields?.[locale as keyof NonNullable<EntityDocument['localeTitleFields']>] : undefined;
  const field = local ? fieldOf(entity, local) : undefined;
  if (!local || !field || hidden.has(local) || VIRTUAL_TYPES.has(field.type)) return main;
  const text = columnText(entity, local, MAIN);
  return { sql: `coalesce(nullif(${text.sql}, ''), ${main.sql})`, bindings: [...text.bindings, ...main.bindings] };
};

/**
 * The title and detail columns of an entity's records (alias MAIN) as the user may see them,
 * in the reader's `locale` where the entity titles records per language, or undefined when
 * they may not read the entity or its title. Used by search everywhere and by the recently
 * viewed list.
 */
export const titleColumns = (entity: EntityDocument, ctx: RecordContext, locale?: string): TitleColumns | undefined => {
  if (!entity.titleField || !readsEntity(entity, ctx)) return undefined;
  const { hidden } = accessOf(entity, ctx);
  if (hidden.has(entity.titleField)) return undefined;
  const state = newQueryState();
  const scope = recordScope(entity, state, ctx, userGuard(ctx));
  const title = titleText(entity, entity.titleField, hidden, locale);
  const path = detailPath(entity, ctx);
  const detailVar = path ? scope.resolveVar(path) : undefined;
  const detail: SqlFragment = detailVar ? { sql: `cast(${detailVar.sql} as text)`, bindings: detailVar.bindings } : { sql: 'cast(null as text)', bindings: [] };
  return { hidden, state, title, detail };
};
