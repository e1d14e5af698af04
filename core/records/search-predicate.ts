import { accessOf } from './access.js';
import type { EntityDocument } from '../metadata/types.js';
import { invalidInput, forbidden } from '../errors.js';
import type { SqlFragment } from '../rules/index.js';
import { MAIN } from './record-scope.js';
import { columnText, searchFields } from './search-fields.js';
import type { RecordContext } from './types.js';

const MAX_Q = 200;

const likePattern = (q: string): string => `%${q.replace(/[!%_]/g, (c) => `!${c}`)}%`;

/** Whether pg_trgm is installed, asked once per database (keyed by the client's config, which transactions share). */
const trigramsByClient = new WeakMap<object, Promise<boolean>>();
const hasTrigrams = (ctx: RecordContext): Promise<boolean> => {
  const key = (ctx.db.client as { config: object }).config;
  let known = trigramsByClient.get(key);
  if (!known) {
    known = ctx.db.raw(`select exists(select 1 from pg_extension where extname = 'pg_trgm') as ok`).then((r: { rows: { ok: boolean }[] }) => Boolean(r.rows[0]?.ok));
    trigramsByClient.set(key, known);
    known.catch(() => trigramsByClient.delete(key));
  }
  return known;
};

/**
 * `q`: the stored full-text vector, or a substring of a search field (works with or
 * without indexes), or — where pg_trgm is installed — a close word match (typos).
 */
export const searchPredicate = async (entity: EntityDocument, q: string | undefined, ctx: RecordContext): Promise<SqlFragment | undefined> => {
  const text = (q ?? '').trim();
  if (!text) return undefined;
  if (text.length > MAX_Q) throw invalidInput('The search text is too long', [{ field: 'q', message: `at most ${MAX_Q} characters`, code: 'TOO_LONG' }]);
  const { hidden } = accessOf(entity, ctx);
  if (searchFields(entity).some((f) => hidden.has(f))) {
    throw forbidden(`Search on ${entity.name} covers fields you may not read; filter on visible fields instead`, { errors: [{ field: 'q', message: 'not available to you', code: 'SEARCH_NOT_ALLOWED' }] });
  }
  const trigrams = await hasTrigrams(ctx);
  const parts: SqlFragment[] = [{ sql: `?? @@ plainto_tsquery('simple', ?)`, bindings: [`${MAIN}._search`, text] }];
  for (const name of searchFields(entity)) {
    const col = columnText(entity, name, MAIN);
    parts.push({ sql: `${col.sql} ilike ? escape '!'`, bindings: [...col.bindings, likePattern(text)] });
    if (trigrams) parts.push({ sql: `? <% ${col.sql}`, bindings: [text, ...col.bindings] });
  }
  return { sql: `(${parts.map((p) => p.sql).join(' or ')})`, bindings: parts.flatMap((p) => p.bindings) };
};
