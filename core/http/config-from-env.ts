import type { AppConfig } from './app.js';
import { parseCorsOrigins } from './middleware/cors.js';

/** The server's settings from the environment: TRUST_PROXY, CRM_CORS_ORIGINS, CRM_METRICS_TOKEN. */
export const appConfigFromEnv = (env: NodeJS.ProcessEnv = process.env): AppConfig => ({
  trustProxy: env.TRUST_PROXY === '1',
  corsOrigins: parseCorsOrigins(env.CRM_CORS_ORIGINS),
  metricsToken: env.CRM_METRICS_TOKEN?.trim() || undefined,
});

/** CRM_DRAIN_SECONDS: how long a stopping server answers 503 on /api/health/ready before it stops accepting (default 0). */
export const drainMsFromEnv = (env: NodeJS.ProcessEnv = process.env): number => {
  const seconds = Number(env.CRM_DRAIN_SECONDS ?? 0);
  if (!Number.isFinite(seconds) || seconds < 0 || seconds > 300) throw new Error(`CRM_DRAIN_SECONDS must be a number of seconds from 0 to 300, not "${env.CRM_DRAIN_SECONDS}"`);
  return seconds * 1000;
};
