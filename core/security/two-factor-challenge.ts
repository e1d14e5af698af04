import { randomBytes } from 'node:crypto';
import type { Knex } from 'knex';
import { jwtVerify, SignJWT } from 'jose';
import { problem } from '../errors.js';

const SETTING = 'two_factor_challenge_secret';
/** The password step holds for five minutes while the user opens the authenticator app. */
export const CHALLENGE_SECONDS = 5 * 60;
let cached: Uint8Array | undefined;

/** The install's key for sign-in challenges (crm_system.settings), made on first use and shared by every process. */
export const challengeKey = async (knex: Knex): Promise<Uint8Array> => {
  if (cached) return cached;
  await knex('crm_system.settings').insert({ key: SETTING, value: JSON.stringify(randomBytes(32).toString('base64url')) }).onConflict('key').ignore();
  const row = await knex('crm_system.settings').where({ key: SETTING }).first('value');
  cached = Buffer.from(String(row.value), 'base64url');
  return cached;
};

export interface ChallengeSubject {
  userId: string;
  tenantId: string;
  /** `<tenant slug>/<e-mail>`: the sign-in throttle's account key. */
  account: string;
}

/** A signed, short-lived proof that the password step passed for this user. */
export const signChallenge = async (knex: Knex, s: ChallengeSubject): Promise<{ challenge: string; expiresAt: string }> => {
  const iat = Math.floor(Date.now() / 1000);
  const challenge = await new SignJWT({ t: s.tenantId, a: s.account })
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject(s.userId)
    .setAudience('crm-2fa')
    .setIssuedAt(iat)
    .setExpirationTime(iat + CHALLENGE_SECONDS)
    .sign(await challengeKey(knex));
  return { challenge, expiresAt: new Date((iat + CHALLENGE_SECONDS) * 1000).toISOString() };
};

/** The subject of a challenge this install signed and that has not expired; else 401. */
export const readChallenge = async (knex: Knex, challenge: unknown): Promise<ChallengeSubject> => {
  if (typeof challenge !== 'string' || challenge.length > 2000) throw problem('TWO_FACTOR_CHALLENGE_INVALID');
  try {
    const { payload } = await jwtVerify(challenge, await challengeKey(knex), { algorithms: ['HS256'], audience: 'crm-2fa' });
    if (typeof payload.sub !== 'string' || typeof payload.t !== 'string' || typeof payload.a !== 'string') throw new Error('incomplete');
    return { userId: payload.sub, tenantId: payload.t, account: payload.a };
  } catch {
    throw problem('TWO_FACTOR_CHALLENGE_INVALID');
  }
};
