import { randomBytes } from 'node:crypto';
import type { Knex } from 'knex';
import { jwtVerify, SignJWT } from 'jose';

const SETTING = 'form_token_secret';
/** A drawn form stays good for a day. */
const MAX_AGE_SECONDS = 24 * 60 * 60;
let cached: Uint8Array | undefined;

/** The install's key for form tokens (crm_system.settings), made on first use and shared by every process. */
const formKey = async (knex: Knex): Promise<Uint8Array> => {
  if (cached) return cached;
  await knex('crm_system.settings').insert({ key: SETTING, value: JSON.stringify(randomBytes(32).toString('base64url')) }).onConflict('key').ignore();
  const row = await knex('crm_system.settings').where({ key: SETTING }).first('value');
  cached = Buffer.from(String(row.value), 'base64url');
  return cached;
};

/** A signed token saying when a tenant's form was drawn: the time-to-submit check reads it back. */
export const signFormToken = async (knex: Knex, input: { tenantId: string; form: string; now?: Date }): Promise<string> => {
  const iat = Math.floor((input.now ?? new Date()).getTime() / 1000);
  return new SignJWT({ f: input.form }).setProtectedHeader({ alg: 'HS256' }).setSubject(input.tenantId).setIssuedAt(iat).setExpirationTime(iat + MAX_AGE_SECONDS).sign(await formKey(knex));
};

/** Seconds since the form was drawn, or undefined when the token is missing, forged, expired or for another form. */
export const formTokenAge = async (knex: Knex, token: unknown, input: { tenantId: string; form: string; now?: Date }): Promise<number | undefined> => {
  if (typeof token !== 'string' || token.length > 2000) return undefined;
  try {
    const now = input.now ?? new Date();
    const { payload } = await jwtVerify(token, await formKey(knex), { algorithms: ['HS256'], subject: input.tenantId, currentDate: now });
    if (payload.f !== input.form || typeof payload.iat !== 'number') return undefined;
    return now.getTime() / 1000 - payload.iat;
  } catch {
    return undefined;
  }
};
