import { randomBytes } from 'node:crypto';
import type { Knex } from 'knex';
import { generateSecret, generateURI, verify } from 'otplib';
import { problem } from '../errors.js';
import { audit } from './audit.js';
import { digest } from './secrets.js';
import { isSealed, seal, unseal } from './at-rest.js';
import { forgetAuth } from './remembered-auth.js';

/** Recovery codes handed out when two-factor sign-in is turned on (each good once). */
export const RECOVERY_CODE_COUNT = 10;
/** A code of the step before or after is taken too (clocks drift): 30 seconds either way. */
const TOLERANCE_SECONDS = 30;

interface TwoFactorRow {
  id: string;
  tenant_id: string;
  email: string;
  totp_secret: string | null;
  totp_pending: string | null;
  totp_last_step: string | number | null;
  recovery_codes: string[] | null;
}

const COLUMNS = ['id', 'tenant_id', 'email', 'totp_secret', 'totp_pending', 'totp_last_step', 'recovery_codes'];

const userRow = async (knex: Knex, userId: string): Promise<TwoFactorRow> => {
  const row = await knex('crm_system.users').where({ id: userId }).first(COLUMNS);
  if (!row) throw problem('NOT_FOUND');
  return row as TwoFactorRow;
};

const CODE_FIELD = { errors: [{ field: 'code', message: 'is not right' }] };
const isCode = (code: unknown): code is string => typeof code === 'string' && code.trim().length > 0 && code.length <= 64;
const normalise = (code: string): string => code.replace(/[\s-]/g, '').toLowerCase();

/** Ten random recovery codes of three groups of four hex digits, shown once, stored as digests. */
const newRecoveryCodes = (): string[] =>
  Array.from({ length: RECOVERY_CODE_COUNT }, () => (randomBytes(8).toString('hex').match(/.{4}/g) ?? []).slice(0, 3).join('-'));

/** The time step a TOTP code matches, after the last one used; undefined when it matches none. */
const totpStep = async (secret: string, code: string, lastStep: number | null): Promise<number | undefined> => {
  if (!/^\d{6}$/.test(code)) return undefined;
  const result = await verify({ secret, token: code, epochTolerance: TOLERANCE_SECONDS, ...(lastStep !== null ? { afterTimeStep: lastStep } : {}) }).catch(() => ({ valid: false as const }));
  return result.valid && 'timeStep' in result ? (result.timeStep as number) : undefined;
};

export interface TwoFactorStatus {
  enabled: boolean;
  pending: boolean;
  recoveryCodesLeft: number;
}

/** Whether the user signs in with a second factor, is enrolling, and how many recovery codes remain. */
export const twoFactorStatus = async (knex: Knex, userId: string): Promise<TwoFactorStatus> => {
  const row = await userRow(knex, userId);
  return { enabled: Boolean(row.totp_secret), pending: Boolean(row.totp_pending), recoveryCodesLeft: (row.recovery_codes ?? []).length };
};

/**
 * Starts enrolment: a new secret, kept aside until a code from the authenticator app
 * confirms it (confirmTwoFactor). Starting again replaces the secret being enrolled.
 */
export const startTwoFactor = async (knex: Knex, user: { id: string; email: string }, issuer: string): Promise<{ secret: string; otpauthUrl: string }> => {
  const row = await userRow(knex, user.id);
  if (row.totp_secret) throw problem('TWO_FACTOR_ALREADY_ON');
  const secret = generateSecret();
  await knex('crm_system.users').where({ id: user.id }).update({ totp_pending: await seal(knex, secret) });
  return { secret, otpauthUrl: generateURI({ issuer, label: user.email, secret }) };
};

