import type { Tenant } from '../db/tenant.js';
import { findTenant, findTenantById } from '../tenants/tenant-store.js';
import { problem } from '../errors.js';
import { signInFailures } from '../metrics/index.js';
import { audit } from './audit.js';
import { assertLoginAllowed, clearLoginFailures, recordLoginFailure } from './login-throttle.js';
import { decoyHash, verifyPassword } from './passwords.js';
import { createSession, type NewSession } from './sessions.js';
import { checkSecondFactor } from './two-factor.js';
import { rolesRequireTwoFactor } from './two-factor-policy.js';
import { readChallenge, signChallenge } from './two-factor-challenge.js';
import { publicUser, type PublicUser, type UserRow } from './users.js';
import type { SecurityCtx } from './types.js';

export interface LoginInput {
  tenant: string;
  email: string;
  password: string;
  /** The client's address, for throttling (and the sessions list). */
  ip: string;
  /** The client's User-Agent, for the sessions list. */
  userAgent?: string;
}


/**
 * Signs a user in. Wrong tenant, unknown e-mail, inactive user and wrong password all
 * answer the same 401 after the same amount of work; repeated failures are throttled
 * per account and per address (429) and audited.
 */
/** `twoFactorEnrolmentRequired`: a role requires two factors and the user has none yet; the session reaches only the enrolment. */
export type SignedIn = NewSession & { actor: PublicUser; tenant: Tenant; twoFactorEnrolmentRequired?: true };
/** The password step passed for a user with two-factor sign-in: the code comes next (completeTwoFactorLogin). */
export interface SecondFactorNeeded {
  twoFactorRequired: true;
  challenge: string;
  expiresAt: string;
}

export const login = async (input: LoginInput, { knex }: SecurityCtx): Promise<SignedIn | SecondFactorNeeded> => {
  const email = input.email.trim().toLowerCase();
  const keys = { account: `${input.tenant}/${email}`, address: input.ip };
  await assertLoginAllowed(knex, keys).catch((e: unknown) => {
    signInFailures.inc({ reason: 'throttled' });
    throw e;
  });
  const tenant = await findTenant(knex, input.tenant, { active: true });
  const user: UserRow | undefined = tenant
    ? await knex('crm_system.users').where({ tenant_id: tenant.id, active: true, kind: 'person' }).whereRaw('lower(email) = ?', [email]).first()
    : undefined;
  const ok = await verifyPassword(user?.password_hash ?? (await decoyHash()), input.password);
  if (!tenant || !user || !ok) {
    signInFailures.inc({ reason: 'credentials' });
    await recordLoginFailure(knex, keys);
    await audit(knex, { tenantId: tenant?.id ?? null, actorId: user?.id, action: 'auth.login_failed', details: { email, ip: input.ip } });
    throw problem('WRONG_CREDENTIALS');
  }
  if ((user as UserRow & { totp_secret?: string | null }).totp_secret) {
    await audit(knex, { tenantId: tenant.id, actorId: user.id, action: 'auth.password_ok_code_next', details: { ip: input.ip } });
    return { twoFactorRequired: true, ...(await signChallenge(knex, { userId: user.id, tenantId: tenant.id, account: keys.account })) };
  }
  await clearLoginFailures(knex, keys);
  const enrolmentOnly = await rolesRequireTwoFactor(knex, tenant, user.roles ?? []);
  const session = await createSession({ tenantId: tenant.id, userId: user.id, ip: input.ip, userAgent: input.userAgent, enrolmentOnly }, { knex });
  await audit(knex, { tenantId: tenant.id, actorId: user.id, action: 'auth.login', details: { ip: input.ip, ...(enrolmentOnly ? { enrolmentOnly } : {}) } });
  return { token: session.token, csrfToken: session.csrfToken, expiresAt: session.expiresAt, actor: publicUser(user), tenant, ...(enrolmentOnly ? { twoFactorEnrolmentRequired: true as const } : {}) };
};

/**
 * The second step of a sign-in with two factors: the challenge of the password step and a
 * code (a TOTP code not used before, or a recovery code). A wrong code counts as a failed
 * sign-in for the throttle and the audit log, as a wrong password does.
 */
export const completeTwoFactorLogin = async (input: { challenge: unknown; code: unknown; ip: string; userAgent?: string }, { knex }: SecurityCtx): Promise<SignedIn> => {
  const subject = await readChallenge(knex, input.challenge);
  const keys = { account: subject.account, address: input.ip };
  await assertLoginAllowed(knex, keys).catch((e: unknown) => {
    signInFailures.inc({ reason: 'throttled' });
    throw e;
  });
  if (typeof input.code !== 'string' || !input.code.trim() || input.code.length > 64) throw problem('TWO_FACTOR_CODE_REQUIRED', {}, { errors: [{ field: 'code', message: 'is required' }] });
  const user: UserRow | undefined = await knex('crm_system.users').where({ id: subject.userId, tenant_id: subject.tenantId, active: true, kind: 'person' }).first();
  const byId = user ? await findTenantById(knex, subject.tenantId) : undefined;
  const tenant = byId ? await findTenant(knex, byId.slug, { active: true }) : undefined;
  if (!user || !tenant) throw problem('TWO_FACTOR_CHALLENGE_INVALID');
  const how = await checkSecondFactor(knex, user.id, input.code);
  if (!how) {
    signInFailures.inc({ reason: 'second_factor' });
    await recordLoginFailure(knex, keys);
    await audit(knex, { tenantId: tenant.id, actorId: user.id, action: 'auth.login_failed', details: { reason: 'second factor', ip: input.ip } });
    throw problem('TWO_FACTOR_WRONG_CODE', {}, { errors: [{ field: 'code', message: 'is not right' }] });
  }
  await clearLoginFailures(knex, keys);
  const session = await createSession({ tenantId: tenant.id, userId: user.id, ip: input.ip, userAgent: input.userAgent }, { knex });
  await audit(knex, { tenantId: tenant.id, actorId: user.id, action: 'auth.login', details: { ip: input.ip, secondFactor: how } });
  return { token: session.token, csrfToken: session.csrfToken, expiresAt: session.expiresAt, actor: publicUser(user), tenant };
};
