import type { Knex } from 'knex';
import { RateLimiterPostgres, RateLimiterRes } from 'rate-limiter-flexible';
import { problem } from '../errors.js';
import { limiterStoreOf } from './limiter-store.js';

/**
 * Failed sign-ins are counted in Postgres (crm_system.login_throttle), so every API
 * process shares one count: per account 5 failures in 15 minutes, per address 50.
 * rate-limiter-flexible talks to it through limiter-store.ts.
 */
const LIMITS = { account: { points: 5, duration: 15 * 60 }, address: { points: 50, duration: 15 * 60 } } as const;

interface Limiters {
  account: RateLimiterPostgres;
  address: RateLimiterPostgres;
}
const byKnex = new WeakMap<Knex, Limiters>();

const limitersOf = (knex: Knex): Limiters => {
  let l = byKnex.get(knex);
  if (!l) {
    const common = { storeClient: limiterStoreOf(knex), storeType: 'pool', schemaName: 'crm_system', tableName: 'login_throttle', tableCreated: true, clearExpiredByTimeout: false };
    l = {
      account: new RateLimiterPostgres({ ...common, keyPrefix: 'acct', ...LIMITS.account }),
      address: new RateLimiterPostgres({ ...common, keyPrefix: 'addr', ...LIMITS.address }),
    };
    byKnex.set(knex, l);
  }
  return l;
};

const refuse = (res: RateLimiterRes): never => {
  const retryAfterSeconds = Math.max(1, Math.ceil(res.msBeforeNext / 1000));
  throw problem('TOO_MANY_REQUESTS', { minutes: Math.ceil(retryAfterSeconds / 60) }, { retryAfterSeconds });
};

/** Refuses (429) before the password is even checked when either count is used up. */
export const assertLoginAllowed = async (knex: Knex, keys: { account: string; address: string }): Promise<void> => {
  const l = limitersOf(knex);
  const [acct, addr] = await Promise.all([l.account.get(keys.account), l.address.get(keys.address)]);
  for (const [res, limit] of [[acct, LIMITS.account], [addr, LIMITS.address]] as const) {
    if (res && res.consumedPoints >= limit.points) refuse(res);
  }
};

export const recordLoginFailure = async (knex: Knex, keys: { account: string; address: string }): Promise<void> => {
  const l = limitersOf(knex);
  await Promise.all([l.account.penalty(keys.account, 1), l.address.penalty(keys.address, 1)]);
};

/** A successful sign-in clears the account's count (the address keeps its own). */
export const clearLoginFailures = async (knex: Knex, keys: { account: string }): Promise<void> => {
  await limitersOf(knex).account.delete(keys.account);
};
