import Router from '@koa/router';
import type { Knex } from 'knex';
import { invalidInput } from '../../errors.js';
import { deactivatePortalUser, listPortalUsers } from '../../security/index.js';
import { invitePortalUser, sendLinkMail } from '../../work/index.js';
import { requireAdmin } from '../middleware/authenticate.js';
import { allowQuery } from '../middleware/query-guard.js';
import { authOf } from '../tenant-work.js';

const str = (v: unknown): v is string => typeof v === 'string' && v.trim() !== '';

/**
 * Staff side of the portal (tenant admins): list portal users, invite one from a record
 * (`{entity, id, email, name, role}`; the link is e-mailed when mail is set up, and the
 * answer carries it for the admin to pass on otherwise), and deactivate one (their sessions end).
 */
export const portalUserRoutes = (knex: Knex): Router => {
  const r = new Router({ prefix: '/api/portal-users' });

  r.get('/', allowQuery(), requireAdmin, async (ctx) => {
    ctx.body = { data: await listPortalUsers({ tenantId: authOf(ctx).tenant.id }, { knex }) };
  });

  r.post('/', allowQuery(), requireAdmin, async (ctx) => {
    const b = (ctx.state.body ?? {}) as Record<string, unknown>;
    const missing = ['entity', 'id', 'email', 'name', 'role'].filter((k) => !str(b[k]));
    if (missing.length) throw invalidInput('entity, id, email, name and role are required', missing.map((f) => ({ field: f, message: 'is required' })));
    const { tenant, actor } = authOf(ctx);
    const made = await invitePortalUser(knex, { tenant, actor, entity: String(b.entity), id: String(b.id), email: String(b.email), name: String(b.name), role: String(b.role) });
    const link = `/portal/${tenant.slug}/accept?token=${made.token}`;
    const mailed = await sendLinkMail({ to: made.user.email, name: made.user.name, tenantName: tenant.name, url: `${ctx.origin}${link}`, purpose: 'invitation' }).catch((err: unknown) => {
      ctx.state.log?.warn({ err, portalUser: made.user.id }, 'portal invitation not sent');
      return false;
    });
    if (!mailed) ctx.state.log?.info({ portalUser: made.user.id, link }, 'portal invitation link');
    ctx.status = 201;
    ctx.body = { user: made.user, invitation: { token: made.token, link, expiresAt: made.expiresAt, mailed } };
  });

  r.delete('/:id', allowQuery(), requireAdmin, async (ctx) => {
    await deactivatePortalUser({ tenantId: authOf(ctx).tenant.id, id: ctx.params.id }, { knex });
    ctx.status = 204;
  });

  return r;
};
