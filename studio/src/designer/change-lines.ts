import type { ChangeItem } from '../api/types.js';

type Translate = (key: string, params?: Record<string, unknown>) => string;
const KINDS = ['entity', 'form', 'view', 'lifecycle', 'workflow', 'role', 'report', 'dashboard', 'dictionary', 'email_template'];
const FIELD_KEY = { added: 'fieldAdded', changed: 'fieldChanged', removed: 'fieldRemoved' } as const;

/** One change as a sentence in the reader's language ("Added field nickname to person"). */
export const changeLine = (t: Translate, item: ChangeItem): string => {
  if (item.field !== undefined) return t(`designer.changeLines.${FIELD_KEY[item.action]}`, { field: item.field, name: item.name });
  const kind = t(`designer.changeLines.kinds.${KINDS.includes(item.kind) ? item.kind : 'other'}`);
  return t(`designer.changeLines.${item.action}`, { kind, name: item.name });
};

/** The first `max` changes as sentences, and a last line saying how many more there are. */
export const changeLines = (t: Translate, items: ChangeItem[], max = 5): string[] => [
  ...items.slice(0, max).map((i) => changeLine(t, i)),
  ...(items.length > max ? [t('designer.changeLines.more', { n: items.length - max })] : []),
];
