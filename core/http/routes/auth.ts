import Router from '@koa/router';
import type { Knex } from 'knex';
import { invalidInput, problem } from '../../errors.js';
import { confirmPasswordReset, login, logout, requestPasswordReset } from '../../security/index.js';
import { findTenant } from '../../tenants/tenant-store.js';
import { sendLinkMail } from '../../work/index.js';
import { SESSION_COOKIE } from '../middleware/authenticate.js';
import { allowQuery } from '../middleware/query-guard.js';
import { answerSignIn } from './sign-in-answer.js';
import { authOf } from '../tenant-work.js';

const str = (v: unknown): v is string => typeof v === 'string' && v.trim() !== '';

/** Sign in (session cookie + bearer token), sign out, who am I, and password reset by e-mail. */
export const authRoutes = (knex: Knex, opts: { secureCookies: boolean; publicUrl?: string }): Router => {
  const r = new Router({ prefix: '/api/auth' });

  r.post('/login', allowQuery(), async (ctx) => {
    const b = (ctx.state.body ?? {}) as Record<string, unknown>;
    const missing = (['tenant', 'email', 'password'] as const).filter((k) => !str(b[k]));
    if (missing.length) throw invalidInput('Tenant, email and password are required', missing.map((f) => ({ field: f, message: 'is required' })));
    const answer = await login({ tenant: String(b.tenant).trim(), email: String(b.email).trim(), password: String(b.password), ip: ctx.ip, userAgent: ctx.get('User-Agent') || undefined }, { knex });
    // With two-factor sign-in the password step is a 401 TWO_FACTOR_REQUIRED carrying a challenge;
    // POST /api/auth/2fa/verify completes it. (A client unaware of two factors sees a failed sign-in.)
    if ('twoFactorRequired' in answer) throw problem('TWO_FACTOR_REQUIRED', {}, { challenge: answer.challenge, expiresAt: answer.expiresAt });
    else answerSignIn(ctx, answer, opts);
  });

  r.post('/logout', allowQuery(), async (ctx) => {
    const auth = authOf(ctx);
    if (auth.sessionId) await logout(auth.sessionId, { knex });
    ctx.cookies.set(SESSION_COOKIE, null, { path: '/' });
    ctx.status = 204;
  });

  // 202 whether or not the address is known (and when it asked too often); the link goes out by e-mail (logged when no mail is set up).
  r.post('/password-reset', allowQuery(), async (ctx) => {
    const b = (ctx.state.body ?? {}) as Record<string, unknown>;
    const missing = (['tenant', 'email'] as const).filter((k) => !str(b[k]));
    if (missing.length) throw invalidInput('Tenant and email are required', missing.map((f) => ({ field: f, message: 'is required' })));
    const tenant = await findTenant(knex, String(b.tenant).trim(), { active: true });
    const reset = tenant && (await requestPasswordReset(knex, { tenantId: tenant.id, email: String(b.email), ip: ctx.ip }));
    if (reset) {
      const link = `/reset-password?token=${reset.token}`;
      const url = `${opts.publicUrl ?? `${ctx.protocol}://${ctx.host}`}${link}`;
      const mailed = await sendLinkMail({ to: reset.email, name: reset.name, tenantName: tenant.name, url, purpose: 'staffReset' }).catch(() => false);
      if (!mailed) ctx.state.log?.info({ user: reset.userId, link }, 'password reset link');
    }
    ctx.status = 202;
    ctx.body = { accepted: true };
  });

  // The link's token and a new password: sets it, uses the link up and ends the user's sessions (sign in afresh).
  r.post('/password-reset/confirm', allowQuery(), async (ctx) => {
    const b = (ctx.state.body ?? {}) as Record<string, unknown>;
    if (!str(b.token)) throw invalidInput('The token is required', [{ field: 'token', message: 'is required' }]);
    await confirmPasswordReset(knex, { token: String(b.token), password: b.password, ip: ctx.ip });
    ctx.status = 204;
  });

  r.get('/me', allowQuery(), async (ctx) => {
    const auth = authOf(ctx);
    ctx.body = { user: auth.actor, tenant: { slug: auth.tenant.slug, name: auth.tenant.name }, csrfToken: auth.csrfToken, via: auth.via, ...(auth.enrolmentOnly ? { twoFactorEnrolmentRequired: true } : {}) };
  });

  return r;
};
