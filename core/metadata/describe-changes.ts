import type { Change } from './diff-documents.js';

/**
 * One readable line of what a version changed: a whole document added, changed or removed,
 * or one field of an entity ("added field nickname to person").
 */
export interface ChangeItem {
  action: 'added' | 'changed' | 'removed';
  kind: string;
  name: string;
  /** Set when the line is about one field of an entity. */
  field?: string;
}

const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const segments = (path: string): string[] => path.split('/').slice(1).map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
const ACTION = { add: 'added', remove: 'removed', replace: 'changed' } as const;

/** An entity document that only adds fields to an entity defined elsewhere (a plugin's), not an entity of its own. */
const isFieldOverlay = (kind: string, value: unknown): value is { fields?: Record<string, unknown> } =>
  kind === 'entity' && isObj(value) && value.label === undefined;

const itemsOf = (c: Change): ChangeItem[] => {
  const [kind, name, part, field, ...rest] = segments(c.path);
  if (!kind || !name) return [];
  if (part === undefined) {
    if (c.op === 'add' && isFieldOverlay(kind, c.value)) {
      const fields = Object.keys(isObj(c.value.fields) ? c.value.fields : {});
      const others = Object.keys(c.value).some((k) => !['kind', 'name', 'fields'].includes(k));
      return [...fields.map((f) => ({ action: 'added' as const, kind, name, field: f })), ...(others || !fields.length ? [{ action: 'changed' as const, kind, name }] : [])];
    }
    return [{ action: ACTION[c.op], kind, name }];
  }
  if (kind === 'entity' && part === 'fields' && field !== undefined) {
    if (!rest.length) return [{ action: ACTION[c.op], kind, name, field }];
    return [{ action: 'changed', kind, name, field }];
  }
  if (kind === 'entity' && part === 'fields' && isObj(c.value)) {
    return Object.keys(c.value).map((f) => ({ action: ACTION[c.op], kind, name, field: f }));
  }
  return [{ action: 'changed', kind, name }];
};

const keyOf = (i: ChangeItem) => `${i.action}|${i.kind}|${i.name}|${i.field ?? ''}`;

/** What a diff changed, one line per document or entity field, in the diff's order and without repeats. */
export const describeChanges = (changes: Change[]): ChangeItem[] => {
  const seen = new Map<string, ChangeItem>();
  for (const item of changes.flatMap(itemsOf)) if (!seen.has(keyOf(item))) seen.set(keyOf(item), item);
  const items = [...seen.values()];
  // A field added or removed is not also "changed" in the same version.
  return items.filter((i) => i.action !== 'changed' || !i.field || !items.some((o) => o !== i && o.field === i.field && o.name === i.name && o.kind === i.kind));
};

const FIELD_WORDS = { added: ['Added', 'to'], changed: ['Changed', 'of'], removed: ['Removed', 'from'] } as const;

/** A version's default message from what it changed ("Added field nickname to person"); the first three lines, then how many more. */
export const changeMessage = (items: ChangeItem[]): string => {
  const line = (i: ChangeItem) => (i.field !== undefined ? `${FIELD_WORDS[i.action][0]} field ${i.field} ${FIELD_WORDS[i.action][1]} ${i.name}` : `${FIELD_WORDS[i.action][0]} ${i.kind} ${i.name}`);
  const shown = items.slice(0, 3).map(line);
  return [...shown, ...(items.length > 3 ? [`${items.length - 3} more`] : [])].join('; ');
};
