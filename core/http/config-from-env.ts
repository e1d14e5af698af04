import { config, type Config } from '../config/index.js';
import type { AppConfig } from './app.js';
import { parseCorsOrigins } from './middleware/cors.js';

/** The server's settings from the configuration: TRUST_PROXY, CRM_CORS_ORIGINS, CRM_METRICS_TOKEN, CRM_RATE_LIMIT_*. */
export const appConfigFromEnv = (c: Config = config()): AppConfig => ({
  trustProxy: c.TRUST_PROXY,
  corsOrigins: parseCorsOrigins(c.CRM_CORS_ORIGINS),
  metricsToken: c.CRM_METRICS_TOKEN?.trim() || undefined,
  rateLimits: {
    perKey: c.CRM_RATE_LIMIT_PER_KEY,
    perTenant: c.CRM_RATE_LIMIT_PER_TENANT,
    perAddress: c.CRM_RATE_LIMIT_PER_ADDRESS,
  },
});

/** CRM_DRAIN_SECONDS: how long a stopping server answers 503 on /api/health/ready before it stops accepting (default 0). */
export const drainMsFromEnv = (c: Config = config()): number => c.CRM_DRAIN_SECONDS * 1000;
