import { commaList, config, type Config } from '../config/index.js';
import type { WorkflowServices } from './types.js';

/**
 * Outbound services from the configuration: CRM_SMTP_URL (e.g. smtp://user:pw@host:587)
 * and CRM_MAIL_FROM for e-mail; CRM_WEBHOOK_ALLOW (comma-separated hosts or CIDRs) for
 * webhooks that may reach private addresses.
 */
export const servicesFromEnv = (c: Config = config()): WorkflowServices => ({
  ...(c.CRM_SMTP_URL && { mail: { transport: c.CRM_SMTP_URL, from: c.CRM_MAIL_FROM } }),
  webhookAllow: commaList(c.CRM_WEBHOOK_ALLOW),
});
