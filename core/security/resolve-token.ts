import { API_KEY_PREFIX, resolveApiKey } from './api-keys.js';
import { forgetAuth, recallAuth, rememberAuth } from './remembered-auth.js';
import { digest } from './secrets.js';
import { resolveSession, SESSION_PREFIX } from './sessions.js';
import type { TenantGate } from '../db/tenant.js';
import type { AuthContext, SecurityCtx } from './types.js';

const isApiKey = (token: string, via: 'cookie' | 'bearer'): boolean => token.startsWith(API_KEY_PREFIX) && via === 'bearer';

/**
 * A session token (cookie or bearer) or an API key (bearer) → who is asking, or
 * undefined (an expired service account's key throws its own 401). One query; a success
 * is remembered for recallToken, a failure forgotten.
 */
export const resolveToken = async (token: string, { knex }: SecurityCtx, via: 'cookie' | 'bearer' = 'bearer'): Promise<AuthContext | undefined> => {
  if (token.length > 200) return undefined;
  const hash = digest(token);
  const auth = await (isApiKey(token, via) ? resolveApiKey(token, knex) : token.startsWith(SESSION_PREFIX) ? resolveSession(token, via, knex) : undefined)?.catch((e: unknown) => {
    forgetAuth({ digest: hash });
    throw e;
  });
  // An enrolment-only session is never remembered: enrolling frees it at once, on every process.
  if (auth && !auth.enrolmentOnly) rememberAuth(hash, auth);
  else forgetAuth({ digest: hash });
  return auth;
};

/**
 * The remembered resolution of a token (no query), with the gate that re-checks it in
 * the first statement of the request's tenant transaction. Only for requests that run
 * in one tenant transaction before anything else uses the answer; undefined when there
 * is none (resolve it in full).
 */
export const recallToken = (token: string, via: 'cookie' | 'bearer'): { auth: AuthContext; gate: TenantGate } | undefined => {
  if (token.length > 200) return undefined;
  if (!isApiKey(token, via) && !token.startsWith(SESSION_PREFIX)) return undefined;
  return recallAuth(digest(token), isApiKey(token, via) ? 'api_key' : via);
};
