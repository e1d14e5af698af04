import { mailerOf, type MailServer } from './transport.js';

/** One message ready to go out. */
export interface OutgoingMail {
  from: string | { name?: string; address: string };
  to: string[];
  subject: string;
  text?: string;
  html?: string;
  messageId: string;
  headers?: Record<string, string>;
  /** Files sent with the message (text content, e.g. an iCalendar invitation). */
  attachments?: { filename: string; content: string; contentType: string }[];
}

export interface Delivery {
  ok: boolean;
  accepted: string[];
  error?: string;
}

/** Hands a message to the SMTP server; a refusal is an answer (`ok: false`), not a throw. */
export const deliverMail = async (mail: OutgoingMail, server: MailServer): Promise<Delivery> => {
  try {
    const info = await mailerOf(server).sendMail({ ...mail });
    return { ok: true, accepted: (info.accepted ?? []).map(String) };
  } catch (e) {
    return { ok: false, accepted: [], error: (e as Error).message.slice(0, 500) };
  }
};
