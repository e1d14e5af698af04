import type { DictionaryDocument } from '../api/types.js';

type Item = DictionaryDocument['items'][number];

/** A dictionary item as the editor holds it. */
export interface ItemRow {
  value: string;
  en: string;
  zh: string;
  color: string;
  active: boolean;
  /** Whether the item is stored already (published or saved): its value may then not change. */
  stored: boolean;
  /** Whether a lower layer (a plugin) defined it: it can be relabelled or retired, not renamed. */
  inherited: boolean;
}

/** A dictionary's items in their order, as editor rows. */
export const itemsToRows = (items: Item[], inherited: Set<string> = new Set()): ItemRow[] =>
  [...items]
    .map((it, i) => ({ it, i }))
    .sort((a, b) => (a.it.order ?? a.i) - (b.it.order ?? b.i) || a.i - b.i)
    .map(({ it }) => ({
      value: it.value,
      en: it.label?.en ?? '',
      zh: (it.label as unknown as Record<string, string> | undefined)?.['zh-CN'] ?? '',
      color: it.color ?? '',
      active: it.active !== false,
      stored: true,
      inherited: inherited.has(it.value),
    }));

/** The editor rows back as items, numbered in the order shown (`order` 1, 2, 3…). */
export const rowsToItems = (rows: ItemRow[]): Item[] =>
  rows.map((r, i) => {
    const label: Record<string, string> = {};
    if (r.en.trim()) label.en = r.en.trim();
    if (r.zh.trim()) label['zh-CN'] = r.zh.trim();
    return {
      value: r.value.trim(),
      label: label as unknown as Item['label'],
      order: i + 1,
      ...(r.color.trim() ? { color: r.color.trim() } : {}),
      ...(r.active ? {} : { active: false }),
    };
  });

/** Problems of the rows by index: a missing or repeated value, a missing label. */
export const itemProblems = (rows: ItemRow[]): Record<number, { key: string; params?: Record<string, string> }> => {
  const out: Record<number, { key: string; params?: Record<string, string> }> = {};
  const seen = new Set<string>();
  rows.forEach((r, i) => {
    const v = r.value.trim();
    if (!v) out[i] = { key: 'problems.itemValue' };
    else if (seen.has(v)) out[i] = { key: 'problems.repeatedOption', params: { value: v } };
    else if (!r.en.trim() || !r.zh.trim()) out[i] = { key: 'problems.labelBoth' };
    seen.add(v);
  });
  return out;
};

/**
 * What the tenant stores for a dictionary: the whole document when it is the tenant's own;
 * for a plugin's dictionary an overlay whose items merge by value (relabels, colours,
 * retirements, new items) — the order is the tenant's, so every item carries its place.
 */
export const dictionaryDocument = (name: string, label: { en: string; zh: string }, rows: ItemRow[]): DictionaryDocument => {
  const l: Record<string, string> = {};
  if (label.en.trim()) l.en = label.en.trim();
  if (label.zh.trim()) l['zh-CN'] = label.zh.trim();
  return { kind: 'dictionary', name, ...(Object.keys(l).length ? { label: l as unknown as DictionaryDocument['label'] } : {}), items: rowsToItems(rows) };
};
