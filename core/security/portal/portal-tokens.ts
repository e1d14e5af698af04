import type { Knex } from 'knex';
import { invalidInput, problem } from '../../errors.js';
import { hashPassword, passwordProblems } from '../passwords.js';
import { issueLinkToken, liveLinkToken, useLinkToken } from '../link-tokens.js';
import { findPortalUserRow } from './portal-users.js';

const TOKENS = 'crm_system.portal_tokens';
const TABLE = { table: TOKENS, person: 'portal_user_id' };
const LIFETIME_MS = { invitation: 7 * 24 * 60 * 60 * 1000, reset: 60 * 60 * 1000, verification: 24 * 60 * 60 * 1000 } as const;
export type PortalTokenPurpose = keyof typeof LIFETIME_MS;

/** A single-use link token for a portal user (an invitation lasts 7 days, a password reset an hour); stored as a digest. */
export const issuePortalToken = (knex: Knex, input: { userId: string; purpose: PortalTokenPurpose }): Promise<{ token: string; expiresAt: string }> =>
  issueLinkToken(knex, TABLE, { personId: input.userId, prefix: 'pt_', lifetimeMs: LIFETIME_MS[input.purpose], extra: { purpose: input.purpose } });

/**
 * Sets a portal user's password with an invitation or reset token of that tenant: the token
 * is used up, the user's other sessions end. 400 PORTAL_INVITATION_INVALID for an unknown,
 * used or expired token; 400 with the password's problems for a weak password.
 */
export const setPortalPassword = async (knex: Knex, input: { tenantId: string; token: string; password: unknown }): Promise<{ userId: string }> => {
  return knex.transaction(async (trx) => {
    const row = await liveLinkToken(trx, TABLE, input.token)
      .join('crm_system.portal_users as u', 'u.id', 'k.portal_user_id')
      .where({ 'u.tenant_id': input.tenantId, 'u.active': true })
      .whereIn('k.purpose', ['invitation', 'reset'])
      .first('u.id', 'u.email');
    if (!row) throw problem('PORTAL_INVITATION_INVALID');
    const weak = passwordProblems(input.password, row.email);
    if (weak.length) throw invalidInput('The password is not strong enough', weak);
    await useLinkToken(trx, TABLE, input.token);
    await trx('crm_system.portal_users').where({ id: row.id }).update({ password_hash: await hashPassword(String(input.password)) });
    await trx('crm_system.portal_sessions').where({ portal_user_id: row.id }).delete();
    return { userId: row.id as string };
  });
};

/** A reset token for the active portal user of that e-mail, or undefined (the caller answers the same either way). */
export const requestPortalReset = async (knex: Knex, input: { tenantId: string; email: string }): Promise<{ token: string; userId: string; email: string; name: string } | undefined> => {
  const row = await findPortalUserRow(knex, input.tenantId, input.email);
  if (!row) return undefined;
  return { ...(await issuePortalToken(knex, { userId: row.id, purpose: 'reset' })), userId: row.id, email: row.email, name: row.name };
};

/**
 * Activates a self-registered portal user with the verification token e-mailed to them
 * (the token is used up). 400 PORTAL_VERIFICATION_INVALID for an unknown, used or expired token.
 */
export const verifyPortalUser = async (knex: Knex, input: { tenantId: string; token: string }): Promise<{ userId: string }> =>
  knex.transaction(async (trx) => {
    const row = await liveLinkToken(trx, TABLE, input.token)
      .join('crm_system.portal_users as u', 'u.id', 'k.portal_user_id')
      .where({ 'k.purpose': 'verification', 'u.tenant_id': input.tenantId, 'u.active': false })
      .whereNotNull('u.password_hash')
      .first('u.id');
    if (!row) throw problem('PORTAL_VERIFICATION_INVALID');
    await useLinkToken(trx, TABLE, input.token);
    await trx('crm_system.portal_users').where({ id: row.id }).update({ active: true });
    return { userId: row.id as string };
  });
