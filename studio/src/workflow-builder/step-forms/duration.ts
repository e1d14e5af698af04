import type { Options } from './options.js';

export type DurationUnit = 'seconds' | 'minutes' | 'hours' | 'days';
export const DURATION_UNITS: DurationUnit[] = ['minutes', 'hours', 'days', 'seconds'];
const SECONDS: Record<DurationUnit, number> = { seconds: 1, minutes: 60, hours: 3600, days: 86400 };
const SMALL_FIRST: DurationUnit[] = ['seconds', 'minutes', 'hours', 'days'];

export interface Duration {
  amount: number;
  unit: DurationUnit;
}

/** A duration kept as `{seconds|minutes|hours|days}` as one amount and unit (several units add up in the smallest). */
export const durationOf = (o: unknown): Duration | undefined => {
  const src = (o && typeof o === 'object' ? o : {}) as Options;
  const present = SMALL_FIRST.filter((u) => typeof src[u] === 'number');
  if (!present.length) return undefined;
  if (present.length === 1) return { amount: src[present[0]] as number, unit: present[0] };
  const unit = present[0];
  const seconds = present.reduce((sum, u) => sum + (src[u] as number) * SECONDS[u], 0);
  return { amount: seconds / SECONDS[unit], unit };
};

/** The options with their duration replaced (other units and `until` dropped). */
export const withDuration = (o: Options, d: Duration): Options => {
  const out = Object.fromEntries(Object.entries(o).filter(([k]) => !(k in SECONDS) && k !== 'until'));
  return { ...out, [d.unit]: d.amount };
};

/** A duration as its own object (approval's `escalateAfter`), or undefined when there is none. */
export const durationObject = (d: Duration | undefined): Options | undefined => (d && d.amount > 0 ? { [d.unit]: d.amount } : undefined);
