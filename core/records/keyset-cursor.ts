import { badRequest } from '../errors.js';
import type { SqlFragment } from '../rules/index.js';
import { isUuid } from './entity-fields.js';
import type { SortOrder } from './parse-sort.js';
import { MAIN } from './record-scope.js';

/** A page boundary: the sort it belongs to, the last row's sort values (as text, exact) and its id. */
interface Cursor {
  s: string;
  v: (string | null)[];
  id: string;
}

/** The sort a cursor is tied to, e.g. "-amount,name,id". */
export const sortSignature = (order: SortOrder): string =>
  [...order.keys.map((k) => `${k.desc ? '-' : ''}${k.path}`), `${order.idDesc ? '-' : ''}id`].join(',');

export const encodeCursor = (order: SortOrder, values: (string | null)[], id: string): string =>
  Buffer.from(JSON.stringify({ s: sortSignature(order), v: values, id } satisfies Cursor)).toString('base64url');

const invalid = () => badRequest('The cursor is not valid for this list; start again without it', { errors: [{ field: 'cursor', message: 'is not valid' }] });

export const decodeCursor = (text: string, order: SortOrder): Cursor => {
  let c: Cursor;
  try {
    c = JSON.parse(Buffer.from(text, 'base64url').toString('utf8')) as Cursor;
  } catch {
    throw invalid();
  }
  const ok =
    c && typeof c === 'object' && c.s === sortSignature(order) && isUuid(c.id) && Array.isArray(c.v) &&
    c.v.length === order.keys.length && c.v.every((v) => v === null || (typeof v === 'string' && v.length <= 10_000));
  if (!ok) throw invalid();
  return c;
};

/**
 * Rows after the cursor in ORDER BY k1, k2, …, id with NULLs as the largest value (last
 * ascending, first descending): an OR chain where every earlier key is equal (NULL-safe)
 * and this one is strictly after. Ascending, after a value come greater values and then
 * the NULLs, and after a NULL only the tie-break moves on; descending, after a value come
 * smaller values, and after a NULL every non-NULL value.
 */
export const keysetSql = (order: SortOrder, cursor: Cursor): SqlFragment => {
  const terms: SqlFragment[] = [];
  const equal: SqlFragment[] = [];
  const push = (after: string, bindings: readonly unknown[]) =>
    terms.push({ sql: [...equal.map((q) => q.sql), after].join(' and '), bindings: [...equal.flatMap((q) => q.bindings), ...bindings] as string[] });
  order.keys.forEach((k, i) => {
    const v = cursor.v[i];
    const { sql: e, bindings: b } = k.expr;
    if (v !== null) {
      if (k.desc) push(`${e} < cast(? as ${k.cast})`, [...b, v]);
      else push(`(${e} > cast(? as ${k.cast}) or ${e} is null)`, [...b, v, ...b]);
      equal.push({ sql: `${e} = cast(? as ${k.cast})`, bindings: [...b, v] });
    } else {
      if (k.desc) push(`${e} is not null`, b);
      equal.push({ sql: `${e} is null`, bindings: b });
    }
  });
  const last = `?? ${order.idDesc ? '<' : '>'} cast(? as uuid)`;
  push(last, [`${MAIN}.id`, cursor.id]);
  return { sql: `(${terms.map((t) => `(${t.sql})`).join(' or ')})`, bindings: terms.flatMap((t) => t.bindings) };
};

/** Each sort key as exact text, selected as _k0.._kN to build the next cursor. */
export const cursorKeysSql = (order: SortOrder): SqlFragment => ({
  sql: order.keys.map((k, i) => `cast(${k.expr.sql} as text) as _k${i}`).join(', '),
  bindings: order.keys.flatMap((k) => k.expr.bindings),
});
