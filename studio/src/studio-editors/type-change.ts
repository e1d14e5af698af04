import type { FieldDefinition, FieldType } from '../api/types.js';
import { columnTypeOf } from '../../../core/schema/column-type.js';
import { conversionOf } from '../../../core/schema/conversion.js';

/**
 * What changing a published field's type would do, said before the admin saves:
 * - `locked`: the field belongs to a plugin; only the plugin may change its type (the server refuses);
 * - `safe`: every stored value converts (text, JSON, wider numbers, date → date and time);
 * - `narrowing`: publishing needs confirmation, and values that do not convert stop it;
 * - `virtual`: a computed field has no column, so the stored values are set aside (kept, not lost);
 * - `none`: nothing to say (same type, or a field not yet published).
 */
export type TypeChange = 'none' | 'locked' | 'safe' | 'narrowing' | 'virtual';

const columnOf = (type: FieldType): string | null => {
  try {
    return columnTypeOf({ type } as FieldDefinition);
  } catch {
    return null;
  }
};

export const typeChangeOf = (published: FieldDefinition | undefined, to: FieldType, ownedByTenant: boolean): TypeChange => {
  if (!published || published.type === to) return 'none';
  if (!ownedByTenant) return 'locked';
  const from = columnOf(published.type);
  const next = columnOf(to);
  if (from === null || next === null) return 'virtual';
  const c = conversionOf(from, next);
  return !c ? 'safe' : c.narrowing ? 'narrowing' : 'safe';
};
