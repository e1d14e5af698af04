import Router from '@koa/router';
import type { Context } from 'koa';
import type { Knex } from 'knex';
import { isAppError } from '../../errors.js';
import { finishOidcSignIn, OIDC_STATE_SECONDS, singleSignOnOffer, startOidcSignIn } from '../../security/index.js';
import { allowQuery } from '../middleware/query-guard.js';
import { answerSignIn } from './sign-in-answer.js';

/** The round trip's signed secrets (state, nonce, PKCE verifier) between start and callback. */
export const OIDC_COOKIE = 'crm_oidc';
const PREFIX = '/api/auth/oidc';

const siteOf = (ctx: Context, publicUrl?: string): string => (publicUrl ?? `${ctx.protocol}://${ctx.host}`).replace(/\/+$/, '');

/**
 * Single sign-on with the tenant's OpenID Connect provider (browser routes):
 * `GET /:tenant` whether the sign-in page offers it, `GET /:tenant/start` off to the provider,
 * `GET /:tenant/callback` back from it. The callback answers redirects, never JSON: into the
 * app with a session cookie, to the sign-in page with a two-factor challenge in the fragment,
 * or to the sign-in page with `ssoError=<problem code>`.
 */
export const oidcRoutes = (knex: Knex, opts: { secureCookies: boolean; publicUrl?: string }): Router => {
  const r = new Router({ prefix: PREFIX });
  const cookieOptions = (ctx: Context) => ({ httpOnly: true, sameSite: 'lax' as const, secure: opts.secureCookies || ctx.secure, path: PREFIX });
  const redirectUri = (ctx: Context, slug: string) => `${siteOf(ctx, opts.publicUrl)}${PREFIX}/${encodeURIComponent(slug)}/callback`;

  r.get('/:tenant', allowQuery(), async (ctx) => {
    ctx.body = await singleSignOnOffer(knex, ctx.params.tenant);
  });

  r.get('/:tenant/start', allowQuery('returnTo'), async (ctx) => {
    const started = await startOidcSignIn(knex, { tenant: ctx.params.tenant, redirectUri: redirectUri(ctx, ctx.params.tenant), returnTo: ctx.query.returnTo });
    ctx.cookies.set(OIDC_COOKIE, started.state, { ...cookieOptions(ctx), maxAge: OIDC_STATE_SECONDS * 1000 });
    ctx.redirect(started.url);
  });

  // Any query: the provider's answer (code, state, iss, session_state, error …) goes to openid-client as it came.
  r.get('/:tenant/callback', async (ctx) => {
    const slug = ctx.params.tenant;
    const signIn = `${siteOf(ctx, opts.publicUrl)}/signin?tenant=${encodeURIComponent(slug)}`;
    const callbackUrl = new URL(`${redirectUri(ctx, slug)}${ctx.querystring ? `?${ctx.querystring}` : ''}`);
    const roundTrip = ctx.cookies.get(OIDC_COOKIE);
    ctx.cookies.set(OIDC_COOKIE, null, cookieOptions(ctx));
    try {
      const answer = await finishOidcSignIn(knex, { tenant: slug, callbackUrl, roundTrip, ip: ctx.ip, userAgent: ctx.get('User-Agent') || undefined });
      if ('twoFactorRequired' in answer) {
        ctx.redirect(`${signIn}&redirect=${encodeURIComponent(answer.returnTo)}#challenge=${encodeURIComponent(answer.challenge)}`);
        return;
      }
      answerSignIn(ctx, answer, opts);
      ctx.body = undefined;
      ctx.redirect(answer.twoFactorEnrolmentRequired ? `${siteOf(ctx, opts.publicUrl)}/enrol-two-factor` : `${siteOf(ctx, opts.publicUrl)}${answer.returnTo}`);
    } catch (e) {
      if (!isAppError(e)) throw e;
      ctx.redirect(`${signIn}&ssoError=${encodeURIComponent(e.textKey ?? e.code)}`);
    }
  });

  return r;
};
