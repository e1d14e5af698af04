import { simpleParser, type AddressObject } from 'mailparser';

export interface ParsedAttachment {
  name: string;
  type: string;
  data: Buffer;
}

export interface ParsedInbound {
  from: { address: string | null; name: string | null };
  to: string[];
  subject: string | null;
  text: string | null;
  html: string | null;
  messageId: string | null;
  inReplyTo: string | null;
  references: string[];
  attachments: ParsedAttachment[];
}

const addresses = (a: AddressObject | AddressObject[] | undefined): { address: string; name: string }[] =>
  (Array.isArray(a) ? a : a ? [a] : []).flatMap((o) => o.value).flatMap((v) => (v.group ? v.group : [v])).filter((v) => v.address).map((v) => ({ address: v.address!.toLowerCase(), name: v.name }));

const ids = (v: string | string[] | undefined): string[] => (Array.isArray(v) ? v : v ? v.split(/\s+/) : []).map((s) => s.trim()).filter(Boolean).slice(0, 100);

/**
 * Parses a raw message with mailparser. A message with no header at all, or one the
 * parser gives up on, is `{ ok: false }` with the reason, so it is kept raw and flagged.
 */
export const parseInbound = async (raw: Buffer): Promise<{ ok: true; message: ParsedInbound } | { ok: false; problem: string }> => {
  let m;
  try {
    m = await simpleParser(raw, { skipImageLinks: true, skipTextToHtml: true });
  } catch (e) {
    return { ok: false, problem: `could not be parsed: ${(e as Error).message.slice(0, 200)}` };
  }
  if (!m.headers.size || (!m.from && !m.messageId && m.subject === undefined)) return { ok: false, problem: 'has no message headers (From, Message-ID or Subject)' };
  const [from] = addresses(m.from);
  return {
    ok: true,
    message: {
      from: { address: from?.address ?? null, name: from?.name || null },
      to: addresses(m.to).map((a) => a.address),
      subject: m.subject ?? null,
      text: m.text ?? null,
      html: typeof m.html === 'string' ? m.html : null,
      messageId: m.messageId ?? null,
      inReplyTo: ids(m.inReplyTo)[0] ?? null,
      references: ids(m.references),
      attachments: m.attachments.map((a) => ({ name: a.filename ?? 'attachment', type: a.contentType || 'application/octet-stream', data: a.content })),
    },
  };
};
