import type { EntityDocument } from '../metadata/types.js';
import { invalidInput } from '../errors.js';
import type { ResolvedVar, SqlFragment, SqlScope } from '../rules/index.js';
import { SYSTEM_FIELDS } from './entity-fields.js';
import type { RecordData } from './types.js';

/** What a read returns: record keys, each with its SQL, selected as _v0.._vN. */
export interface Projection {
  keys: string[];
  select: SqlFragment;
}

/** A field, or a path through up to three references (`opportunity.customer.name`, as views may name). */
const PATH = /^[a-z][a-z0-9_]{0,62}(\.[a-z][a-z0-9_]{0,62}){0,3}$/;

/** Keys of a whole record: system columns, then every field (computed ones included). */
export const allKeys = (entity: EntityDocument): string[] => [...Object.keys(SYSTEM_FIELDS), ...Object.keys(entity.fields ?? {})];

/** The select list of `fields` (or the whole record but its hidden fields); unknown names → one 400 naming them all. id is always included. */
export const projection = (entity: EntityDocument, fields: string[] | undefined, scope: SqlScope, hidden?: Set<string>): Projection => {
  const keys = fields?.length ? [...new Set(['id', ...fields.map((f) => String(f).trim())])] : allKeys(entity).filter((k) => !hidden?.has(k));
  const resolved: ResolvedVar[] = [];
  const unknown: string[] = [];
  for (const key of keys) {
    const v = PATH.test(key) ? scope.resolveVar(key) : undefined;
    if (v) resolved.push(v);
    else unknown.push(key);
  }
  if (unknown.length) {
    throw invalidInput(
      `Unknown field${unknown.length > 1 ? 's' : ''} in fields: ${unknown.map((u) => `"${u.slice(0, 80)}"`).join(', ')}`,
      unknown.map((u) => ({ field: 'fields', message: `${entity.name} has no field "${u.slice(0, 80)}"`, code: 'UNKNOWN_FIELD' })),
    );
  }
  return {
    keys,
    select: { sql: resolved.map((v, i) => `${v.sql} as _v${i}`).join(', '), bindings: resolved.flatMap((v) => v.bindings) },
  };
};

/** A database row of a projection as a record. */
export const rowToRecord = (keys: string[], row: Record<string, unknown>): RecordData =>
  Object.fromEntries(keys.map((k, i) => [k, row[`_v${i}`] ?? null]));
