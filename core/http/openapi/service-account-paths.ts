import { body, idParam, listOf, noContent, ok, op, pathParam, ref, SIGNED_IN, uuid, WRITES, type Paths, type Schema } from './shared.js';

const writeScope: Schema = {
  description: '"all" (what its roles allow), "none" (read only) or the only entities it may write',
  oneOf: [{ type: 'string', enum: ['all', 'none'] }, { type: 'array', minItems: 1, items: { type: 'string' } }],
};

const account: Schema = {
  type: 'object',
  required: ['id', 'name', 'roles', 'team', 'writeScope', 'expiresAt', 'expired', 'active', 'createdAt'],
  properties: {
    id: uuid, name: { type: 'string' }, roles: { type: 'array', items: { type: 'string' } }, team: { type: ['string', 'null'] }, writeScope,
    expiresAt: { type: ['string', 'null'], format: 'date-time' }, expired: { type: 'boolean' }, active: { type: 'boolean' }, createdAt: { type: 'string', format: 'date-time' },
  },
};

const changes = (create: boolean): Schema => ({
  type: 'object',
  additionalProperties: false,
  ...(create && { required: ['name', 'roles'] }),
  properties: {
    name: { type: 'string', maxLength: 100 }, roles: { type: 'array', items: { type: 'string' } }, team: { type: ['string', 'null'] }, writeScope,
    expiresAt: { type: ['string', 'null'], format: 'date-time', description: 'In the future; null: never' },
    ...(!create && { active: { type: 'boolean' } }),
  },
});

const TAG = 'Service accounts';
const newKey: Schema = { allOf: [ref('ApiKey'), { type: 'object', required: ['key'], properties: { key: { type: 'string', description: 'crmk_…; shown only now' } } }] };

/** /api/service-accounts: machine identities with roles, write scope and expiry, and their keys (tenant admins). */
export const serviceAccountPaths = (): Paths => ({
  '/api/service-accounts': {
    get: op('list_service_accounts', TAG, 'The tenant\'s service accounts (tenant admins)', { 200: ok('Service accounts', listOf(ref('ServiceAccount'))) }, SIGNED_IN),
    post: op('create_service_account', TAG, 'Add a service account (tenant admins)', { 201: ok('Created', ref('ServiceAccount')) }, WRITES, body(changes(true))),
  },
  '/api/service-accounts/{id}': {
    parameters: [idParam],
    patch: op('update_service_account', TAG, 'Change a service account (tenant admins)', { 200: ok('Changed', ref('ServiceAccount')) }, WRITES, body(changes(false))),
  },
  '/api/service-accounts/{id}/keys': {
    parameters: [idParam],
    get: op('list_service_account_keys', TAG, 'A service account\'s keys (never the secret)', { 200: ok('Keys', listOf(ref('ApiKey'))) }, SIGNED_IN),
    post: op('issue_service_account_key', TAG, 'Issue a key for a service account', { 201: ok('The key; `key` is shown only now', newKey) }, WRITES,
      body({ type: 'object', required: ['name'], additionalProperties: false, properties: { name: { type: 'string' } } })),
  },
  '/api/service-accounts/{id}/keys/{keyId}': {
    parameters: [idParam, pathParam('keyId', uuid)],
    delete: op('revoke_service_account_key', TAG, 'Revoke a service account\'s key', { 204: noContent }, WRITES),
  },
});

export const serviceAccountSchemas = (): Record<string, Schema> => ({ ServiceAccount: account });
