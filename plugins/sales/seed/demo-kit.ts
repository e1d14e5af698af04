import { createRecord, runTransition, todayIn, type Random, type RecordContext, type RecordData } from '../../../core/index.js';

/** The demo seeds' PRNG: core's seeded mulberry32, so every install gets the same demo data. */
export { seededRandom, type Random } from '../../../core/index.js';

/** YYYY-MM-DD `days` after `date` (negative: before): calendar-day arithmetic from core. */
export { addDays } from '../../../core/index.js';

/** Today in the tenant's zone (the seed context's time; UTC when it has none). */
export const tenantToday = (ctx: RecordContext): string => todayIn(ctx.time?.timeZone ?? 'UTC', ctx.now ?? new Date());

/** A copy of `items` in a random order (Fisher–Yates). */
export const shuffled = <T>(r: Random, items: readonly T[]): T[] => {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = r.int(0, i);
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
};

export const minDate = (a: string, b: string): string => (a < b ? a : b);

/** Records created by entity, for the install's answer. */
export type Counts = Record<string, number>;

/** The seed's writes: through the record service, counted. */
export const writer = (ctx: RecordContext, counts: Counts) => ({
  async create(entity: string, data: RecordData): Promise<RecordData> {
    const record = await createRecord(entity, data, ctx);
    counts[entity] = (counts[entity] ?? 0) + 1;
    return record;
  },
  /** Takes lifecycle transitions one after another, as the app's buttons do (from, roles, guards); `set` goes with a step. */
  async advance(entity: string, id: unknown, steps: [transition: string, set?: RecordData][]): Promise<RecordData | undefined> {
    let record: RecordData | undefined;
    for (const [transition, set] of steps) record = await runTransition({ entity, id: String(id), transition, set }, ctx);
    return record;
  },
});

export type Writer = ReturnType<typeof writer>;
