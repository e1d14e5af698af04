import { SYSTEM_COLUMNS } from './reserved-names.js';
import { asString, type CheckContext, type Obj } from './check-context.js';

/** The type a system column reads as. */
const SYSTEM_COLUMN_TYPES: Record<(typeof SYSTEM_COLUMNS)[number], string> = {
  id: 'id',
  created_at: 'datetime',
  created_by: 'user',
  updated_at: 'datetime',
  updated_by: 'user',
  owner_id: 'user',
  version: 'integer',
  deleted_at: 'datetime',
};

export interface ResolvedPath {
  /** The field type at the end of the path (system columns included). */
  type: string;
  field?: Obj;
  /** The entity the last segment belongs to. */
  entity: string;
}

/**
 * Follows a field path from an entity: `name`, or `account.region` through the reference
 * field `account` to the field `region` of the referenced entity. Undefined when any step
 * names no field or goes through a field that is not a reference.
 */
export const resolveFieldPath = (ctx: CheckContext, entity: string, path: string): ResolvedPath | undefined => {
  const parts = path.split('.');
  let current = entity;
  for (let i = 0; i < parts.length; i++) {
    const part = parts[i];
    const last = i === parts.length - 1;
    if (part in SYSTEM_COLUMN_TYPES) {
      return last ? { type: SYSTEM_COLUMN_TYPES[part as keyof typeof SYSTEM_COLUMN_TYPES], entity: current } : undefined;
    }
    const field = ctx.fieldsOf(current)?.[part];
    if (!field) return undefined;
    const type = asString(field.type) ?? '';
    if (last) return { type, field, entity: current };
    const target = asString(field.entity);
    if (type !== 'reference' || !target) return undefined;
    current = target;
  }
  return undefined;
};

/**
 * Whether a rule variable names something real for records of `entity`: a field path,
 * `$old.<field path>`, or one of the context variables `$user.*`, `$now`, `$today`.
 */
export const knownVariable =
  (ctx: CheckContext, entity: string) =>
  (path: string): boolean => {
    if (path === '$now' || path === '$today' || path === '$user' || path.startsWith('$user.')) return true;
    if (path.startsWith('$old.')) return resolveFieldPath(ctx, entity, path.slice(5)) !== undefined;
    if (path.startsWith('$')) return false;
    return resolveFieldPath(ctx, entity, path) !== undefined;
  };

export const NUMERIC_TYPES = new Set(['integer', 'decimal', 'currency', 'percent']);

/** Whether a field holds a number (formulas and roll-ups by what they produce). */
export const isNumericField = (resolved: ResolvedPath): boolean => {
  if (NUMERIC_TYPES.has(resolved.type)) return true;
  if (resolved.type === 'formula') return ['integer', 'decimal'].includes(asString(resolved.field?.resultType) ?? '');
  return resolved.type === 'rollup';
};

export const isDateField = (resolved: ResolvedPath): boolean =>
  ['date', 'datetime'].includes(resolved.type) ||
  (resolved.type === 'formula' && ['date', 'datetime'].includes(asString(resolved.field?.resultType) ?? ''));
