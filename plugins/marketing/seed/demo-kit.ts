import { createRecord, runTransition, type RecordContext, type RecordData } from '../../../core/index.js';

/** A small seeded PRNG (mulberry32): the same seed gives the same demo data everywhere. */
export const seededRandom = (seed: number) => {
  let a = seed >>> 0;
  const next = (): number => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (min: number, max: number): number => min + Math.floor(next() * (max - min + 1));
  return { next, int, pick: <T>(items: readonly T[]): T => items[int(0, items.length - 1)], chance: (p: number) => next() < p };
};
export type Random = ReturnType<typeof seededRandom>;

/** YYYY-MM-DD `days` after a calendar day (negative: before). */
export const addDays = (date: string, days: number): string => {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
};

export type Counts = Record<string, number>;

/** The seed's writes: through the record service and the lifecycles, counted. */
export const writer = (ctx: RecordContext, counts: Counts) => ({
  async create(entity: string, data: RecordData): Promise<RecordData> {
    const record = await createRecord(entity, data, ctx);
    counts[entity] = (counts[entity] ?? 0) + 1;
    return record;
  },
  /** Records written set-wise (a copy), counted all the same. */
  count(entity: string, n: number): void {
    counts[entity] = (counts[entity] ?? 0) + n;
  },
  async advance(entity: string, id: unknown, steps: string[]): Promise<void> {
    for (const transition of steps) await runTransition({ entity, id: String(id), transition }, ctx);
  },
});
export type Writer = ReturnType<typeof writer>;
