import type { Knex } from 'knex';
import { v7 as uuidv7 } from 'uuid';
import { problem } from '../../errors.js';
import type { Tenant } from '../../db/tenant.js';
import { audit } from '../audit.js';
import { mirrorUser } from '../mirror-user.js';
import { forgetAuth } from '../remembered-auth.js';
import type { UserRow } from '../users.js';
import { rolesFromClaims, type SingleSignOn } from './oidc-provider-config.js';

const IDENTITIES = 'crm_system.user_identities';
const UNIQUE_VIOLATION = '23505';

/** Who the provider vouched for: its issuer and the person's subject (the identity's key), and the verified address. */
interface Vouched {
  issuer: string;
  subject: string;
  email: string;
}

const vouched = (claims: Record<string, unknown>): Vouched => {
  const issuer = typeof claims.iss === 'string' ? claims.iss : '';
  const subject = typeof claims.sub === 'string' ? claims.sub : '';
  if (!issuer || !subject || issuer.length > 500 || subject.length > 255) throw problem('SSO_SIGN_IN_FAILED');
  const email = typeof claims.email === 'string' ? claims.email.trim().toLowerCase() : '';
  return { issuer, subject, email };
};

const verifiedEmail = (claims: Record<string, unknown>, email: string): string => {
  if (!email || claims.email_verified === false || email.length > 320) throw problem('SSO_EMAIL_UNVERIFIED');
  return email;
};

/** The user's roles brought in line with the mapped claims, when the role claim is configured. */
const withClaimedRoles = async (knex: Knex, tenant: Tenant, sso: SingleSignOn, user: UserRow, claims: Record<string, unknown>): Promise<UserRow> => {
  const roles = rolesFromClaims(sso, claims);
  const same = [...(user.roles ?? [])].sort().join(',') === roles.join(',');
  if (!sso.roleClaim || same) return user;
  const [updated] = await knex('crm_system.users').where({ id: user.id }).update({ roles }).returning('*');
  forgetAuth({ userId: user.id });
  await audit(knex, { tenantId: tenant.id, actorId: user.id, action: 'user.update', target: user.id, details: { changed: ['roles'], roles: [user.roles, roles], via: 'oidc' } });
  return updated as UserRow;
};

/** A new user made just in time (without a password), linked to the identity, in one transaction. */
const createLinkedUser = async (knex: Knex, tenant: Tenant, sso: SingleSignOn, who: Vouched, claims: Record<string, unknown>): Promise<UserRow> => {
  const email = verifiedEmail(claims, who.email);
  const roles = rolesFromClaims(sso, claims);
  const name = [claims.name, [claims.given_name, claims.family_name].filter((x) => typeof x === 'string').join(' '), email.split('@')[0]].find((x): x is string => typeof x === 'string' && x.trim() !== '')!.trim().slice(0, 200);
  const locale = typeof claims.locale === 'string' && /^zh/i.test(claims.locale) ? 'zh-CN' : 'en';
  const row = { id: uuidv7(), tenant_id: tenant.id, email, name, password_hash: null, is_admin: false, roles, team: null, manager_id: null, locale };
  return knex.transaction(async (trx) => {
    const [inserted] = await trx('crm_system.users').insert(row).returning('*');
    await trx(IDENTITIES).insert({ tenant_id: tenant.id, issuer: who.issuer, subject: who.subject, user_id: row.id, email });
    await audit(trx, { tenantId: tenant.id, actorId: row.id, action: 'user.create', target: row.id, details: { email, via: 'oidc', issuer: who.issuer, subject: who.subject, roles } });
    await mirrorUser(trx, tenant.id, { id: row.id, team: null, active: true, manager: null });
    return inserted as UserRow;
  });
};

/**
 * The person the provider vouched for, by the provider's issuer and the person's subject:
 * 1. an identity already linked (issuer, subject) signs its user in, whatever address the
 *    provider gives now (the address it gave is noted on the identity);
 * 2. otherwise the tenant's user with the verified address is linked and signed in, unless
 *    that user is linked to another subject of the same issuer (then the address was given
 *    to someone else at the provider: 403 SSO_IDENTITY_CONFLICT, audited);
 * 3. otherwise a new user is made just in time and linked, unless the settings say not to.
 * The roles follow the mapped claims when the role claim is configured.
 */
export const userForIdentity = async (knex: Knex, tenant: Tenant, sso: SingleSignOn, claims: Record<string, unknown>): Promise<UserRow> => {
  const who = vouched(claims);
  const linked = await knex(IDENTITIES).where({ tenant_id: tenant.id, issuer: who.issuer, subject: who.subject }).first('user_id');
  if (linked) {
    const user: UserRow | undefined = await knex('crm_system.users').where({ id: linked.user_id, tenant_id: tenant.id, kind: 'person' }).first();
    if (!user?.active) throw problem('SSO_USER_UNKNOWN');
    await knex(IDENTITIES).where({ tenant_id: tenant.id, issuer: who.issuer, subject: who.subject }).update({ email: who.email || null, last_sign_in_at: knex.fn.now() });
    return withClaimedRoles(knex, tenant, sso, user, claims);
  }
  const email = verifiedEmail(claims, who.email);
  const found: UserRow | undefined = await knex('crm_system.users').where({ tenant_id: tenant.id, kind: 'person' }).whereRaw('lower(email) = ?', [email]).first();
  if (!found) {
    if (sso.createUsers === false) throw problem('SSO_USER_UNKNOWN');
    return createLinkedUser(knex, tenant, sso, who, claims);
  }
  if (!found.active) throw problem('SSO_USER_UNKNOWN');
  const other = await knex(IDENTITIES).where({ tenant_id: tenant.id, issuer: who.issuer, user_id: found.id }).first('subject');
  if (other) {
    await audit(knex, { tenantId: tenant.id, action: 'auth.sso_identity_conflict', target: found.id, details: { via: 'oidc', issuer: who.issuer, subject: who.subject, email } });
    throw problem('SSO_IDENTITY_CONFLICT');
  }
  // Two first sign-ins of the same person at once: the second finds the link made; two
  // subjects with the same address at once: the second is refused like any later one.
  try {
    await knex(IDENTITIES).insert({ tenant_id: tenant.id, issuer: who.issuer, subject: who.subject, user_id: found.id, email }).onConflict(['tenant_id', 'issuer', 'subject']).ignore();
  } catch (e) {
    if ((e as { code?: string }).code === UNIQUE_VIOLATION) throw problem('SSO_IDENTITY_CONFLICT');
    throw e;
  }
  await audit(knex, { tenantId: tenant.id, actorId: found.id, action: 'user.sso_linked', target: found.id, details: { via: 'oidc', issuer: who.issuer, subject: who.subject, email } });
  return withClaimedRoles(knex, tenant, sso, found, claims);
};
