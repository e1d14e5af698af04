import type { Tenant } from '../db/tenant.js';
import { findTenant } from '../tenants/tenant-store.js';
import { problem } from '../errors.js';
import { signInFailures } from '../metrics/index.js';
import { audit } from './audit.js';
import { assertLoginAllowed, clearLoginFailures, recordLoginFailure } from './login-throttle.js';
import { decoyHash, verifyPassword } from './passwords.js';
import { createSession, type NewSession } from './sessions.js';
import { publicUser, type PublicUser, type UserRow } from './users.js';
import type { SecurityCtx } from './types.js';

export interface LoginInput {
  tenant: string;
  email: string;
  password: string;
  /** The client's address, for throttling. */
  ip: string;
}


/**
 * Signs a user in. Wrong tenant, unknown e-mail, inactive user and wrong password all
 * answer the same 401 after the same amount of work; repeated failures are throttled
 * per account and per address (429) and audited.
 */
export const login = async (input: LoginInput, { knex }: SecurityCtx): Promise<NewSession & { actor: PublicUser; tenant: Tenant }> => {
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
  await clearLoginFailures(knex, keys);
  const session = await createSession({ tenantId: tenant.id, userId: user.id }, { knex });
  await audit(knex, { tenantId: tenant.id, actorId: user.id, action: 'auth.login', details: { ip: input.ip } });
  return { token: session.token, csrfToken: session.csrfToken, expiresAt: session.expiresAt, actor: publicUser(user), tenant };
};
