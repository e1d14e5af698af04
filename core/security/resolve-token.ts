import { API_KEY_PREFIX, resolveApiKey } from './api-keys.js';
import { resolveSession, SESSION_PREFIX } from './sessions.js';
import type { AuthContext, SecurityCtx } from './types.js';

/** A session token (cookie or bearer) or an API key (bearer) → who is asking, or undefined. */
export const resolveToken = async (token: string, { knex }: SecurityCtx, via: 'cookie' | 'bearer' = 'bearer'): Promise<AuthContext | undefined> => {
  if (token.length > 200) return undefined;
  if (token.startsWith(API_KEY_PREFIX) && via === 'bearer') return resolveApiKey(token, knex);
  if (token.startsWith(SESSION_PREFIX)) return resolveSession(token, via, knex);
  return undefined;
};
