/** A metadata document as history snapshots hold it. */
export interface SnapshotDocument {
  kind: string;
  name: string;
  [key: string]: unknown;
}

/** One readable change inside a document: where (path segments), what it was and what it is. */
export interface PathChange {
  path: string[];
  op: 'add' | 'remove' | 'replace' | 'order';
  before?: unknown;
  after?: unknown;
}

export interface DocumentDiff {
  /** `<kind>/<name>` */
  key: string;
  kind: string;
  name: string;
  status: 'added' | 'removed' | 'changed';
  changes: PathChange[];
}

const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const ITEM_KEYS = ['name', 'value', 'id', 'field'];

const same = (a: unknown, b: unknown): boolean => JSON.stringify(a) === JSON.stringify(b);

/** The key that names every item of both lists (sections by name, options by value…), if any. */
const itemKey = (a: unknown[], b: unknown[]): string | undefined =>
  ITEM_KEYS.find((k) => [...a, ...b].every((x) => isObj(x) && typeof x[k] === 'string'));

/** The changes between two values: objects key by key, named lists item by item (and their order), anything else whole. */
export const diffPaths = (before: unknown, after: unknown, path: string[] = []): PathChange[] => {
  if (same(before, after)) return [];
  if (before === undefined && Array.isArray(after) && after.length && itemKey(after, [])) return diffPaths([], after, path);
  // A new or removed object (a field, a section) reads as rows of its own values, not as one JSON blob.
  if (before === undefined && isObj(after) && Object.keys(after).length) return diffPaths({}, after, path);
  if (after === undefined && isObj(before) && Object.keys(before).length) return diffPaths(before, {}, path);
  if (before === undefined) return [{ path, op: 'add', after }];
  if (after === undefined) return [{ path, op: 'remove', before }];
  if (isObj(before) && isObj(after)) {
    const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])];
    return keys.flatMap((k) => diffPaths(before[k], after[k], [...path, k]));
  }
  if (Array.isArray(before) && Array.isArray(after) && (before.length || after.length)) {
    const key = itemKey(before, after);
    if (key) {
      const name = (x: unknown) => (x as Record<string, string>)[key];
      const a = new Map(before.map((x) => [name(x), x]));
      const b = new Map(after.map((x) => [name(x), x]));
      const names = [...new Set([...a.keys(), ...b.keys()])];
      // An item added to or removed from a list stays one row (named by its key); items in both are compared.
      const items = names.flatMap((n): PathChange[] =>
        !a.has(n) ? [{ path: [...path, n], op: 'add', after: b.get(n) }] : !b.has(n) ? [{ path: [...path, n], op: 'remove', before: a.get(n) }] : diffPaths(a.get(n), b.get(n), [...path, n]),
      );
      const kept = (list: unknown[], other: Map<string, unknown>) => list.map(name).filter((n) => other.has(n));
      const order = same(kept(before, b), kept(after, a)) ? [] : [{ path, op: 'order' as const, before: before.map(name), after: after.map(name) }];
      return [...order, ...items];
    }
  }
  return [{ path, op: 'replace', before, after }];
};

const keyOf = (d: SnapshotDocument) => `${d.kind}/${d.name}`;

/** What changed from one state of the tenant layer to another, document by document (sorted by kind and name). */
export const diffSnapshots = (before: SnapshotDocument[], after: SnapshotDocument[]): DocumentDiff[] => {
  const a = new Map(before.map((d) => [keyOf(d), d]));
  const b = new Map(after.map((d) => [keyOf(d), d]));
  return [...new Set([...a.keys(), ...b.keys()])]
    .sort()
    .flatMap((key): DocumentDiff[] => {
      const [x, y] = [a.get(key), b.get(key)];
      const { kind, name } = (y ?? x)!;
      if (!x) return [{ key, kind, name, status: 'added', changes: diffPaths({}, y) }];
      if (!y) return [{ key, kind, name, status: 'removed', changes: [] }];
      const changes = diffPaths(x, y);
      return changes.length ? [{ key, kind, name, status: 'changed', changes }] : [];
    });
};

/** A value as one short line: text as is, anything else as compact JSON, long ones cut. */
export const shortValue = (v: unknown, max = 120): string => {
  if (v === undefined) return '—';
  const s = typeof v === 'string' ? v : JSON.stringify(v);
  return s.length > max ? `${s.slice(0, max - 1)}…` : s;
};

/** Counts by status, for a one-line summary. */
export const countByStatus = (diffs: DocumentDiff[]): Record<DocumentDiff['status'], number> => ({
  added: diffs.filter((d) => d.status === 'added').length,
  changed: diffs.filter((d) => d.status === 'changed').length,
  removed: diffs.filter((d) => d.status === 'removed').length,
});
