import Router from '@koa/router';
import type { Knex } from 'knex';
import { invalidInput } from '../../errors.js';
import { login, logout } from '../../security/index.js';
import { SESSION_COOKIE } from '../middleware/authenticate.js';
import { allowQuery } from '../middleware/query-guard.js';
import { answerSignIn } from './sign-in-answer.js';
import { authOf } from '../tenant-work.js';

const str = (v: unknown): v is string => typeof v === 'string' && v.trim() !== '';

/** Sign in (session cookie + bearer token), sign out, and who am I. */
export const authRoutes = (knex: Knex, opts: { secureCookies: boolean }): Router => {
  const r = new Router({ prefix: '/api/auth' });

  r.post('/login', allowQuery(), async (ctx) => {
    const b = (ctx.state.body ?? {}) as Record<string, unknown>;
    const missing = (['tenant', 'email', 'password'] as const).filter((k) => !str(b[k]));
    if (missing.length) throw invalidInput('Tenant, email and password are required', missing.map((f) => ({ field: f, message: 'is required' })));
    const answer = await login({ tenant: String(b.tenant).trim(), email: String(b.email).trim(), password: String(b.password), ip: ctx.ip }, { knex });
    // With two-factor sign-in the password step answers a challenge; POST /api/auth/2fa/verify completes it.
    if ('twoFactorRequired' in answer) ctx.body = answer;
    else answerSignIn(ctx, answer, opts);
  });

  r.post('/logout', allowQuery(), async (ctx) => {
    const auth = authOf(ctx);
    if (auth.sessionId) await logout(auth.sessionId, { knex });
    ctx.cookies.set(SESSION_COOKIE, null, { path: '/' });
    ctx.status = 204;
  });

  r.get('/me', allowQuery(), async (ctx) => {
    const auth = authOf(ctx);
    ctx.body = { user: auth.actor, tenant: { slug: auth.tenant.slug, name: auth.tenant.name }, csrfToken: auth.csrfToken, via: auth.via };
  });

  return r;
};
