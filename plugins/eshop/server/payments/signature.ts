import { createHmac, timingSafeEqual } from 'node:crypto';
import { problem } from '../../../../core/index.js';

/** How far a webhook's timestamp may be from now, in seconds (replays outside it are refused). */
export const REPLAY_WINDOW_SECONDS = 300;

/** The header a signed webhook carries: `t=<unix seconds>,v1=<hex HMAC-SHA256 of "t.body">`. */
export const SIGNATURE_HEADER = 'x-eshop-signature';

export const sign = (secret: string, timestamp: number, body: string): string => createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex');

/** The header value for a body sent at `now`. */
export const signatureHeader = (secret: string, body: string, now = new Date()): string => {
  const t = Math.floor(now.getTime() / 1000);
  return `t=${t},v1=${sign(secret, t, body)}`;
};

/** Checks a signature header against the body: 401 when it does not match or is outside the replay window. */
export const verifySignature = (header: string | undefined, body: string, secret: string, now: Date): void => {
  const parts = Object.fromEntries((header ?? '').split(',').map((p) => p.trim().split('=', 2) as [string, string]));
  const t = Number(parts.t);
  const given = Buffer.from(String(parts.v1 ?? ''), 'hex');
  if (!secret || !Number.isInteger(t) || given.length !== 32) throw problem('ESHOP_WEBHOOK_SIGNATURE');
  const wanted = Buffer.from(sign(secret, t, body), 'hex');
  if (!timingSafeEqual(given, wanted)) throw problem('ESHOP_WEBHOOK_SIGNATURE');
  if (Math.abs(now.getTime() / 1000 - t) > REPLAY_WINDOW_SECONDS) throw problem('ESHOP_WEBHOOK_STALE', { seconds: REPLAY_WINDOW_SECONDS });
};
