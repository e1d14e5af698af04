import type { AutoNumberField } from '../metadata/types.js';
import type { RecordContext } from './types.js';

/**
 * The next number of an auto-number field, formatted (prefix + zero-padded digits), from
 * the tenant's `_next_number` (core/db/tenant.ts): gap-free, concurrent creates wait
 * their turn, a rolled-back create gives its number back, and a long transaction stays fast.
 */
export const nextAutoNumber = async (entity: string, name: string, field: AutoNumberField, ctx: RecordContext): Promise<string> => {
  const { rows } = await ctx.db.raw(
    `select _next_number(?, ?) as value`,
    [entity, name],
  );
  return `${field.prefix ?? ''}${String(rows[0].value).padStart(field.digits ?? 1, '0')}`;
};
