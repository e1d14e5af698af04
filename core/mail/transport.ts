import nodemailer, { type Transporter } from 'nodemailer';

/** Where outgoing mail goes: nodemailer transport options (an smtp:// URL or an object) and the server's default From. */
export interface MailServer {
  transport: string | Record<string, unknown>;
  from: string;
}

const transports = new WeakMap<object, Transporter>();

/** One nodemailer transport per mail server setting (kept for the process's life). */
export const mailerOf = (mail: MailServer): Transporter => {
  let t = transports.get(mail);
  if (!t) transports.set(mail, (t = nodemailer.createTransport(mail.transport as never)));
  return t;
};

/** A Message-ID in the sender's domain: `<id@domain>`. */
export const messageIdFor = (id: string, from: string | { address: string }): string => {
  const address = typeof from === 'string' ? from.replace(/^.*<([^>]+)>.*$/, '$1') : from.address;
  const domain = address.split('@')[1]?.replace(/[^A-Za-z0-9.-]/g, '') || 'crm.local';
  return `<${id}@${domain}>`;
};
