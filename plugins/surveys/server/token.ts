import { createHash, randomBytes } from 'node:crypto';

/** A survey link's token: 32 random bytes, base64url (43 characters). */
export const TOKEN_SHAPE = /^[A-Za-z0-9_-]{43}$/;

/** A new one-time token and the hash stored in its place (the token itself is only in the e-mail). */
export const newToken = (): { token: string; hash: string } => {
  const token = randomBytes(32).toString('base64url');
  return { token, hash: hashToken(token) };
};

/** The SHA-256 (hex) a response keeps of its link's token. */
export const hashToken = (token: string): string => createHash('sha256').update(token).digest('hex');

/** The public page a token opens: the landing-page app's `/p/<tenant>/survey/<token>`, on CRM_PUBLIC_URL when set. */
export const surveyLink = (tenant: string, token: string): string =>
  `${(process.env.CRM_PUBLIC_URL ?? '').trim().replace(/\/+$/, '')}/p/${encodeURIComponent(tenant)}/survey/${token}`;
