import type { FieldDefinition, MetaEntity } from '../../api/types.js';
import { COMPUTED_TYPES, UNEDITABLE_TYPES } from '../../forms/computed-types.js';

export type Options = Record<string, unknown>;

const blank = (v: unknown): boolean => v === undefined || v === '' || (Array.isArray(v) && v.length === 0);

/** The options with `key` set to `value`, or without it when the value is empty ('' or [] or undefined; null is kept). */
export const setOption = (options: Options, key: string, value: unknown): Options => {
  const out = { ...options };
  if (blank(value)) delete out[key];
  else out[key] = value;
  return out;
};

/** A value is a json-logic expression when it is an object or array; anything else stands for itself. */
export const isExpression = (v: unknown): boolean => v !== null && typeof v === 'object';

/** One line of a field → value map (`set`, `create`, `update_related`). */
export interface ValueRow {
  field: string;
  value: unknown;
  expression: boolean;
}

export const valuesToRows = (values: unknown): ValueRow[] =>
  values && typeof values === 'object' && !Array.isArray(values) ? Object.entries(values).map(([field, value]) => ({ field, value, expression: isExpression(value) })) : [];

/** The rows as a field → value map (rows without a field are left out; a later row wins). */
export const rowsToValues = (rows: ValueRow[]): Record<string, unknown> =>
  Object.fromEntries(rows.filter((r) => r.field).map((r) => [r.field, r.value === undefined ? null : r.value]));

/** The fields of an entity a step may write: not computed, not attachments or many-to-many. */
export const writableFields = (entity: MetaEntity | undefined): [string, FieldDefinition][] =>
  Object.entries(entity?.fields ?? {}).filter(([, f]) => !COMPUTED_TYPES.has(f.type) && !UNEDITABLE_TYPES.has(f.type) && !STEP_UNWRITABLE.has(f.type));

/** Types a form may edit but a step may not write: an attachment is an uploaded file, not a value. */
const STEP_UNWRITABLE: ReadonlySet<string> = new Set(['attachment']);

/** Who a step addresses. */
export interface Recipients {
  users?: string[];
  roles?: string[];
  team?: string;
  field?: string;
}

/** The recipients without empty parts. */
export const cleanRecipients = (r: unknown): Recipients => {
  const src = (r && typeof r === 'object' ? r : {}) as Recipients;
  const out: Recipients = {};
  if (src.users?.length) out.users = [...src.users];
  if (src.roles?.length) out.roles = [...src.roles];
  if (src.team) out.team = src.team;
  if (src.field) out.field = src.field;
  return out;
};
export const hasRecipients = (r: unknown): boolean => Object.keys(cleanRecipients(r)).length > 0;

/** The reference fields of `entity` (name → target entity). */
export const referenceFields = (entity: MetaEntity | undefined): [string, string][] =>
  Object.entries(entity?.fields ?? {}).flatMap(([n, f]) => (f.type === 'reference' && f.entity ? [[n, f.entity] as [string, string]] : []));

/** Entities with a reference field pointing at `target`, with those fields: the possible children. */
export const childEntities = (entities: Record<string, MetaEntity>, target: string | undefined): { entity: string; fields: string[] }[] =>
  target
    ? Object.entries(entities).flatMap(([name, e]) => {
        const fields = referenceFields(e).filter(([, to]) => to === target).map(([n]) => n);
        return fields.length ? [{ entity: name, fields }] : [];
      })
    : [];

/** The user fields of an entity a step can address or assign (owner_id first). */
export const userFields = (entity: MetaEntity | undefined): string[] => ['owner_id', ...Object.entries(entity?.fields ?? {}).filter(([, f]) => f.type === 'user').map(([n]) => n)];
