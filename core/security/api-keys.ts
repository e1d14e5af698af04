import type { Knex } from 'knex';
import { v7 as uuidv7 } from 'uuid';
import { invalidInput, notFound, problem } from '../errors.js';
import { audit } from './audit.js';
import { forgetAuth } from './remembered-auth.js';
import { digest, newSecret } from './secrets.js';
import { TENANTS } from '../tenants/tenant-store.js';
import { ACTOR_COLUMNS, authFromRow } from './sessions.js';
import { rolesRequireTwoFactor } from './two-factor-policy.js';
import type { AuthContext, SecurityCtx } from './types.js';

export const API_KEY_PREFIX = 'crmk_';
/** `read`: safe methods only. No scope: everything the user may do. */
export const API_KEY_SCOPES = ['read'] as const;

export interface ApiKeyInfo {
  id: string;
  name: string;
  prefix: string;
  scopes: string[];
  createdAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
}

export const apiKeyInfo = (r: Record<string, unknown>): ApiKeyInfo => ({
  id: r.id as string,
  name: r.name as string,
  prefix: r.prefix as string,
  scopes: (r.scopes as string[]) ?? [],
  createdAt: new Date(r.created_at as string).toISOString(),
  lastUsedAt: r.last_used_at ? new Date(r.last_used_at as string).toISOString() : null,
  revokedAt: r.revoked_at ? new Date(r.revoked_at as string).toISOString() : null,
});

/** A named key for a user; the secret is shown once, only its digest is kept. */
export const createApiKey = async (
  input: { tenantId: string; userId: string; name: unknown; scopes?: unknown },
  { knex }: SecurityCtx,
): Promise<ApiKeyInfo & { key: string }> => {
  const problems = [];
  if (typeof input.name !== 'string' || input.name.trim() === '' || input.name.length > 100) problems.push({ field: 'name', message: 'is required (at most 100 characters)' });
  const scopes = input.scopes ?? [];
  if (!Array.isArray(scopes) || !scopes.every((s) => API_KEY_SCOPES.includes(s))) problems.push({ field: 'scopes', message: `must be a list of: ${API_KEY_SCOPES.join(', ')}` });
  if (problems.length) throw invalidInput('The API key is not valid', problems);
  const key = newSecret(API_KEY_PREFIX);
  const row = { id: uuidv7(), tenant_id: input.tenantId, user_id: input.userId, name: (input.name as string).trim(), prefix: key.slice(0, 12), key_hash: digest(key), scopes };
  const [saved] = await knex('crm_system.api_keys').insert(row).returning('*');
  await audit(knex, { tenantId: input.tenantId, actorId: input.userId, action: 'api_key.create', target: row.id, details: { name: row.name } });
  return { ...apiKeyInfo(saved), key };
};

export const listApiKeys = async (input: { tenantId: string; userId: string }, { knex }: SecurityCtx): Promise<ApiKeyInfo[]> =>
  (await knex('crm_system.api_keys').where({ tenant_id: input.tenantId, user_id: input.userId }).orderBy('created_at')).map(apiKeyInfo);

/** Revokes one of the user's own keys (admins: any key of the tenant). */
export const revokeApiKey = async (input: { tenantId: string; id: string; userId: string; isAdmin: boolean }, { knex }: SecurityCtx): Promise<void> => {
  const q = knex('crm_system.api_keys').where({ tenant_id: input.tenantId, id: input.id }).whereNull('revoked_at');
  if (!input.isAdmin) q.andWhere({ user_id: input.userId });
  const [revoked] = await q.update({ revoked_at: knex.fn.now() }).returning(['user_id']);
  if (!revoked) throw notFound('No such API key');
  forgetAuth({ userId: revoked.user_id });
  await audit(knex, { tenantId: input.tenantId, actorId: input.userId, action: 'api_key.revoke', target: input.id });
};

/**
 * The user or service account behind an unrevoked key, or undefined. A service account
 * past its expiry is refused with a message of its own (401 SERVICE_ACCOUNT_EXPIRED). A
 * person's key is refused (403 API_KEY_TWO_FACTOR_REQUIRED) while one of their roles requires
 * two-factor sign-in and they have not set it up: the key would otherwise be a way around it.
 * A service account's key is a credential of its own, issued by an admin, and is not held back.
 */
export const resolveApiKey = async (key: string, knex: Knex): Promise<AuthContext | undefined> => {
  const row = await knex('crm_system.api_keys as k')
    .join('crm_system.users as u', 'u.id', 'k.user_id')
    .join(`${TENANTS} as t`, 't.id', 'k.tenant_id')
    .where('k.key_hash', digest(key))
    .whereNull('k.revoked_at')
    .andWhere({ 'u.active': true, 't.status': 'active' })
    .first([...ACTOR_COLUMNS, 'k.id as key_id', 'k.scopes', 'k.last_used_at', 'u.expires_at', knex.raw('coalesce(u.expires_at <= now(), false) as expired'), 'u.kind as user_kind', knex.raw('u.totp_secret is not null as two_factor_on')]);
  if (!row) return undefined;
  if (row.expired) throw problem('SERVICE_ACCOUNT_EXPIRED', { name: row.user_name, expiredAt: new Date(row.expires_at).toISOString() });
  const auth = authFromRow(row, 'api_key');
  if (row.user_kind === 'person' && !row.two_factor_on && (await rolesRequireTwoFactor(knex, auth.tenant, auth.actor.roles ?? []))) throw problem('API_KEY_TWO_FACTOR_REQUIRED');
  if (!row.last_used_at || Date.now() - new Date(row.last_used_at).getTime() > 60_000) {
    await knex('crm_system.api_keys').where({ id: row.key_id }).update({ last_used_at: knex.fn.now() });
  }
  return { ...auth, scopes: row.scopes ?? [], keyId: row.key_id };
};
