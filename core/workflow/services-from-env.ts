import type { WorkflowServices } from './types.js';

/**
 * Outbound services from the environment: CRM_SMTP_URL (e.g. smtp://user:pw@host:587)
 * and CRM_MAIL_FROM for e-mail; CRM_WEBHOOK_ALLOW (comma-separated hosts or CIDRs) for
 * webhooks that may reach private addresses.
 */
export const servicesFromEnv = (env: NodeJS.ProcessEnv = process.env): WorkflowServices => ({
  ...(env.CRM_SMTP_URL && { mail: { transport: env.CRM_SMTP_URL, from: env.CRM_MAIL_FROM || 'crm@localhost' } }),
  webhookAllow: (env.CRM_WEBHOOK_ALLOW ?? '').split(',').map((s) => s.trim()).filter(Boolean),
});
