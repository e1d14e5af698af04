import type { Knex } from 'knex';
import { withTenant } from '../db/tenant.js';
import { receivedInLastHour, startInboundSmtp, storeInbound, type InboundDelivery, type Refusal } from '../mail/index.js';
import { findTenant, getTenant } from '../tenants/tenant-store.js';
import { startEmailReceivedRuns } from '../workflow/index.js';
import { openTenantWork } from './open-tenant-work.js';
import { systemActor } from './system-work.js';

/** Settings of the inbound SMTP listener (CRM_SMTP_INBOUND_*). */
export interface InboundMailConfig {
  port: number;
  host?: string;
  /** SMTP SIZE in bytes (default 10 MB). */
  maxBytes?: number;
  /** Messages a tenant takes per hour (default 500). */
  hourlyLimit?: number;
  domain?: string;
}

export const DEFAULT_INBOUND_MAX_BYTES = 10 * 1024 * 1024;
export const DEFAULT_INBOUND_HOURLY = 500;

/** Whether a tenant takes mail now: it exists and is active, and is under its hourly count. */
export const acceptsMail = async (knex: Knex, slug: string, hourlyLimit: number): Promise<Refusal | null> => {
  const tenant = await findTenant(knex, slug, { active: true });
  if (!tenant) return 'no-tenant';
  const count = await withTenant(knex, tenant, (trx) => receivedInLastHour(trx));
  return count >= hourlyLimit ? 'over-limit' : null;
};

/**
 * The `mail` door: stores a received message in its tenant as the tenant's system actor
 * (core/mail) and starts the `email_received` workflows, in one tenant transaction.
 */
export const deliverInboundMail = async (knex: Knex, slug: string, delivery: InboundDelivery) => {
  const tenant = await getTenant(knex, slug);
  const actor = await systemActor(knex, tenant.id);
  return openTenantWork(knex, { tenant, actor, door: 'mail' }, async (ctx) => {
    const mail = await storeInbound(delivery, ctx);
    const runs = await startEmailReceivedRuns(ctx.db, tenant.id, ctx.meta, mail);
    return { mail, runs };
  });
};

/** Starts the inbound SMTP listener that delivers through the `mail` door. */
export const startInboundMail = (knex: Knex, config: InboundMailConfig, onError?: (e: unknown) => void) => {
  const hourly = config.hourlyLimit ?? DEFAULT_INBOUND_HOURLY;
  return startInboundSmtp({
    port: config.port,
    host: config.host,
    maxBytes: config.maxBytes ?? DEFAULT_INBOUND_MAX_BYTES,
    domain: config.domain,
    accepts: (slug) => acceptsMail(knex, slug, hourly),
    deliver: async (slug, d) => {
      await deliverInboundMail(knex, slug, d);
    },
    onError,
  });
};
