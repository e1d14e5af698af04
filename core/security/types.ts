import type { Tenant } from '../db/tenant.js';
import type { Actor } from './actor.js';

/** How a request proved who it is. */
export type AuthVia = 'cookie' | 'bearer' | 'api_key';

/** Who is asking, resolved once per request: actor → tenant. */
export interface AuthContext {
  tenant: Tenant;
  actor: Actor & { email: string; locale: string };
  via: AuthVia;
  /** Set for session authentication (cookie or bearer session token). */
  sessionId?: string;
  csrfToken?: string;
  /** A session that reaches only two-factor enrolment: a role requires it and the person has not enrolled. */
  enrolmentOnly?: boolean;
  /** API keys: the scopes granted (empty = everything the user may do). */
  scopes?: string[];
  /** A service account (not a person) is asking, with one of its keys. */
  serviceAccount?: boolean;
  /** API keys: the key's id (rate limits count per key). */
  keyId?: string;
}

/** Services of this module take the engine's knex (crm_system is not tenant data). */
export interface SecurityCtx {
  knex: import('knex').Knex;
}
