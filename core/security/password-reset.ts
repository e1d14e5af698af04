import type { Knex } from 'knex';
import { invalidInput, problem } from '../errors.js';
import { audit } from './audit.js';
import { issueLinkToken, liveLinkToken, useLinkToken } from './link-tokens.js';
import { hashPassword, passwordProblems } from './passwords.js';
import { forgetAuth } from './remembered-auth.js';

const TABLE = { table: 'crm_system.password_reset_tokens', person: 'user_id' };
/** A reset link works once, for an hour. */
export const RESET_LIFETIME_MS = 60 * 60 * 1000;
/** At most this many reset links per address in RESET_WINDOW_MS; more requests are answered alike and send nothing. */
export const RESETS_PER_ADDRESS = 3;
const RESET_WINDOW_MS = 15 * 60 * 1000;

/**
 * A password reset link for the active staff user of that e-mail in the tenant, or
 * undefined — for an unknown address and for one that asked too often alike (the caller
 * answers the same either way, so nobody learns which addresses exist). Audited.
 */
export const requestPasswordReset = async (
  knex: Knex,
  input: { tenantId: string; email: string; ip?: string },
): Promise<{ token: string; userId: string; email: string; name: string } | undefined> => {
  const email = input.email.trim().toLowerCase();
  const user = await knex('crm_system.users').where({ tenant_id: input.tenantId, active: true, kind: 'person' }).whereRaw('lower(email) = ?', [email]).first('id', 'email', 'name');
  if (!user) return undefined;
  const recent = await knex('crm_system.password_reset_tokens').where({ user_id: user.id }).andWhere('created_at', '>', new Date(Date.now() - RESET_WINDOW_MS)).count({ n: '*' }).first();
  if (Number(recent?.n ?? 0) >= RESETS_PER_ADDRESS) {
    await audit(knex, { tenantId: input.tenantId, actorId: user.id, action: 'auth.password_reset_throttled', details: { ip: input.ip } });
    return undefined;
  }
  const { token } = await issueLinkToken(knex, TABLE, { personId: user.id, prefix: 'pr_', lifetimeMs: RESET_LIFETIME_MS });
  await audit(knex, { tenantId: input.tenantId, actorId: user.id, action: 'auth.password_reset_requested', details: { ip: input.ip } });
  return { token, userId: user.id, email: user.email, name: user.name };
};

/**
 * Sets a staff user's password with a reset link of that tenant: the password rules of user
 * creation apply, the link is used up and the user's sessions end. 400
 * PASSWORD_RESET_INVALID for an unknown, used or expired link (nothing changes); 400 with
 * the password's problems for a weak password (the link stays usable). Audited.
 */
export const confirmPasswordReset = async (knex: Knex, input: { tenantId?: string; token: string; password: unknown; ip?: string }): Promise<{ userId: string; tenantId: string }> => {
  const done = await knex.transaction(async (trx) => {
    const q = liveLinkToken(trx, TABLE, input.token).join('crm_system.users as u', 'u.id', 'k.user_id').where({ 'u.active': true, 'u.kind': 'person' });
    if (input.tenantId) q.where({ 'u.tenant_id': input.tenantId });
    const row = await q.first('u.id', 'u.email', 'u.tenant_id');
    if (!row) throw problem('PASSWORD_RESET_INVALID');
    const weak = passwordProblems(input.password, row.email);
    if (weak.length) throw invalidInput('The password is not strong enough', weak);
    await useLinkToken(trx, TABLE, input.token);
    await trx('crm_system.users').where({ id: row.id }).update({ password_hash: await hashPassword(String(input.password)), updated_at: trx.fn.now() });
    await trx('crm_system.sessions').where({ user_id: row.id }).delete();
    await audit(trx, { tenantId: row.tenant_id, actorId: row.id, action: 'auth.password_reset', details: { ip: input.ip } });
    return { userId: row.id as string, tenantId: row.tenant_id as string };
  });
  forgetAuth({ userId: done.userId });
  return done;
};
