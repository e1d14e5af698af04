import { config, type Config } from '../config/index.js';
import type { AppConfig } from './app.js';
import { parseCorsOrigins } from './middleware/cors.js';
import type { InboundMailConfig } from '../work/index.js';
import { servicesFromEnv } from '../workflow/services-from-env.js';

/** The server's settings from the configuration: TRUST_PROXY, CRM_CORS_ORIGINS, CRM_METRICS_TOKEN, CRM_RATE_LIMIT_*, CRM_SMTP_URL and CRM_MAIL_FROM, CRM_PUBLIC_URL. */
export const appConfigFromEnv = (c: Config = config()): AppConfig => ({
  trustProxy: c.TRUST_PROXY,
  corsOrigins: parseCorsOrigins(c.CRM_CORS_ORIGINS),
  metricsToken: c.CRM_METRICS_TOKEN?.trim() || undefined,
  rateLimits: {
    perKey: c.CRM_RATE_LIMIT_PER_KEY,
    perTenant: c.CRM_RATE_LIMIT_PER_TENANT,
    perAddress: c.CRM_RATE_LIMIT_PER_ADDRESS,
  },
  mail: servicesFromEnv(c).mail,
  publicUrl: c.CRM_PUBLIC_URL?.trim().replace(/\/+$/, '') || undefined,
});

/**
 * The inbound SMTP listener, off unless CRM_SMTP_INBOUND_PORT is set; CRM_SMTP_INBOUND_HOST,
 * CRM_SMTP_INBOUND_MAX_BYTES (SMTP SIZE), CRM_SMTP_INBOUND_HOURLY (messages per tenant per
 * hour) and CRM_SMTP_INBOUND_DOMAIN (take only `<mailbox>@<tenant>.<domain>`) refine it.
 */
export const inboundMailFromEnv = (c: Config = config()): InboundMailConfig | undefined => {
  if (c.CRM_SMTP_INBOUND_PORT === undefined) return undefined;
  return {
    port: c.CRM_SMTP_INBOUND_PORT,
    host: c.CRM_SMTP_INBOUND_HOST?.trim() || undefined,
    maxBytes: c.CRM_SMTP_INBOUND_MAX_BYTES,
    hourlyLimit: c.CRM_SMTP_INBOUND_HOURLY,
    domain: c.CRM_SMTP_INBOUND_DOMAIN?.trim().toLowerCase() || undefined,
  };
};

/** CRM_DRAIN_SECONDS: how long a stopping server answers 503 on /api/health/ready before it stops accepting (default 0). */
export const drainMsFromEnv = (c: Config = config()): number => c.CRM_DRAIN_SECONDS * 1000;
