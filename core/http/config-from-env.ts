import type { AppConfig } from './app.js';
import { parseCorsOrigins } from './middleware/cors.js';
import type { InboundMailConfig } from '../work/index.js';
import { servicesFromEnv } from '../workflow/services-from-env.js';

/** The server's settings from the environment: TRUST_PROXY, CRM_CORS_ORIGINS, CRM_METRICS_TOKEN, CRM_SMTP_URL and CRM_MAIL_FROM, CRM_PUBLIC_URL. */
export const appConfigFromEnv = (env: NodeJS.ProcessEnv = process.env): AppConfig => ({
  trustProxy: env.TRUST_PROXY === '1',
  corsOrigins: parseCorsOrigins(env.CRM_CORS_ORIGINS),
  metricsToken: env.CRM_METRICS_TOKEN?.trim() || undefined,
  mail: servicesFromEnv(env).mail,
  publicUrl: env.CRM_PUBLIC_URL?.trim().replace(/\/+$/, '') || undefined,
});

const whole = (env: NodeJS.ProcessEnv, name: string, min: number, max: number): number | undefined => {
  const raw = env[name]?.trim();
  if (!raw) return undefined;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < min || n > max) throw new Error(`${name} must be a whole number from ${min} to ${max}, not "${raw}"`);
  return n;
};

/**
 * The inbound SMTP listener, off unless CRM_SMTP_INBOUND_PORT is set; CRM_SMTP_INBOUND_HOST,
 * CRM_SMTP_INBOUND_MAX_BYTES (SMTP SIZE), CRM_SMTP_INBOUND_HOURLY (messages per tenant per
 * hour) and CRM_SMTP_INBOUND_DOMAIN (take only `<mailbox>@<tenant>.<domain>`) refine it.
 */
export const inboundMailFromEnv = (env: NodeJS.ProcessEnv = process.env): InboundMailConfig | undefined => {
  const port = whole(env, 'CRM_SMTP_INBOUND_PORT', 0, 65535);
  if (port === undefined) return undefined;
  return {
    port,
    host: env.CRM_SMTP_INBOUND_HOST?.trim() || undefined,
    maxBytes: whole(env, 'CRM_SMTP_INBOUND_MAX_BYTES', 1024, 100 * 1024 * 1024),
    hourlyLimit: whole(env, 'CRM_SMTP_INBOUND_HOURLY', 1, 1_000_000),
    domain: env.CRM_SMTP_INBOUND_DOMAIN?.trim().toLowerCase() || undefined,
  };
};

/** CRM_DRAIN_SECONDS: how long a stopping server answers 503 on /api/health/ready before it stops accepting (default 0). */
export const drainMsFromEnv = (env: NodeJS.ProcessEnv = process.env): number => {
  const seconds = Number(env.CRM_DRAIN_SECONDS ?? 0);
  if (!Number.isFinite(seconds) || seconds < 0 || seconds > 300) throw new Error(`CRM_DRAIN_SECONDS must be a number of seconds from 0 to 300, not "${env.CRM_DRAIN_SECONDS}"`);
  return seconds * 1000;
};
