import type { ComponentsObject } from 'openapi3-ts/oas31';
import { label, PROBLEM_RESPONSES, type Schema } from './shared.js';

const fieldProblem: Schema = {
  type: 'object',
  required: ['field', 'message'],
  properties: {
    field: { type: 'string', description: 'The field, query parameter or header the problem is about ("" for the whole body)' },
    message: { type: 'string' },
    code: { type: 'string', description: 'A machine-readable reason, e.g. REQUIRED, UNKNOWN_FIELD, MAX_LENGTH' },
  },
};

/** The problem+json body every 4xx and 5xx carries (RFC 9457), as core/http/problem.ts makes it. */
const problem: Schema = {
  type: 'object',
  required: ['type', 'title', 'status', 'detail', 'code'],
  properties: {
    type: { type: 'string', description: 'Always about:blank; `code` says what happened' },
    title: { type: 'string', description: 'The status text' },
    status: { type: 'integer' },
    detail: { type: 'string', description: 'What happened, for a person, in the reader\'s language (Accept-Language: en or zh-CN)' },
    code: { type: 'string', description: 'The problem code, e.g. INVALID_INPUT, VERSION_CONFLICT (core/errors/registry.ts)' },
    errors: { type: 'array', items: { $ref: '#/components/schemas/FieldProblem' }, description: 'Every failing field of bad input' },
    requestId: { type: 'string', description: 'The X-Request-Id of the request, for the logs' },
  },
  additionalProperties: true,
};

const actor: Schema = {
  type: 'object',
  required: ['id', 'name', 'roles', 'isAdmin'],
  properties: {
    id: { type: 'string' }, name: { type: 'string' }, roles: { type: 'array', items: { type: 'string' } }, team: { type: ['string', 'null'] }, isAdmin: { type: 'boolean' },
    writeScope: { type: 'array', items: { type: 'string' }, description: 'Service accounts: the only entities it may write ([] = read only)' },
  },
};

const user: Schema = {
  type: 'object',
  required: ['id', 'email', 'name', 'isAdmin', 'roles', 'team', 'locale', 'active'],
  properties: {
    id: { type: 'string', format: 'uuid' }, email: { type: 'string' }, name: { type: 'string' }, isAdmin: { type: 'boolean' },
    roles: { type: 'array', items: { type: 'string' } }, team: { type: ['string', 'null'] }, locale: { type: 'string' }, active: { type: 'boolean' },
    manager: { type: ['string', 'null'], format: 'uuid', description: "The user's manager (a user id)" },
  },
};

const apiKey: Schema = {
  type: 'object',
  required: ['id', 'name', 'prefix', 'scopes', 'createdAt', 'lastUsedAt', 'revokedAt'],
  properties: {
    id: { type: 'string', format: 'uuid' }, name: { type: 'string' }, prefix: { type: 'string', description: 'The first characters of the key, to tell keys apart' },
    scopes: { type: 'array', items: { type: 'string' } }, createdAt: { type: 'string', format: 'date-time' },
    lastUsedAt: { type: ['string', 'null'], format: 'date-time' }, revokedAt: { type: ['string', 'null'], format: 'date-time' },
  },
};

const tenant: Schema = { type: 'object', required: ['slug', 'name'], properties: { slug: { type: 'string' }, name: { type: 'string' } } };

const historyEntry: Schema = {
  type: 'object',
  required: ['id', 'action', 'actorId', 'actorName', 'actorKind', 'at', 'changes'],
  properties: {
    id: { type: 'integer', description: 'Increasing; the cursor of the next page' },
    action: { type: 'string', description: 'create, update, delete, restore, action:<name> or transition:<name>' },
    actorId: { type: ['string', 'null'], format: 'uuid' },
    actorName: { type: ['string', 'null'], description: 'Who acted, by name (null: the system or someone gone)' },
    actorKind: { type: ['string', 'null'], enum: ['person', 'service', null], description: 'A person or a service account' },
    at: { type: 'string', format: 'date-time' },
    changes: { type: 'object', description: 'field → [old, new] (hidden fields left out); empty for delete and restore', additionalProperties: { type: 'array', minItems: 2, maxItems: 2, items: {} } },
  },
};

const batchItemProblem: Schema = {
  type: 'object',
  required: ['status', 'code', 'detail'],
  properties: { status: { type: 'integer' }, code: { type: 'string' }, detail: { type: 'string' }, errors: { type: 'array', items: { $ref: '#/components/schemas/FieldProblem' } } },
  additionalProperties: true,
};

const batchResult: Schema = {
  type: 'object',
  required: ['status'],
  properties: {
    status: { type: 'integer', description: '201 created, 200 updated, 204 deleted, 4xx failed, 424 not applied (another item of an all-or-none batch failed)' },
    id: { type: 'string', format: 'uuid' },
    version: { type: 'integer' },
    problem: { $ref: '#/components/schemas/BatchItemProblem' },
  },
};

/** Schemas, answers and security schemes shared by every tenant's document. */
export const sharedComponents = (): ComponentsObject => ({
  securitySchemes: {
    bearer: { type: 'http', scheme: 'bearer', description: 'The token from POST /api/auth/login, or an API key (crmk_…)' },
    apiKey: { type: 'apiKey', in: 'header', name: 'X-API-Key', description: 'An API key (crmk_…), for machine clients' },
    cookie: { type: 'apiKey', in: 'cookie', name: 'crm_session', description: 'The session cookie set by POST /api/auth/login; writes also need the X-CSRF-Token header (csrfToken of the login answer)' },
    portalBearer: { type: 'http', scheme: 'bearer', description: 'A portal session token (ps_…) from POST /api/portal/auth/login; staff credentials are not accepted on portal routes' },
    portalCookie: { type: 'apiKey', in: 'cookie', name: 'crm_portal_session', description: 'The portal session cookie; writes also need the X-CSRF-Token header' },
    metricsToken: { type: 'http', scheme: 'bearer', description: 'CRM_METRICS_TOKEN; with none configured, only local callers may scrape' },
    webhookSignature: { type: 'apiKey', in: 'header', name: 'X-Signature', description: 'sha256=<hex HMAC-SHA256 of the raw body> with the workflow\'s webhook secret' },
  },
  schemas: {
    Problem: problem,
    FieldProblem: fieldProblem,
    BatchItemProblem: batchItemProblem,
    BatchResult: batchResult,
    HistoryEntry: historyEntry,
    Actor: actor,
    User: user,
    ApiKey: apiKey,
    TenantSummary: tenant,
    Label: label,
  },
  responses: Object.fromEntries(
    Object.values(PROBLEM_RESPONSES).map(([name, description]) => [name, { description, content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } } }]),
  ),
});
