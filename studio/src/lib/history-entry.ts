import type { EntityDocument, FieldDefinition, Label } from '../api/types.js';

export type EntryKind = 'create' | 'update' | 'delete' | 'restore' | 'transition' | 'action' | 'other';

const PLAIN = new Set(['create', 'update', 'delete', 'restore']);

/** "transition:assign" → { kind: 'transition', name: 'assign' }; "update" → { kind: 'update' }. */
export const entryKind = (action: string): { kind: EntryKind; name?: string } => {
  if (PLAIN.has(action)) return { kind: action as EntryKind };
  const at = action.indexOf(':');
  const head = at > 0 ? action.slice(0, at) : '';
  if ((head === 'transition' || head === 'action') && at < action.length - 1) return { kind: head, name: action.slice(at + 1) };
  return { kind: 'other', name: action };
};

export interface ChangeRow {
  field: string;
  label?: Label;
  /** How to show the values (owner_id is a user; unknown columns have none). */
  definition?: FieldDefinition;
  before: unknown;
  after: unknown;
}

const SYSTEM_FIELDS: Record<string, FieldDefinition> = { owner_id: { type: 'user', label: { en: 'Owner', 'zh-CN': '所有者' } } as FieldDefinition };

/** The changed fields of a history entry as rows, in the entity's field order, system columns last; `hide` (internal keys) left out. */
export const changeRows = (entity: EntityDocument | undefined, changes: Record<string, unknown>, hide: ReadonlySet<string> = new Set()): ChangeRow[] => {
  const order = Object.keys(entity?.fields ?? {});
  const rank = (f: string) => (order.includes(f) ? order.indexOf(f) : order.length);
  return Object.entries(changes)
    .filter((e): e is [string, [unknown, unknown]] => Array.isArray(e[1]) && e[1].length === 2 && !hide.has(e[0]))
    .sort(([a], [b]) => rank(a) - rank(b) || a.localeCompare(b))
    .map(([field, [before, after]]) => ({
      field,
      label: (entity?.fields?.[field] ?? SYSTEM_FIELDS[field])?.label,
      definition: entity?.fields?.[field] ?? SYSTEM_FIELDS[field],
      before,
      after,
    }));
};
