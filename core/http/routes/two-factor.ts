import Router from '@koa/router';
import type { Context } from 'koa';
import type { Knex } from 'knex';
import { problem } from '../../errors.js';
import { completeTwoFactorLogin, confirmTwoFactor, disableTwoFactor, rolesRequireTwoFactor, startTwoFactor, twoFactorStatus, type AuthContext } from '../../security/index.js';
import { reauthenticate } from '../middleware/authenticate.js';
import { allowQuery } from '../middleware/query-guard.js';
import { authOf } from '../tenant-work.js';
import { answerSignIn } from './sign-in-answer.js';

/** Two-factor enrolment is for people signed in with a session, not for API keys or service accounts. */
const personOf = (ctx: Context): AuthContext => {
  const auth = authOf(ctx);
  if (!auth.sessionId) throw problem('FORBIDDEN');
  return auth;
};

/**
 * /api/auth/2fa: two-factor sign-in with an authenticator app (TOTP).
 * - `GET` whether it is on; `POST /setup` starts enrolment (`otpauthUrl`, the secret);
 * - `POST /verify {code}` signed in: confirms enrolment and answers the recovery codes once;
 *   `POST /verify {challenge, code}` after a password step that answered `twoFactorRequired`:
 *   completes the sign-in (the same answer as /api/auth/login). The path is public for that case.
 * - `POST /disable {code}` turns it off.
 */
export const twoFactorRoutes = (knex: Knex, opts: { secureCookies: boolean }): Router => {
  const r = new Router({ prefix: '/api/auth/2fa' });

  r.get('/', allowQuery(), async (ctx) => {
    ctx.body = await twoFactorStatus(knex, personOf(ctx).actor.id);
  });

  r.post('/setup', allowQuery(), async (ctx) => {
    const { actor, tenant } = personOf(ctx);
    const email = (actor as { email?: string }).email ?? actor.name;
    ctx.body = await startTwoFactor(knex, { id: actor.id, email }, `CRM (${tenant.name})`);
  });

  r.post('/verify', allowQuery(), async (ctx) => {
    const b = (ctx.state.body ?? {}) as Record<string, unknown>;
    if (b.challenge !== undefined) {
      const session = await completeTwoFactorLogin({ challenge: b.challenge, code: b.code, ip: ctx.ip, userAgent: ctx.get('User-Agent') || undefined }, { knex });
      answerSignIn(ctx, session, opts);
      return;
    }
    await reauthenticate(ctx, knex);
    ctx.body = { enabled: true, ...(await confirmTwoFactor(knex, personOf(ctx).actor.id, b.code)) };
  });

  r.post('/disable', allowQuery(), async (ctx) => {
    const b = (ctx.state.body ?? {}) as Record<string, unknown>;
    const { actor, tenant } = personOf(ctx);
    if (await rolesRequireTwoFactor(knex, tenant, actor.roles)) throw problem('TWO_FACTOR_REQUIRED_BY_ROLE');
    await disableTwoFactor(knex, actor.id, b.code);
    ctx.status = 204;
  });

  return r;
};
