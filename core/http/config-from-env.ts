import type { AppConfig } from './app.js';
import { parseCorsOrigins } from './middleware/cors.js';
import { RATE_LIMIT_DEFAULTS } from '../security/index.js';

/** The server's settings from the environment: TRUST_PROXY, CRM_CORS_ORIGINS, CRM_METRICS_TOKEN, CRM_RATE_LIMIT_*. */
export const appConfigFromEnv = (env: NodeJS.ProcessEnv = process.env): AppConfig => ({
  trustProxy: env.TRUST_PROXY === '1',
  corsOrigins: parseCorsOrigins(env.CRM_CORS_ORIGINS),
  metricsToken: env.CRM_METRICS_TOKEN?.trim() || undefined,
  rateLimits: {
    perKey: perMinute(env, 'CRM_RATE_LIMIT_PER_KEY', RATE_LIMIT_DEFAULTS.perKey),
    perTenant: perMinute(env, 'CRM_RATE_LIMIT_PER_TENANT', RATE_LIMIT_DEFAULTS.perTenant),
    perAddress: perMinute(env, 'CRM_RATE_LIMIT_PER_ADDRESS', RATE_LIMIT_DEFAULTS.perAddress),
  },
});

/** A rate limit in requests per minute (0 turns it off); unset: the default. */
const perMinute = (env: NodeJS.ProcessEnv, name: string, fallback: number): number => {
  const given = env[name]?.trim();
  if (!given) return fallback;
  const n = Number(given);
  if (!Number.isSafeInteger(n) || n < 0 || n > 1_000_000) throw new Error(`${name} must be a whole number of requests per minute from 0 (off) to 1000000, not "${given}"`);
  return n;
};

/** CRM_DRAIN_SECONDS: how long a stopping server answers 503 on /api/health/ready before it stops accepting (default 0). */
export const drainMsFromEnv = (env: NodeJS.ProcessEnv = process.env): number => {
  const seconds = Number(env.CRM_DRAIN_SECONDS ?? 0);
  if (!Number.isFinite(seconds) || seconds < 0 || seconds > 300) throw new Error(`CRM_DRAIN_SECONDS must be a number of seconds from 0 to 300, not "${env.CRM_DRAIN_SECONDS}"`);
  return seconds * 1000;
};
