import { TENANT_SLUG } from '../../db/tenant.js';

/** Where an inbound address goes: `<mailbox>@<tenant>.<any domain>` → tenant and mailbox. */
export interface MailboxAddress {
  tenant: string;
  mailbox: string;
}

const MAILBOX = /^[a-z0-9._+-]{1,64}$/;

/**
 * Reads the tenant and mailbox from a recipient address: the domain's first label is the
 * tenant's slug, with `-` for the `_` a host name cannot hold (`support@acme-sh.mail.example.com` →
 * tenant `acme_sh`, mailbox `support`). With
 * `domain` set (CRM_SMTP_INBOUND_DOMAIN), only addresses directly under it are taken.
 */
export const mailboxOf = (address: string, domain?: string): MailboxAddress | undefined => {
  const at = address.lastIndexOf('@');
  if (at < 1) return undefined;
  const mailbox = address.slice(0, at).toLowerCase();
  const host = address.slice(at + 1).toLowerCase().replace(/\.$/, '');
  const labels = host.split('.');
  if (labels.length < 2) return undefined;
  if (domain && labels.slice(1).join('.') !== domain.toLowerCase()) return undefined;
  const tenant = labels[0].replace(/-/g, '_');
  return TENANT_SLUG.test(tenant) && MAILBOX.test(mailbox) ? { tenant, mailbox } : undefined;
};
