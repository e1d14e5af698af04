import { createHmac, randomBytes } from 'node:crypto';

/** A new signing secret: shown once when made, masked afterwards. */
export const newSecret = (): string => `whsec_${randomBytes(24).toString('base64url')}`;

/** The secret as lists show it: its kind and last four characters. */
export const maskSecret = (secret: string): string => `whsec_…${secret.slice(-4)}`;

/**
 * The headers that sign a delivery: `X-Timestamp` (Unix seconds) and
 * `X-Signature: sha256=<hex HMAC-SHA256 of "<timestamp>.<body>">` with the subscription's secret.
 */
export const signatureHeaders = (secret: string, body: string, now: Date = new Date()): Record<string, string> => {
  const timestamp = String(Math.floor(now.getTime() / 1000));
  return { 'x-timestamp': timestamp, 'x-signature': `sha256=${createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')}` };
};
