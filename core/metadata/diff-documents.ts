import { isDeepStrictEqual } from 'node:util';
import type { MetadataDocument } from './types.js';
import { childPointer } from './problem.js';
import { describeChanges, type ChangeItem } from './describe-changes.js';

/** One change, JSON-Patch style; paths start with /<kind>/<name>. */
export interface Change {
  op: 'add' | 'remove' | 'replace';
  path: string;
  value?: unknown;
}

const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The changes that turn `before` into `after` (objects key by key; arrays and values whole). */
export const diffValues = (before: unknown, after: unknown, path = ''): Change[] => {
  if (isDeepStrictEqual(before, after)) return [];
  if (before === undefined) return [{ op: 'add', path, value: after }];
  if (after === undefined) return [{ op: 'remove', path }];
  if (!isObj(before) || !isObj(after)) return [{ op: 'replace', path, value: after }];
  const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])];
  return keys.flatMap((k) => diffValues(before[k], after[k], childPointer(path, k)));
};

const byKey = (docs: MetadataDocument[]): Map<string, MetadataDocument> =>
  new Map(docs.map((d) => [childPointer('', d.kind, d.name), d]));

/** The changes between two states of a whole layer. */
export const diffLayers = (before: MetadataDocument[], after: MetadataDocument[]): Change[] => {
  const a = byKey(before);
  const b = byKey(after);
  const keys = [...new Set([...a.keys(), ...b.keys()])].sort();
  return keys.flatMap((k) => diffValues(a.get(k), b.get(k), k));
};

export interface DiffSummary {
  added: number;
  removed: number;
  replaced: number;
  /** `<kind>/<name>` of every document touched. */
  documents: string[];
  /** What changed, one readable line per document or entity field. */
  items: ChangeItem[];
}

export const summarizeDiff = (changes: Change[]): DiffSummary => ({
  added: changes.filter((c) => c.op === 'add').length,
  removed: changes.filter((c) => c.op === 'remove').length,
  replaced: changes.filter((c) => c.op === 'replace').length,
  documents: [...new Set(changes.map((c) => c.path.split('/').slice(1, 3).join('/')))],
  items: describeChanges(changes),
});
