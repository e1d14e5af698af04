import type { Context } from 'koa';
import type { SignedIn } from '../../security/index.js';
import { SESSION_COOKIE } from '../middleware/authenticate.js';

/** A new session as a sign-in answers it: the cookie, and the token, CSRF token, user and tenant in the body. */
export const answerSignIn = (ctx: Context, session: SignedIn, opts: { secureCookies: boolean }): void => {
  ctx.cookies.set(SESSION_COOKIE, session.token, {
    httpOnly: true,
    sameSite: 'lax',
    secure: opts.secureCookies || ctx.secure,
    expires: new Date(session.expiresAt),
    path: '/',
  });
  ctx.body = { token: session.token, csrfToken: session.csrfToken, expiresAt: session.expiresAt, user: session.actor, tenant: { slug: session.tenant.slug, name: session.tenant.name }, ...(session.twoFactorEnrolmentRequired ? { twoFactorEnrolmentRequired: true } : {}) };
};
