import { enterTenant, leaveTenant, type Tenant } from '../db/tenant.js';
import { problem } from '../errors.js';
import { getRecord } from '../records/index.js';
import type { RecordContext } from '../records/types.js';
import { createPortalUser, issuePortalToken, setPortalPassword, type PortalUser } from '../security/index.js';
import type { WorkContext } from './open-tenant-work.js';
import { sendLinkMail } from './link-mail.js';

export interface PortalInvitation {
  user: PortalUser;
  /** The accept page's path, `/portal/<tenant>/accept?token=…` (the token is shown only here). */
  link: string;
  expiresAt: string;
  /** Whether the link went out by e-mail (false when no mail is set up: pass the link on). */
  mailed: boolean;
}

/**
 * Runs fn in a savepoint of the tenant transaction under the engine's own role (the portal's
 * tables live in crm_system, outside the tenant's walls), then takes the tenant's role back.
 */
const outsideTheWalls = async <T>(ctx: RecordContext, tenant: Tenant, fn: (db: RecordContext['db']) => Promise<T>): Promise<T> => {
  await leaveTenant(ctx.db);
  try {
    return await ctx.db.transaction(fn);
  } finally {
    await enterTenant(ctx.db, tenant);
  }
};

/**
 * Invites someone outside the company from inside tenant work (a record action, a seed):
 * the same checks as POST /api/portal-users — a portal role of the tenant's plugins linked
 * to the record's entity, a record the actor can read, an e-mail no portal user has — then
 * the portal user and a 7-day invitation, written in the same transaction (so they are
 * undone with it), e-mailed when mail is set up. With `password` the invitation is taken
 * at once and the user can sign in.
 */
export const invitePortalUserInWork = async (
  input: { entity: string; id: string; email: string; name: string; role: string; password?: string; baseUrl?: string },
  ctx: RecordContext,
): Promise<PortalInvitation> => {
  const work = ctx as Partial<WorkContext> & { tenant?: Tenant };
  if (!work.tenant) throw new Error('invitePortalUserInWork needs tenant work');
  const tenant = work.tenant;
  const def = work.runtime?.portalRole(input.role);
  if (work.runtime && (!def || def.linkedEntity !== input.entity)) throw problem('PORTAL_ROLE_UNKNOWN', { role: input.role }, { errors: [{ field: 'role', message: `not a portal role for ${input.entity}` }] });
  await getRecord(input.entity, input.id, ctx);
  const made = await outsideTheWalls(ctx, tenant, async (db) => {
    const user = await createPortalUser(
      { tenantId: tenant.id, email: input.email, name: input.name, role: input.role, linkedEntity: input.entity, linkedId: input.id, createdBy: ctx.actor.id },
      { knex: db },
    );
    const issued = await issuePortalToken(db, { userId: user.id, purpose: 'invitation' });
    if (input.password !== undefined) await setPortalPassword(db, { tenantId: tenant.id, token: issued.token, password: input.password });
    return { user: input.password === undefined ? user : { ...user, activated: true }, ...issued };
  });
  const { user, token, expiresAt } = made;
  const link = `/portal/${tenant.slug}/accept?token=${token}`;
  if (input.password !== undefined) return { user, link, expiresAt, mailed: false };
  const base = input.baseUrl ?? process.env.CRM_PUBLIC_URL ?? '';
  const mailed = await sendLinkMail({ to: user.email, name: user.name, tenantName: tenant.name, url: `${base}${link}`, purpose: 'invitation' }).catch(() => false);
  return { user, link, expiresAt, mailed };
};
