import type { DictionaryDocument, EntityDocument, MetaEntity } from '../api/types.js';
import type { DraftRow } from '../stores/studio.js';
import { draftEntityOf } from './entity-draft.js';

type Item = DictionaryDocument['items'][number];

const byKind = <T>(drafts: DraftRow[], kind: string): Record<string, T> =>
  Object.fromEntries(drafts.filter((d) => d.kind === kind).map((d) => [d.name, d.doc as T]));

/** A dictionary with the tenant's overlay on top (items merged by value, new ones appended). */
export const overlayDictionary = (below: DictionaryDocument | undefined, own: Partial<DictionaryDocument> | undefined, name: string): DictionaryDocument => {
  if (!below) return { kind: 'dictionary', name, items: [], ...(own ?? {}) } as DictionaryDocument;
  if (!own) return below;
  const items: Item[] = [...below.items];
  for (const it of own.items ?? []) {
    const at = items.findIndex((x) => x.value === it.value);
    if (at >= 0) items[at] = { ...items[at], ...it };
    else items.push(it);
  }
  return { ...below, ...own, items } as DictionaryDocument;
};

/** The dictionaries the draft would put in force: published ones with the tenant's drafts on top. */
export const draftDictionaries = (published: Record<string, DictionaryDocument>, drafts: DraftRow[]): Record<string, DictionaryDocument> => {
  const own = byKind<Partial<DictionaryDocument>>(drafts, 'dictionary');
  const names = [...new Set([...Object.keys(published), ...Object.keys(own)])];
  return Object.fromEntries(names.map((n) => [n, overlayDictionary(published[n], own[n], n)]));
};

/** The entities the draft would put in force (what a new field may refer to). */
export const draftEntities = (published: Record<string, MetaEntity>, drafts: DraftRow[]): Record<string, EntityDocument> => {
  const own = byKind<Partial<EntityDocument>>(drafts, 'entity');
  const names = [...new Set([...Object.keys(published), ...Object.keys(own)])];
  return Object.fromEntries(names.map((n) => [n, draftEntityOf(n, published[n], own[n])]));
};
