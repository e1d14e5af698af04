import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/** A random, URL-safe secret with a readable prefix (`s_` sessions, `crmk_` API keys). */
export const newSecret = (prefix: string, bytes = 32): string => `${prefix}${randomBytes(bytes).toString('base64url')}`;

/**
 * Secrets are stored only as SHA-256 digests: they are long and random, so a fast hash
 * is enough, and a leaked table yields no usable session or key.
 */
export const digest = (secret: string): string => createHash('sha256').update(secret).digest('hex');

/** Constant-time comparison of two strings. */
export const sameSecret = (a: string | undefined, b: string | undefined): boolean => {
  if (!a || !b) return false;
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
};
