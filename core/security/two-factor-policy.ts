import type { Knex } from 'knex';
import type { Tenant } from '../db/tenant.js';
import { loadEffectiveMeta } from '../metadata/tenant-meta.js';

/** Whether one of the roles (the tenant's effective role documents) requires two-factor sign-in. */
export const rolesRequireTwoFactor = async (knex: Knex, tenant: Tenant, roles: string[]): Promise<boolean> => {
  if (!roles.length) return false;
  const meta = await loadEffectiveMeta(knex, tenant);
  return roles.some((r) => (meta.documents.role?.[r] as { requireTwoFactor?: boolean } | undefined)?.requireTwoFactor === true);
};

/** Paths an enrolment-only session reaches: who am I, sign out, and the two-factor enrolment itself. */
export const reachableWhileEnrolling = (path: string): boolean => path === '/api/auth/me' || path === '/api/auth/logout' || path === '/api/auth/2fa' || path.startsWith('/api/auth/2fa/');
