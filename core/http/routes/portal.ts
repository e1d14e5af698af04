import Router from '@koa/router';
import type { Context } from 'koa';
import type { Knex } from 'knex';
import { invalidInput, problem } from '../../errors.js';
import { createRecord, getRecord, listRecords, updateRecord } from '../../records/index.js';
import { endPortalSession, portalLogin, requestPortalReset, setPortalPassword, createPortalSession, verifyPortalUser } from '../../security/index.js';
import { visibleEntities } from '../../security/access/index.js';
import { findTenant } from '../../tenants/tenant-store.js';
import { assertPortalEntity, openPortalWork, registerPortalUser, sendLinkMail } from '../../work/index.js';
import { allowedTransitions, runTransition } from '../../workflow/lifecycles/index.js';
import { ifMatchVersion } from '../if-match.js';
import { requestLocale } from '../request-locale.js';
import { readFile, storeFile } from '../../files/index.js';
import { sendFile, uploadOf } from '../file-io.js';
import { PORTAL_COOKIE, portalAuthenticate, portalOf } from '../middleware/portal-auth.js';
import { allowQuery, queryString } from '../middleware/query-guard.js';

const str = (v: unknown): v is string => typeof v === 'string' && v.trim() !== '';
const bodyOf = (ctx: Context): Record<string, unknown> => (ctx.state.body ?? {}) as Record<string, unknown>;
const required = (b: Record<string, unknown>, names: string[]): void => {
  const missing = names.filter((k) => !str(b[k]));
  if (missing.length) throw invalidInput(`${names.join(', ')} are required`, missing.map((f) => ({ field: f, message: 'is required' })));
};

/**
 * The portal for people outside the company, under /api/portal: its own sign-in, session
 * cookie and single-use links, and records through the record service as the portal user
 * (their one portal role, `$user.<key>` from their linked record). Nothing here reaches
 * staff routes, and no staff credential is accepted here.
 */
