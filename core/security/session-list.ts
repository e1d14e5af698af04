import { notFound, problem } from '../errors.js';
import { audit } from './audit.js';
import { forgetAuth } from './remembered-auth.js';
import type { SecurityCtx } from './types.js';

/** One active session as its owner (or a tenant admin) sees it; the id is the token's digest, never the token. */
export interface SessionSummary {
  id: string;
  userAgent: string | null;
  ip: string | null;
  createdAt: string;
  lastSeenAt: string;
  expiresAt: string;
  /** The session this request uses. */
  current: boolean;
}

const iso = (v: unknown): string => new Date(v as string).toISOString();

/** 404 unless the user is a person of the tenant (an admin names users by id). */
export const assertUserOfTenant = async (input: { tenantId: string; userId: string }, { knex }: SecurityCtx): Promise<void> => {
  const found = /^[0-9a-f-]{36}$/i.test(input.userId) ? await knex('crm_system.users').where({ tenant_id: input.tenantId, id: input.userId, kind: 'person' }).first('id') : undefined;
  if (!found) throw notFound('No such user in this tenant');
};

/** A person's unexpired sessions in the tenant, the most recently used first. */
export const listSessions = async (input: { tenantId: string; userId: string; currentId?: string }, { knex }: SecurityCtx): Promise<SessionSummary[]> => {
  const rows = await knex('crm_system.sessions')
    .where({ tenant_id: input.tenantId, user_id: input.userId })
    .andWhere('expires_at', '>', knex.fn.now())
    .orderBy('last_seen_at', 'desc')
    .select('id', 'user_agent', 'ip', 'created_at', 'last_seen_at', 'expires_at');
  return rows.map((r: Record<string, unknown>) => ({
    id: String(r.id),
    userAgent: (r.user_agent as string | null) ?? null,
    ip: (r.ip as string | null) ?? null,
    createdAt: iso(r.created_at),
    lastSeenAt: iso(r.last_seen_at),
    expiresAt: iso(r.expires_at),
    current: r.id === input.currentId,
  }));
};

/** Ends one of a person's sessions (404 NO_SUCH_SESSION for any other id), audited. */
export const revokeSession = async (input: { tenantId: string; userId: string; id: string; byId: string }, { knex }: SecurityCtx): Promise<void> => {
  const gone = typeof input.id === 'string' && input.id.length <= 100 ? (await knex('crm_system.sessions').where({ tenant_id: input.tenantId, user_id: input.userId, id: input.id }).delete().returning('id')).length : 0;
  if (!gone) throw problem('NO_SUCH_SESSION');
  forgetAuth({ digest: input.id });
  await audit(knex, { tenantId: input.tenantId, actorId: input.byId, action: 'auth.session_revoked', target: input.userId, details: {} });
};

/** Ends every session of a user of the tenant (a tenant admin's forced sign-out); answers how many ended. */
export const revokeUserSessions = async (input: { tenantId: string; userId: string; byId: string }, { knex }: SecurityCtx): Promise<number> => {
  await assertUserOfTenant(input, { knex });
  const ended = (await knex('crm_system.sessions').where({ tenant_id: input.tenantId, user_id: input.userId }).delete().returning('id')).length;
  forgetAuth({ userId: input.userId });
  await audit(knex, { tenantId: input.tenantId, actorId: input.byId, action: 'auth.sessions_revoked', target: input.userId, details: { ended } });
  return ended;
};