/** Confirms enrolment with a code of the new secret; answers the recovery codes, shown this once. */
export const confirmTwoFactor = async (knex: Knex, userId: string, code: unknown): Promise<{ recoveryCodes: string[] }> => {
  if (!isCode(code)) throw problem('TWO_FACTOR_CODE_REQUIRED', {}, { errors: [{ field: 'code', message: 'is required' }] });
  const row = await userRow(knex, userId);
  if (row.totp_secret) throw problem('TWO_FACTOR_ALREADY_ON');
  if (!row.totp_pending) throw problem('TWO_FACTOR_NOT_STARTED');
  const step = await totpStep(await unseal(knex, row.totp_pending), normalise(code), null);
  if (step === undefined) throw problem('TWO_FACTOR_WRONG_CODE', {}, CODE_FIELD);
  const recoveryCodes = newRecoveryCodes();
  await knex('crm_system.users')
    .where({ id: userId })
    .update({ totp_secret: isSealed(row.totp_pending) ? row.totp_pending : await seal(knex, row.totp_pending), totp_pending: null, totp_last_step: step, recovery_codes: recoveryCodes.map((c) => digest(normalise(c))) });
  await audit(knex, { tenantId: row.tenant_id, actorId: userId, action: 'auth.two_factor_on', details: {} });
  // Sessions held back for enrolment (a role requires two factors) are free from now on.
  await knex('crm_system.sessions').where({ user_id: userId, enrolment_only: true }).update({ enrolment_only: false });
  forgetAuth({ userId });
  return { recoveryCodes };
};

/**
 * Checks a second factor of a user who has one: a TOTP code not used before (the step
 * is remembered, so a code is good once), or an unused recovery code (then spent). The
 * update is conditional, so two requests racing with the same code cannot both pass.
 */
export const checkSecondFactor = async (knex: Knex, userId: string, code: string): Promise<'totp' | 'recovery' | undefined> => {
  const row = await userRow(knex, userId);
  if (!row.totp_secret) return undefined;
  const typed = normalise(code);
  const last = row.totp_last_step === null ? null : Number(row.totp_last_step);
  const step = await totpStep(await unseal(knex, row.totp_secret), typed, last);
  if (step !== undefined) {
    const taken = await knex('crm_system.users')
      .where({ id: userId })
      .andWhere((q) => (last === null ? q.whereNull('totp_last_step') : q.where('totp_last_step', last)))
      .update({ totp_last_step: step });
    return taken ? 'totp' : undefined;
  }
  const d = digest(typed);
  if (!(row.recovery_codes ?? []).includes(d)) return undefined;
  const spent = await knex('crm_system.users')
    .where({ id: userId })
    .whereRaw('? = any(recovery_codes)', [d])
    .update({ recovery_codes: knex.raw('array_remove(recovery_codes, ?)', [d]) });
  if (spent) await audit(knex, { tenantId: row.tenant_id, actorId: userId, action: 'auth.recovery_code_used', details: { left: (row.recovery_codes ?? []).length - 1 } });
  return spent ? 'recovery' : undefined;
};

/** Turns two-factor sign-in off, proven by a current code or a recovery code. */
export const disableTwoFactor = async (knex: Knex, userId: string, code: unknown): Promise<void> => {
  if (!isCode(code)) throw problem('TWO_FACTOR_CODE_REQUIRED', {}, { errors: [{ field: 'code', message: 'is required' }] });
  const row = await userRow(knex, userId);
  if (!row.totp_secret) throw problem('TWO_FACTOR_NOT_ON');
  if (!(await checkSecondFactor(knex, userId, code))) throw problem('TWO_FACTOR_WRONG_CODE', {}, CODE_FIELD);
  await knex('crm_system.users').where({ id: userId }).update({ totp_secret: null, totp_pending: null, totp_last_step: null, recovery_codes: [] });
  await audit(knex, { tenantId: row.tenant_id, actorId: userId, action: 'auth.two_factor_off', details: {} });
};

/**
 * Seals the TOTP secrets stored in the clear before they were encrypted at rest (engine
 * migration 016 kept them as they were). Runs at start; a value is replaced only while it is
 * still the clear one, so processes starting together do not seal twice.
 */
export const sealStoredTwoFactorSecrets = async (knex: Knex): Promise<number> => {
  const rows: { id: string; totp_secret: string | null; totp_pending: string | null }[] = await knex('crm_system.users')
    .where((q) => q.where((a) => a.whereNotNull('totp_secret').andWhereNot('totp_secret', 'like', 'enc1:%')).orWhere((a) => a.whereNotNull('totp_pending').andWhereNot('totp_pending', 'like', 'enc1:%')))
    .select('id', 'totp_secret', 'totp_pending');
  let sealed = 0;
  for (const r of rows) {
    for (const column of ['totp_secret', 'totp_pending'] as const) {
      const plain = r[column];
      if (!plain || isSealed(plain)) continue;
      sealed += (await knex('crm_system.users').where({ id: r.id, [column]: plain }).update({ [column]: await seal(knex, plain) }).returning('id')).length;
    }
  }
  return sealed;
};