export const portalRoutes = (knex: Knex, opts: { secureCookies: boolean }): Router => {
  const r = new Router({ prefix: '/api/portal' });
  const signIn = portalAuthenticate(knex);
  const startSession = (ctx: Context, s: { token: string; expiresAt: string }) =>
    ctx.cookies.set(PORTAL_COOKIE, s.token, { httpOnly: true, sameSite: 'lax', secure: opts.secureCookies || ctx.secure, expires: new Date(s.expiresAt), path: '/' });
  const tenantOf = async (slug: unknown) => (str(slug) ? await findTenant(knex, slug.trim(), { active: true }) : undefined);

  r.post('/auth/login', allowQuery(), async (ctx) => {
    const b = bodyOf(ctx);
    required(b, ['tenant', 'email', 'password']);
    const s = await portalLogin({ tenant: String(b.tenant).trim(), email: String(b.email), password: String(b.password), ip: ctx.ip }, knex);
    startSession(ctx, s);
    ctx.body = { token: s.token, csrfToken: s.csrfToken, expiresAt: s.expiresAt, user: s.user, tenant: { slug: s.tenant.slug, name: s.tenant.name } };
  });

  r.post('/auth/logout', allowQuery(), signIn, async (ctx) => {
    await endPortalSession(knex, portalOf(ctx).sessionId);
    ctx.cookies.set(PORTAL_COOKIE, null, { path: '/' });
    ctx.status = 204;
  });

  r.get('/auth/me', allowQuery(), signIn, async (ctx) => {
    const { user, tenant, csrfToken } = portalOf(ctx);
    ctx.body = { user, tenant: { slug: tenant.slug, name: tenant.name }, csrfToken };
  });

  // An invitation or a reset link: sets the password and signs in.
  r.post('/auth/accept', allowQuery(), async (ctx) => {
    const b = bodyOf(ctx);
    required(b, ['tenant', 'token']);
    const tenant = await tenantOf(b.tenant);
    if (!tenant) throw problem('PORTAL_INVITATION_INVALID');
    const { userId } = await setPortalPassword(knex, { tenantId: tenant.id, token: String(b.token), password: b.password });
    const s = await createPortalSession(knex, userId);
    startSession(ctx, s);
    ctx.body = { token: s.token, csrfToken: s.csrfToken, expiresAt: s.expiresAt };
  });

  // 202 whether or not the address is known; the link goes out by e-mail (logged when no mail is set up).
  r.post('/auth/password-reset', allowQuery(), async (ctx) => {
    const b = bodyOf(ctx);
    required(b, ['tenant', 'email']);
    const tenant = await tenantOf(b.tenant);
    const reset = tenant && (await requestPortalReset(knex, { tenantId: tenant.id, email: String(b.email) }));
    if (reset) {
      const link = `/portal/${tenant.slug}/accept?token=${reset.token}`;
      const mailed = await sendLinkMail({ to: reset.email, name: reset.name, tenantName: tenant.name, url: `${ctx.origin}${link}`, purpose: 'reset' }).catch(() => false);
      if (!mailed) ctx.state.log?.info({ portalUser: reset.userId, link }, 'portal password reset link');
    }
    ctx.status = 202;
    ctx.body = { accepted: true };
  });

  // Self-registration: 202 whether or not the address may register; the verification link goes out by e-mail (logged when no mail is set up).
  r.post('/auth/register', allowQuery(), async (ctx) => {
    const b = bodyOf(ctx);
    required(b, ['tenant', 'email', 'password']);
    const tenant = await tenantOf(b.tenant);
    const made = tenant && (await registerPortalUser(knex, { tenant, email: String(b.email), password: b.password, name: str(b.name) ? b.name : undefined }));
    if (made) {
      const link = `/portal/${tenant.slug}/verify?token=${made.token}`;
      const mailed = await sendLinkMail({ to: made.email, name: made.name, tenantName: tenant.name, url: `${ctx.origin}${link}`, purpose: 'verification' }).catch(() => false);
      if (!mailed) ctx.state.log?.info({ link }, 'portal verification link');
    }
    ctx.status = 202;
    ctx.body = { accepted: true };
  });

  // The verification link of a self-registration: activates the portal user and signs in.
  r.post('/auth/verify', allowQuery(), async (ctx) => {
    const b = bodyOf(ctx);
    required(b, ['tenant', 'token']);
    const tenant = await tenantOf(b.tenant);
    if (!tenant) throw problem('PORTAL_VERIFICATION_INVALID');
    const { userId } = await verifyPortalUser(knex, { tenantId: tenant.id, token: String(b.token) });
    const s = await createPortalSession(knex, userId);
    startSession(ctx, s);
    ctx.body = { token: s.token, csrfToken: s.csrfToken, expiresAt: s.expiresAt };
  });

  // The entities the portal user may read (fields hidden from them left out), with their rights: what the portal app draws.
  r.get('/meta', allowQuery(), signIn, async (ctx) => {
    ctx.body = await openPortalWork(knex, portalOf(ctx), async (w) => ({ entities: visibleEntities(w.meta, w.actor) }));
  });

  r.get('/records/:entity', allowQuery('limit', 'cursor', 'sort'), signIn, async (ctx) => {
    const limit = queryString(ctx, 'limit');
    ctx.body = await openPortalWork(knex, portalOf(ctx), async (w) => {
      assertPortalEntity(ctx.params.entity, w);
      return listRecords(ctx.params.entity, { limit: limit ? Number(limit) : undefined, cursor: queryString(ctx, 'cursor'), sort: queryString(ctx, 'sort') }, w);
    });
  });

  r.get('/records/:entity/:id', allowQuery(), signIn, async (ctx) => {
    ctx.body = await openPortalWork(knex, portalOf(ctx), async (w) => {
      assertPortalEntity(ctx.params.entity, w);
      return getRecord(ctx.params.entity, ctx.params.id, w);
    });
  });

  r.post('/records/:entity', allowQuery(), signIn, async (ctx) => {
    ctx.body = await openPortalWork(knex, portalOf(ctx), async (w) => {
      assertPortalEntity(ctx.params.entity, w);
      return createRecord(ctx.params.entity, bodyOf(ctx), w);
    });
    ctx.status = 201;
  });

  r.patch('/records/:entity/:id', allowQuery(), signIn, async (ctx) => {
    const ifMatch = ifMatchVersion(ctx, true);
    ctx.body = await openPortalWork(knex, portalOf(ctx), async (w) => {
      assertPortalEntity(ctx.params.entity, w);
      return updateRecord(ctx.params.entity, ctx.params.id, bodyOf(ctx), w, { ifMatch });
    });
  });

  // The lifecycle transitions of a record the portal user may take (their role's update right and the transition's own checks), and taking one.
  r.get('/records/:entity/:id/transitions', allowQuery(), signIn, async (ctx) => {
    const locale = await requestLocale(ctx);
    ctx.body = {
      data: await openPortalWork(knex, portalOf(ctx), async (w) => {
        assertPortalEntity(ctx.params.entity, w);
        return allowedTransitions({ entity: ctx.params.entity, id: ctx.params.id }, w, locale);
      }),
    };
  });

  r.post('/records/:entity/:id/transitions/:transition', allowQuery(), signIn, async (ctx) => {
    const ifMatch = ifMatchVersion(ctx, false);
    const { entity, id, transition } = ctx.params;
    const locale = await requestLocale(ctx);
    const record = await openPortalWork(knex, portalOf(ctx), async (w) => {
      assertPortalEntity(entity, w);
      return runTransition({ entity, id, transition, ifMatch, locale, tenantId: portalOf(ctx).tenant.id }, w);
    });
    ctx.set('ETag', `"${record.version}"`);
    ctx.body = record;
  });

  // Files for attachment fields the portal user may write (a service request's attachments): the field's size and type limits apply.
  r.post('/files', allowQuery('name', 'entity', 'field'), signIn, async (ctx) => {
    const upload = uploadOf(ctx);
    ctx.body = await openPortalWork(knex, portalOf(ctx), async (w) => {
      assertPortalEntity(upload.for.entity, w);
      return storeFile(upload, w);
    });
    ctx.status = 201;
  });

  // A file the portal user uploaded, or one attached to a record and field they may read (else 404).
  r.get('/files/:id', allowQuery(), signIn, async (ctx) => {
    sendFile(ctx, await openPortalWork(knex, portalOf(ctx), (w) => readFile(ctx.params.id, w)), 'private, no-cache');
  });

  return r;
};
