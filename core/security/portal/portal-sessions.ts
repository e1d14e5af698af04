import type { Knex } from 'knex';
import type { Tenant } from '../../db/tenant.js';
import { TENANTS, tenantColumns, tenantFromRow } from '../../tenants/tenant-store.js';
import { digest, newSecret } from '../secrets.js';
import { SESSION_IDLE_MS } from '../sessions.js';
import { portalUserOf, type PortalUser, type PortalUserRow } from './portal-users.js';

/** Portal session tokens: a prefix of their own, stored in their own table, so a staff route never resolves one. */
export const PORTAL_SESSION_PREFIX = 'ps_';

/** Who is asking on a portal route. */
export interface PortalAuth {
  tenant: Tenant;
  user: PortalUser;
  via: 'cookie' | 'bearer';
  sessionId: string;
  csrfToken: string;
}

export const createPortalSession = async (knex: Knex, userId: string): Promise<{ id: string; token: string; csrfToken: string; expiresAt: string }> => {
  const token = newSecret(PORTAL_SESSION_PREFIX);
  const csrfToken = newSecret('', 24);
  const expiresAt = new Date(Date.now() + SESSION_IDLE_MS);
  const id = digest(token);
  await knex('crm_system.portal_sessions').insert({ token_hash: id, portal_user_id: userId, csrf_token: csrfToken, expires_at: expiresAt });
  return { id, token, csrfToken, expiresAt: expiresAt.toISOString() };
};

export const endPortalSession = async (knex: Knex, sessionId: string): Promise<void> => {
  await knex('crm_system.portal_sessions').where({ token_hash: sessionId }).delete();
};

/** An unexpired portal session of an active portal user in an active tenant (one query), or undefined. */
export const resolvePortalSession = async (knex: Knex, token: string, via: PortalAuth['via']): Promise<PortalAuth | undefined> => {
  if (!token.startsWith(PORTAL_SESSION_PREFIX)) return undefined;
  const id = digest(token);
  const row = await knex('crm_system.portal_sessions as s')
    .join('crm_system.portal_users as u', 'u.id', 's.portal_user_id')
    .join(`${TENANTS} as t`, 't.id', 'u.tenant_id')
    .where('s.token_hash', id)
    .andWhere('s.expires_at', '>', knex.fn.now())
    .andWhere({ 'u.active': true, 't.status': 'active' })
    .first(['u.*', 's.csrf_token', ...tenantColumns('t').map((c) => `${c} as t_${c.slice(2)}`)]);
  if (!row) return undefined;
  const t = Object.fromEntries(Object.entries(row).filter(([k]) => k.startsWith('t_')).map(([k, v]) => [k.slice(2), v]));
  return { tenant: tenantFromRow(t as never), user: portalUserOf(row as PortalUserRow), via, sessionId: id, csrfToken: row.csrf_token as string };
};
