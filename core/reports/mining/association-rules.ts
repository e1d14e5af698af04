import { FPGrowth } from 'node-fpgrowth';

/** A rule "who takes the antecedent also takes the consequent", with its measures. */
export interface AssociationRule {
  antecedent: string[];
  consequent: string[];
  /** Share of all transactions holding both sides. */
  support: number;
  /** Share of the transactions holding the antecedent that also hold the consequent. */
  confidence: number;
  /** Confidence over the consequent's own support: above 1, the antecedent makes it likelier. */
  lift: number;
  /** Transactions holding both sides. */
  count: number;
}

export interface AssociationOptions {
  /** 0 < minSupport ≤ 1: the share of transactions an itemset must appear in. */
  minSupport: number;
  /** 0 < minConfidence ≤ 1. */
  minConfidence: number;
  /** Itemsets larger than this are not turned into rules; default 4. */
  maxSize?: number;
  /** The strongest rules kept (by lift, then confidence); default 500. */
  maxRules?: number;
  /** Called every 10,000 transactions read. */
  onProgress?: (transactions: number) => void | Promise<void>;
}

export interface AssociationResult {
  transactions: number;
  frequentItems: number;
  itemsets: number;
  rules: AssociationRule[];
}

const keyOf = (ids: number[]): string => [...ids].sort((a, b) => a - b).join(',');

/**
 * Association rules by FP-growth (node-fpgrowth) over transactions read from a stream
 * (each a list of item keys; duplicates in one count once). Items are kept as small
 * numbers and only transactions of two or more items are held, so memory grows with the
 * distinct baskets' sizes, not with the lines read; single items are counted as they pass.
 */
export const associationRules = async (transactions: AsyncIterable<string[]> | Iterable<string[]>, options: AssociationOptions): Promise<AssociationResult> => {
  const { minSupport, minConfidence, maxSize = 4, maxRules = 500 } = options;
  const ids = new Map<string, number>();
  const names: string[] = [];
  const single: number[] = [];
  const held: number[][] = [];
  let n = 0;
  for await (const t of transactions) {
    const basket = [...new Set(t)].map((item) => {
      let id = ids.get(item);
      if (id === undefined) {
        id = names.length;
        ids.set(item, id);
        names.push(item);
        single.push(0);
      }
      single[id]++;
      return id;
    });
    n++;
    if (basket.length > 1) held.push(basket);
    if (n % 10_000 === 0) await options.onProgress?.(n);
  }
  const minCount = Math.max(1, Math.ceil(minSupport * n));
  const frequent = (id: number) => single[id] >= minCount;
  const trimmed = held.map((b) => b.filter(frequent)).filter((b) => b.length > 1);
  held.length = 0;
  const counts = new Map<string, number>();
  for (let id = 0; id < single.length; id++) if (frequent(id)) counts.set(String(id), single[id]);
  if (trimmed.length) {
    // FP-growth counts over the held baskets only (a set of two or more items lives only there); it rounds the share up to a count.
    const found = await new FPGrowth<number>(Math.min(1, (minCount - 0.5) / trimmed.length)).exec(trimmed);
    for (const s of found) if (s.items.length > 1 && s.items.length <= maxSize && s.support >= minCount) counts.set(keyOf(s.items), s.support);
  }
  const rules: AssociationRule[] = [];
  for (const [key, count] of counts) {
    const items = key.split(',').map(Number);
    if (items.length < 2) continue;
    // Every split into a non-empty antecedent and consequent (all subsets of a frequent set are frequent).
    for (let mask = 1; mask < (1 << items.length) - 1; mask++) {
      const a = items.filter((_, i) => mask & (1 << i));
      const c = items.filter((_, i) => !(mask & (1 << i)));
      const confidence = count / counts.get(keyOf(a))!;
      if (confidence < minConfidence) continue;
      const lift = confidence / (counts.get(keyOf(c))! / n);
      rules.push({ antecedent: a.map((i) => names[i]), consequent: c.map((i) => names[i]), support: count / n, confidence, lift, count });
    }
  }
  rules.sort((x, y) => y.lift - x.lift || y.confidence - x.confidence || y.count - x.count);
  return { transactions: n, frequentItems: [...counts.keys()].filter((k) => !k.includes(',')).length, itemsets: counts.size, rules: rules.slice(0, maxRules) };
};
