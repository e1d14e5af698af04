import type { Knex } from 'knex';
import { RateLimiterPostgres, RateLimiterRes } from 'rate-limiter-flexible';
import { limiterStoreOf } from './limiter-store.js';

/**
 * Requests per minute (fixed one-minute windows) counted in Postgres
 * (crm_system.rate_limits), so every API process shares the counts: per API key, per
 * tenant (all its keys together) and per address on the anonymous public routes. 0 turns
 * a limit off.
 */
export interface RateLimitConfig {
  perKey: number;
  perTenant: number;
  perAddress: number;
}

export const RATE_LIMIT_DEFAULTS: RateLimitConfig = { perKey: 600, perTenant: 3000, perAddress: 60 };
const WINDOW_SECONDS = 60;
const SWEEP_EVERY_MS = 60 * 60 * 1000;

export type LimitedBy = 'key' | 'tenant' | 'address';

/** Where the tightest count stands after this request, for the RateLimit-* headers. */
export interface RateLimitState {
  by: LimitedBy;
  limit: number;
  remaining: number;
  /** Seconds until the window ends. */
  resetSeconds: number;
  exceeded: boolean;
}

const limiters = new WeakMap<Knex, Map<string, RateLimiterPostgres>>();
const swept = new WeakMap<Knex, number>();

const limiterOf = (knex: Knex, by: LimitedBy, points: number): RateLimiterPostgres => {
  let byName = limiters.get(knex);
  if (!byName) limiters.set(knex, (byName = new Map()));
  const name = `${by}:${points}`;
  let limiter = byName.get(name);
  if (!limiter) {
    const store = { storeClient: limiterStoreOf(knex), storeType: 'pool', schemaName: 'crm_system', tableName: 'rate_limits', tableCreated: true, clearExpiredByTimeout: false };
    byName.set(name, (limiter = new RateLimiterPostgres({ ...store, keyPrefix: `rl_${by}`, points, duration: WINDOW_SECONDS })));
  }
  return limiter;
};

/** Counts one request against a limit; a count over the limit is an answer, not an error. */
const consumeOne = async (knex: Knex, by: LimitedBy, points: number, key: string): Promise<RateLimitState> => {
  let res: RateLimiterRes;
  try {
    res = await limiterOf(knex, by, points).consume(key, 1);
  } catch (e) {
    if (!(e instanceof RateLimiterRes)) throw e;
    res = e;
  }
  return { by, limit: points, remaining: Math.max(0, res.remainingPoints), resetSeconds: Math.max(1, Math.ceil(res.msBeforeNext / 1000)), exceeded: res.consumedPoints > points };
};

/** Rows of windows that ended over an hour ago go, at most once an hour per process. */
const sweep = async (knex: Knex): Promise<void> => {
  const last = swept.get(knex) ?? 0;
  if (Date.now() - last < SWEEP_EVERY_MS) return;
  swept.set(knex, Date.now());
  await knex('crm_system.rate_limits').where('expire', '<', Date.now() - SWEEP_EVERY_MS).delete();
};

/**
 * Counts one request for each of the given keys whose limit is on, and answers the count
 * that constrains most (an exceeded one first, else the fewest remaining); undefined when
 * no limit applies.
 */
export const consumeRequest = async (
  knex: Knex,
  config: RateLimitConfig,
  keys: { key?: string; tenant?: string; address?: string },
): Promise<RateLimitState | undefined> => {
  const counts: [LimitedBy, number, string | undefined][] = [
    ['key', config.perKey, keys.key],
    ['tenant', config.perTenant, keys.tenant],
    ['address', config.perAddress, keys.address],
  ];
  const on = counts.filter(([, points, key]) => points > 0 && key);
  if (!on.length) return undefined;
  await sweep(knex);
  const states = await Promise.all(on.map(([by, points, key]) => consumeOne(knex, by, points, key!)));
  return states.sort((a, b) => Number(b.exceeded) - Number(a.exceeded) || a.remaining - b.remaining)[0];
};
