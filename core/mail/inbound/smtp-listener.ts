import type { AddressInfo } from 'node:net';
import { SMTPServer, type SMTPServerDataStream, type SMTPServerSession } from 'smtp-server';
import { mailboxOf, type MailboxAddress } from './recipient.js';
import type { InboundDelivery } from './store-inbound.js';

/** Why a tenant takes no mail now: none such, or its hourly count is used up. */
export type Refusal = 'no-tenant' | 'over-limit';

export interface InboundSmtpOptions {
  port: number;
  host?: string;
  /** SMTP SIZE: larger messages are refused with 552. */
  maxBytes: number;
  /** Only `<mailbox>@<tenant>.<domain>` (CRM_SMTP_INBOUND_DOMAIN); unset: any domain's first label names the tenant. */
  domain?: string;
  /** Whether the tenant takes a message now (it exists, and is under its hourly count). */
  accepts(tenant: string): Promise<Refusal | null>;
  /** Stores the message in the tenant (and starts its workflows); throws to make the sender retry. */
  deliver(tenant: string, delivery: InboundDelivery): Promise<void>;
  onError?(e: unknown): void;
}

const smtpError = (code: number, message: string): Error => Object.assign(new Error(message), { responseCode: code });

const readAll = async (stream: SMTPServerDataStream): Promise<Buffer> => {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
};

const mailboxesOf = (session: SMTPServerSession, domain?: string): MailboxAddress[] => {
  const seen = new Map<string, MailboxAddress>();
  for (const r of session.envelope.rcptTo) {
    const mb = mailboxOf(r.address, domain);
    if (mb) seen.set(`${mb.tenant}/${mb.mailbox}`, mb);
  }
  return [...seen.values()];
};

/**
 * The inbound SMTP door: takes mail for `<mailbox>@<tenant>.…` addresses, refuses unknown
 * tenants (550) and tenants over their hourly count (452), refuses messages over SIZE
 * (552), and hands each accepted message to `deliver` once per tenant mailbox. A delivery
 * that fails answers 451, so the sending server retries: a message is never silently lost.
 */
export const startInboundSmtp = async (opts: InboundSmtpOptions): Promise<{ port: number; close(): Promise<void> }> => {
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['AUTH', 'STARTTLS'],
    logger: false,
    banner: 'crm inbound mail',
    size: opts.maxBytes,
    onRcptTo(address, _session, callback) {
      const mb = mailboxOf(address.address, opts.domain);
      if (!mb) return callback(smtpError(550, 'No such mailbox here'));
      opts.accepts(mb.tenant).then(
        (refusal) => callback(refusal === 'no-tenant' ? smtpError(550, 'No such mailbox here') : refusal === 'over-limit' ? smtpError(452, 'Too many messages for this mailbox in the last hour; try later') : undefined),
        (e) => {
          opts.onError?.(e);
          callback(smtpError(451, 'Temporary failure; try later'));
        },
      );
    },
    onData(stream, session, callback) {
      readAll(stream)
        .then(async (raw) => {
          if (stream.sizeExceeded) return callback(smtpError(552, `Message exceeds the maximum size of ${opts.maxBytes} bytes`));
          const envelopeFrom = session.envelope.mailFrom ? session.envelope.mailFrom.address : null;
          const envelopeTo = session.envelope.rcptTo.map((r) => r.address.toLowerCase());
          for (const mb of mailboxesOf(session, opts.domain)) await opts.deliver(mb.tenant, { raw, mailbox: mb.mailbox, envelopeFrom, envelopeTo });
          callback();
        })
        .catch((e) => {
          opts.onError?.(e);
          callback(smtpError(451, 'Temporary failure; try later'));
        });
    },
  });
  server.on('error', (e) => opts.onError?.(e));
  await new Promise<void>((resolve, reject) => {
    server.server.once('error', reject);
    server.listen(opts.port, opts.host ?? '0.0.0.0', () => resolve());
  });
  const { port } = server.server.address() as AddressInfo;
  return { port, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
};
