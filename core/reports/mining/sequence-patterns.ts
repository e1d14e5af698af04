/** A pattern "A, then later B, then later C" and the share of subjects whose history holds it. */
export interface SequencePattern {
  steps: string[];
  /** Subjects holding the pattern. */
  count: number;
  support: number;
}

export interface SequenceOptions {
  /** 0 < minSupport ≤ 1: the share of subjects a pattern must appear in. */
  minSupport: number;
  /** Longest pattern; default 3. */
  maxLength?: number;
  /** Patterns kept, longest and most supported first; default 200. */
  maxPatterns?: number;
  /** Only the last events of a long history are kept; default 100. */
  maxEvents?: number;
  onProgress?: (subjects: number) => void | Promise<void>;
}

export interface SequenceResult {
  subjects: number;
  patterns: SequencePattern[];
}

/** Where a pattern's greedy (earliest) match ends in a history, or -1. */
const endOf = (history: number[][], pattern: number[]): number => {
  let at = -1;
  for (const item of pattern) {
    let i = at + 1;
    while (i < history.length && !history[i].includes(item)) i++;
    if (i >= history.length) return -1;
    at = i;
  }
  return at;
};

/**
 * Sequence patterns (A → B → C, each step in a later event than the one before) with a
 * minimum support, level by level: a pattern of k+1 steps extends a frequent one of k by
 * an item found after the earliest match of it. Each subject's history is a list of events
 * in time order, each event a list of items (an order's products).
 */
export const sequencePatterns = async (histories: AsyncIterable<string[][]> | Iterable<string[][]>, options: SequenceOptions): Promise<SequenceResult> => {
  const { minSupport, maxLength = 3, maxPatterns = 200, maxEvents = 100 } = options;
  const ids = new Map<string, number>();
  const names: string[] = [];
  const kept: number[][][] = [];
  let subjects = 0;
  const idOf = (item: string) => {
    let id = ids.get(item);
    if (id === undefined) {
      id = names.length;
      ids.set(item, id);
      names.push(item);
    }
    return id;
  };
  for await (const h of histories) {
    subjects++;
    const events = h.slice(-maxEvents).map((e) => [...new Set(e.map(idOf))]);
    if (events.length) kept.push(events);
    if (subjects % 10_000 === 0) await options.onProgress?.(subjects);
  }
  const minCount = Math.max(1, Math.ceil(minSupport * subjects));
  // Level 1: items by the subjects holding them.
  let level = new Map<string, number>();
  for (const h of kept) for (const item of new Set(h.flat())) level.set(String(item), (level.get(String(item)) ?? 0) + 1);
  level = new Map([...level].filter(([, c]) => c >= minCount));
  const frequentItems = new Set([...level.keys()].map(Number));
  const found: SequencePattern[] = [];
  for (let k = 2; k <= maxLength && level.size; k++) {
    const patterns = [...level.keys()].map((key) => key.split(',').map(Number));
    const next = new Map<string, number>();
    for (const h of kept) {
      const seen = new Set<string>();
      for (const p of patterns) {
        const end = endOf(h, p);
        if (end < 0) continue;
        for (let i = end + 1; i < h.length; i++)
          for (const item of h[i]) {
            if (!frequentItems.has(item)) continue;
            const key = `${p.join(',')},${item}`;
            if (seen.has(key)) continue;
            seen.add(key);
            next.set(key, (next.get(key) ?? 0) + 1);
          }
      }
    }
    level = new Map([...next].filter(([, c]) => c >= minCount));
    for (const [key, count] of level) found.push({ steps: key.split(',').map((i) => names[Number(i)]), count, support: count / subjects });
  }
  found.sort((a, b) => b.steps.length - a.steps.length || b.count - a.count);
  return { subjects, patterns: found.slice(0, maxPatterns) };
};
