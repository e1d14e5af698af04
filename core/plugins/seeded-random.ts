/** A small seeded PRNG (mulberry32) for plugins' demo seeds: the same seed gives the same demo data on every install. */
export interface Random {
  /** A float in [0, 1). */
  next(): number;
  /** An integer in [min, max]. */
  int(min: number, max: number): number;
  /** A float in [min, max). */
  between(min: number, max: number): number;
  pick<T>(items: readonly T[]): T;
  /** An item drawn by weight: [item, weight] pairs. */
  weighted<T>(items: readonly (readonly [T, number])[]): T;
  /** True with probability p. */
  chance(p: number): boolean;
}

export const seededRandom = (seed: number): Random => {
  let a = seed >>> 0;
  const next = (): number => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (min: number, max: number): number => min + Math.floor(next() * (max - min + 1));
  const weighted = <T>(items: readonly (readonly [T, number])[]): T => {
    let roll = next() * items.reduce((n, [, w]) => n + w, 0);
    for (const [item, w] of items) if ((roll -= w) < 0) return item;
    return items[items.length - 1][0];
  };
  return { next, int, between: (min, max) => min + next() * (max - min), pick: (items) => items[int(0, items.length - 1)], weighted, chance: (p) => next() < p };
};
