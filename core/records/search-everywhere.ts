import { invalidInput } from '../errors.js';
import type { EntityDocument } from '../metadata/types.js';
import type { SqlFragment } from '../rules/index.js';
import { accessOf, readsEntity, scopeWhere, userGuard } from './access.js';
import { VIRTUAL_TYPES, fieldOf } from './entity-fields.js';
import { MAIN, joinsSql, newQueryState, recordScope } from './record-scope.js';
import { columnText, searchFields } from './search-fields.js';
import { translatePgError } from './translate-pg-error.js';
import type { RecordContext } from './types.js';

export const MAX_SEARCH_TEXT = 200;
export const DEFAULT_PER_ENTITY = 5;
export const MAX_PER_ENTITY = 20;

/** One record found: its id, title and a line that tells it apart (the entity's first picker field). */
export interface FoundRecord {
  id: string;
  title: string | null;
  detail: string | null;
}

/** The records found in one entity, best first; `more` when it has more than were returned. */
export interface SearchGroup {
  entity: string;
  records: FoundRecord[];
  more: boolean;
}

/** `%text%` for ILIKE … ESCAPE '!': the text's own %, _ and ! match themselves. */
export const containsPattern = (text: string): string => `%${text.replace(/[!%_]/g, (c) => `!${c}`)}%`;
const startsPattern = (text: string): string => `${text.replace(/[!%_]/g, (c) => `!${c}`)}%`;

/** The fields of an entity a global search looks in for this user: its search fields they may read, title first. */
const visibleSearchFields = (entity: EntityDocument, hidden: Set<string>): string[] =>
  [...new Set([...(entity.titleField ? [entity.titleField] : []), ...searchFields(entity)])].filter((n) => !hidden.has(n) && !VIRTUAL_TYPES.has(fieldOf(entity, n)?.type ?? 'formula'));

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

/** One entity's scoped, limited query, or undefined when the user may not read it or it has nothing to search. */
const entityQuery = (entity: EntityDocument, text: string, perEntity: number, ctx: RecordContext): SqlFragment | undefined => {
  if (!entity.titleField || !readsEntity(entity, ctx)) return undefined;
  const { hidden } = accessOf(entity, ctx);
  if (hidden.has(entity.titleField)) return undefined;
  const fields = visibleSearchFields(entity, hidden);
  if (!fields.length) return undefined;
  const state = newQueryState();
  const scope = recordScope(entity, state, ctx, userGuard(ctx));
  const title = columnText(entity, entity.titleField, MAIN);
  const path = detailPath(entity, ctx);
  const detailVar = path ? scope.resolveVar(path) : undefined;
  const detail: SqlFragment = detailVar ? { sql: `cast(${detailVar.sql} as text)`, bindings: detailVar.bindings } : { sql: 'cast(null as text)', bindings: [] };
  const matches = fields.map((n) => {
    const col = columnText(entity, n, MAIN);
    return { sql: `${col.sql} ilike ? escape '!'`, bindings: [...col.bindings, containsPattern(text)] };
  });
  const where: SqlFragment[] = [{ sql: '?? is null', bindings: [`${MAIN}.deleted_at`] }, { sql: `(${matches.map((m) => m.sql).join(' or ')})`, bindings: matches.flatMap((m) => m.bindings) }];
  const allowed = scopeWhere(entity, 'read', ctx, state);
  if (allowed) where.push(allowed);
  const joins = joinsSql(state);
  return {
    sql: `(select cast(? as text) as entity, cast(?? as text) as id, ${title.sql} as title, ${detail.sql} as detail from ?? as ??${joins.sql} where ${where.map((w) => w.sql).join(' and ')} order by (${title.sql} ilike ? escape '!') desc, ?? desc limit ?)`,
    bindings: [
      entity.name, `${MAIN}.id`, ...title.bindings, ...detail.bindings, entity.name, MAIN, ...joins.bindings, ...where.flatMap((w) => w.bindings),
      ...title.bindings, startsPattern(text), `${MAIN}.updated_at`, perEntity + 1,
    ],
  };
};

/**
 * Records of every entity the user may read whose title or searchable fields contain the
 * text (any script: a substring match, so Chinese needs no word breaks), in ONE statement:
 * a UNION ALL of per-entity queries, each under the user's row scope and field access and
 * limited to `perEntity` (+1 to tell there are more). Titles that start with the text come first.
 */
export const searchEverywhere = async (q: string | undefined, opts: { perEntity?: number }, ctx: RecordContext): Promise<SearchGroup[]> => {
  const text = (q ?? '').trim();
  if (!text) return [];
  if (text.length > MAX_SEARCH_TEXT) throw invalidInput('The search text is too long', [{ field: 'q', message: `at most ${MAX_SEARCH_TEXT} characters`, code: 'TOO_LONG' }]);
  const perEntity = Math.min(Math.max(opts.perEntity ?? DEFAULT_PER_ENTITY, 1), MAX_PER_ENTITY);
  const entities = Object.values(ctx.meta.entities).sort((a, b) => a.name.localeCompare(b.name));
  const parts = entities.map((e) => entityQuery(e, text, perEntity, ctx)).filter((p): p is SqlFragment => p !== undefined);
  if (!parts.length) return [];
  let rows: { entity: string; id: string; title: string | null; detail: string | null }[];
  try {
    rows = (await ctx.db.raw(parts.map((p) => p.sql).join(' union all '), parts.flatMap((p) => p.bindings) as never[])).rows;
  } catch (e) {
    throw translatePgError(e, ctx.meta);
  }
  const groups = new Map<string, SearchGroup>();
  for (const r of rows) {
    const group = groups.get(r.entity) ?? { entity: r.entity, records: [], more: false };
    groups.set(r.entity, group);
    if (group.records.length < perEntity) group.records.push({ id: r.id, title: r.title, detail: r.detail });
    else group.more = true;
  }
  return [...groups.values()];
};
