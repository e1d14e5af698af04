import { conflict, notFound } from '../errors.js';
import { apiKeyInfo, createApiKey, type ApiKeyInfo } from './api-keys.js';
import { audit } from './audit.js';
import { forgetAuth } from './remembered-auth.js';
import { findServiceAccount } from './service-accounts.js';
import type { SecurityCtx } from './types.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * A new key of a service account (tenant admins). The key is returned once; only its
 * digest is kept. What it may do is the account's: its roles and write scope.
 */
export const issueServiceAccountKey = async (
  input: { tenantId: string; accountId: string; name?: unknown; byId?: string },
  { knex }: SecurityCtx,
): Promise<ApiKeyInfo & { key: string }> => {
  const account = await findServiceAccount(knex, input.tenantId, input.accountId);
  if (!account.active) throw conflict('The service account is disabled; enable it before issuing keys');
  const name = input.name === undefined || input.name === '' ? `${account.name as string} key` : input.name;
  const issued = await createApiKey({ tenantId: input.tenantId, userId: account.id as string, name }, { knex });
  await audit(knex, { tenantId: input.tenantId, actorId: input.byId, action: 'service_account.key_issue', target: account.id as string, details: { keyId: issued.id, name: issued.name } });
  return issued;
};

export const listServiceAccountKeys = async (input: { tenantId: string; accountId: string }, { knex }: SecurityCtx): Promise<ApiKeyInfo[]> => {
  const account = await findServiceAccount(knex, input.tenantId, input.accountId);
  return (await knex('crm_system.api_keys').where({ tenant_id: input.tenantId, user_id: account.id }).orderBy('created_at')).map(apiKeyInfo);
};

/** Revokes a key of a service account; it stops working at once. */
export const revokeServiceAccountKey = async (input: { tenantId: string; accountId: string; keyId: string; byId?: string }, { knex }: SecurityCtx): Promise<void> => {
  const account = await findServiceAccount(knex, input.tenantId, input.accountId);
  const [revoked] = UUID.test(input.keyId)
    ? await knex('crm_system.api_keys').where({ tenant_id: input.tenantId, user_id: account.id, id: input.keyId }).whereNull('revoked_at').update({ revoked_at: knex.fn.now() }).returning(['id'])
    : [];
  if (!revoked) throw notFound('No such key of this service account');
  forgetAuth({ userId: account.id as string });
  await audit(knex, { tenantId: input.tenantId, actorId: input.byId, action: 'service_account.key_revoke', target: account.id as string, details: { keyId: input.keyId } });
};
