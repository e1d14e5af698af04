import type { Knex } from 'knex';
import type { Tenant } from '../db/tenant.js';
import { invalidInput } from '../errors.js';
import { listRecords } from '../records/index.js';
import { createPortalUser, hashPassword, issuePortalToken, passwordProblems } from '../security/index.js';
import { openTenantWork } from './open-tenant-work.js';
import { SYSTEM_ACTOR } from './system-work.js';

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/**
 * Self-registration for the portal: with a valid address and a password that meets the
 * policy (400 otherwise), a portal role of the tenant's plugins that allows it, and exactly
 * one record of its linked entity holding that address, the person becomes an inactive
 * portal user with a 24-hour verification token for the caller to e-mail. Anything else
 * (no such role or record, the address already registered) gives undefined, and the
 * caller answers the same either way.
 */
export const registerPortalUser = async (
  knex: Knex,
  input: { tenant: Tenant; email: string; password: unknown; name?: string },
): Promise<{ token: string; email: string; name: string } | undefined> => {
  const email = input.email.trim().toLowerCase();
  const bad = [...(EMAIL.test(email) && email.length <= 254 ? [] : [{ field: 'email', message: 'must be an e-mail address' }]), ...passwordProblems(input.password, email)];
  if (bad.length) throw invalidInput('The registration is not valid', bad);
  const found = await openTenantWork(knex, { tenant: input.tenant, actor: SYSTEM_ACTOR, door: 'portal' }, async (ctx) => {
    for (const def of ctx.runtime.portalRoles().filter((r) => r.selfRegistration)) {
      const doc = ctx.meta.entities[def.linkedEntity];
      const field = def.emailField ?? Object.entries(doc?.fields ?? {}).find(([, f]) => f.type === 'email')?.[0];
      if (!doc || !field || !doc.fields[field]) continue;
      const page = await listRecords(def.linkedEntity, { filter: { or: [...new Set([email, input.email.trim()])].map((v) => ({ '==': [{ var: field }, v] })) }, limit: 2 }, ctx);
      if (page.data.length === 1) return { def, record: page.data[0] };
    }
    return undefined;
  });
  if (!found) return undefined;
  const { def, record } = found;
  const name = input.name?.trim() || (typeof record.name === 'string' && record.name.trim()) || email;
  const user = await createPortalUser(
    { tenantId: input.tenant.id, email, name: name.slice(0, 200), role: def.role, linkedEntity: def.linkedEntity, linkedId: String(record.id), pending: { passwordHash: await hashPassword(String(input.password)) } },
    { knex },
  ).catch((e: { status?: number }) => {
    if (e.status === 409) return undefined;
    throw e;
  });
  if (!user) return undefined;
  return { ...(await issuePortalToken(knex, { userId: user.id, purpose: 'verification' })), email: user.email, name: user.name };
};
