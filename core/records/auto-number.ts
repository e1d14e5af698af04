import type { AutoNumberField } from '../metadata/types.js';
import type { RecordContext } from './types.js';

/**
 * The next number of an auto-number field, formatted (prefix + zero-padded digits).
 * The counter row stays locked until the transaction ends, so numbers are gap-free:
 * concurrent creates wait their turn, and a rolled-back create gives its number back.
 */
export const nextAutoNumber = async (entity: string, name: string, field: AutoNumberField, ctx: RecordContext): Promise<string> => {
  const { rows } = await ctx.db.raw(
    `insert into _counters (entity, field, value) values (?, ?, 1)
     on conflict (entity, field) do update set value = _counters.value + 1 returning value`,
    [entity, name],
  );
  return `${field.prefix ?? ''}${String(rows[0].value).padStart(field.digits ?? 1, '0')}`;
};
