import type { FieldDefinition } from '../api/types.js';
import { columnTypeOf } from '../../../core/schema/column-type.js';
import { conversionOf } from '../../../core/schema/conversion.js';

/**
 * What changing a published field's type would do, said before the admin saves:
 * - `locked`: the field belongs to a plugin; only the plugin may change its type (the server refuses);
 * - `safe`: every stored value converts (text, JSON, wide enough numbers, date → date and time);
 * - `narrowing`: publishing needs confirmation, and values that do not convert stop it;
 * - `virtual`: a computed field has no column, so the stored values are set aside (kept, not lost);
 * - `none`: nothing to say (same type, or a field not yet published).
 */
export type TypeChange = 'none' | 'locked' | 'safe' | 'narrowing' | 'virtual';

const columnOf = (field: FieldDefinition): string | null => {
  try {
    return columnTypeOf(field);
  } catch {
    return null;
  }
};

export const typeChangeOf = (published: FieldDefinition | undefined, next: FieldDefinition, ownedByTenant: boolean): TypeChange => {
  if (!published || published.type === next.type) return 'none';
  if (!ownedByTenant) return 'locked';
  const from = columnOf(published);
  const to = columnOf(next);
  if (from === null || to === null) return 'virtual';
  const c = conversionOf(from, to);
  return !c ? 'safe' : c.narrowing ? 'narrowing' : 'safe';
};
