import { invalidInput } from '../errors.js';
import type { EntityDocument } from '../metadata/types.js';
import type { SqlFragment } from '../rules/index.js';
import { scopeWhere } from './access.js';
import { VIRTUAL_TYPES, fieldOf } from './entity-fields.js';
import { MAIN, joinsSql } from './record-scope.js';
import { columnText, searchFields } from './search-fields.js';
import { titleColumns } from './title-columns.js';
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

/** One entity's scoped, limited query, or undefined when the user may not read it or it has nothing to search. */
const entityQuery = (entity: EntityDocument, text: string, perEntity: number, ctx: RecordContext, locale?: string): SqlFragment | undefined => {
  const columns = titleColumns(entity, ctx, locale);
  if (!columns) return undefined;
  const { hidden, state, title, detail } = columns;
  const fields = visibleSearchFields(entity, hidden);
  if (!fields.length) return undefined;
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

/** The search's text, trimmed and checked, and its per-entity limit. */
const searchInput = (q: string | undefined, opts: { perEntity?: number }): { text: string; perEntity: number } => {
  const text = (q ?? '').trim();
  if (text.length > MAX_SEARCH_TEXT) throw invalidInput('The search text is too long', [{ field: 'q', message: `at most ${MAX_SEARCH_TEXT} characters`, code: 'TOO_LONG' }]);
  return { text, perEntity: Math.min(Math.max(opts.perEntity ?? DEFAULT_PER_ENTITY, 1), MAX_PER_ENTITY) };
};

/**
 * The one statement of a search everywhere (see below), or undefined when there is nothing
 * to search. Each ILIKE reads a column pg_trgm indexes (schema sync makes a trigram index per
 * search field, core/schema/desired-schema.ts), so a large table is not read whole.
 */
export const searchEverywhereSql = (q: string | undefined, opts: { perEntity?: number; locale?: string }, ctx: RecordContext): SqlFragment | undefined => {
  const { text, perEntity } = searchInput(q, opts);
  if (!text) return undefined;
  const entities = Object.values(ctx.meta.entities).sort((a, b) => a.name.localeCompare(b.name));
  const parts = entities.map((e) => entityQuery(e, text, perEntity, ctx, opts.locale)).filter((p): p is SqlFragment => p !== undefined);
  if (!parts.length) return undefined;
  return { sql: parts.map((p) => p.sql).join(' union all '), bindings: parts.flatMap((p) => p.bindings) };
};

/**
 * Records of every entity the user may read whose title or searchable fields contain the
 * text (any script: a substring match, so Chinese needs no word breaks), in ONE statement:
 * a UNION ALL of per-entity queries, each under the user's row scope and field access and
 * limited to `perEntity` (+1 to tell there are more). Titles that start with the text come first.
 */
export const searchEverywhere = async (q: string | undefined, opts: { perEntity?: number; locale?: string }, ctx: RecordContext): Promise<SearchGroup[]> => {
  const statement = searchEverywhereSql(q, opts, ctx);
  if (!statement) return [];
  const { perEntity } = searchInput(q, opts);
  let rows: { entity: string; id: string; title: string | null; detail: string | null }[];
  try {
    rows = (await ctx.db.raw(statement.sql, statement.bindings as never[])).rows;
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
