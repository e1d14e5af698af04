import type { Knex } from 'knex';
import type { Tenant } from '../../db/tenant.js';
import { problem } from '../../errors.js';
import { findTenant } from '../../tenants/tenant-store.js';
import { audit } from '../audit.js';
import { assertLoginAllowed, clearLoginFailures, recordLoginFailure } from '../login-throttle.js';
import { decoyHash, verifyPassword } from '../passwords.js';
import { createPortalSession } from './portal-sessions.js';
import { findPortalUserRow, portalUserOf, type PortalUser } from './portal-users.js';

/**
 * Signs a portal user in: only the portal's own users are looked at (never staff), with the
 * same single 401 for every wrong answer after the same work, throttled per account and per
 * address like staff sign-ins, and audited.
 */
export const portalLogin = async (
  input: { tenant: string; email: string; password: string; ip: string },
  knex: Knex,
): Promise<{ token: string; csrfToken: string; expiresAt: string; user: PortalUser; tenant: Tenant }> => {
  const email = input.email.trim().toLowerCase();
  const keys = { account: `portal:${input.tenant}/${email}`, address: input.ip };
  await assertLoginAllowed(knex, keys);
  const tenant = await findTenant(knex, input.tenant, { active: true });
  const row = tenant ? await findPortalUserRow(knex, tenant.id, email) : undefined;
  const ok = await verifyPassword(row?.password_hash ?? (await decoyHash()), input.password);
  if (!tenant || !row || !row.password_hash || !ok) {
    await recordLoginFailure(knex, keys);
    await audit(knex, { tenantId: tenant?.id ?? null, action: 'portal.login_failed', details: { email, ip: input.ip } });
    throw problem('WRONG_CREDENTIALS');
  }
  await clearLoginFailures(knex, keys);
  const session = await createPortalSession(knex, row.id);
  await audit(knex, { tenantId: tenant.id, action: 'portal.login', target: row.id, details: { ip: input.ip } });
  return { token: session.token, csrfToken: session.csrfToken, expiresAt: session.expiresAt, user: portalUserOf(row), tenant };
};
