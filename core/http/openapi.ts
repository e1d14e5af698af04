import type { EffectiveMeta, EntityDocument, FieldDefinition } from '../metadata/types.js';
import { fieldSchema } from '../records/entity-validator.js';
import { batchPaths, idempotencyKeyParam } from './openapi-batch.js';

type Schema = Record<string, unknown>;

const READ_ONLY = new Set(['formula', 'rollup', 'auto_number', 'many_to_many']);
const SYSTEM: Record<string, Schema> = {
  id: { type: 'string', format: 'uuid', readOnly: true },
  version: { type: 'integer', readOnly: true },
  created_at: { type: 'string', format: 'date-time', readOnly: true },
  created_by: { type: ['string', 'null'], format: 'uuid', readOnly: true },
  updated_at: { type: 'string', format: 'date-time', readOnly: true },
  updated_by: { type: ['string', 'null'], format: 'uuid', readOnly: true },
  owner_id: { type: ['string', 'null'], format: 'uuid' },
};

const enumValues = (field: FieldDefinition, meta: EffectiveMeta): string[] | undefined => {
  if (field.type !== 'enum' && field.type !== 'multi_enum') return undefined;
  const items = field.dictionary ? meta.dictionaries[field.dictionary]?.items.filter((i) => i.active !== false) : field.options;
  return items?.map((i) => i.value);
};

const readOnlySchema = (field: FieldDefinition): Schema => {
  if (field.type === 'many_to_many') return { type: 'array', items: { type: 'string', format: 'uuid' } };
  if (field.type === 'auto_number') return { type: 'string' };
  if (field.type === 'rollup') return { type: ['number', 'null'] };
  if (field.type === 'formula') return { type: field.resultType === 'integer' || field.resultType === 'decimal' ? ['number', 'null'] : field.resultType === 'boolean' ? ['boolean', 'null'] : ['string', 'null'] };
  return {};
};

/** A field's schema in the document: the record validator's own schema plus labels and picklists. */
const propertyOf = (field: FieldDefinition, meta: EffectiveMeta): Schema => {
  const base: Schema = READ_ONLY.has(field.type) ? { ...readOnlySchema(field), readOnly: true } : { ...(fieldSchema(field) as Schema) };
  const values = enumValues(field, meta);
  if (values && field.type === 'enum') base.enum = [...values, null];
  if (values && field.type === 'multi_enum') base.items = { type: 'string', enum: values };
  if (field.label) base.title = field.label.en;
  if (field.label) base.description = `${field.label.en} / ${field.label['zh-CN']}`;
  return base;
};

const entitySchemas = (e: EntityDocument, meta: EffectiveMeta): Record<string, Schema> => {
  const props = Object.fromEntries(Object.entries(e.fields).map(([n, f]) => [n, propertyOf(f, meta)]));
  const writable = Object.fromEntries(Object.entries(props).filter(([, s]) => !s.readOnly));
  const required = Object.entries(e.fields).filter(([, f]) => f.required && !READ_ONLY.has(f.type)).map(([n]) => n);
  return {
    [e.name]: { type: 'object', title: e.label?.en ?? e.name, properties: { ...SYSTEM, ...props } },
    [`${e.name}_input`]: { type: 'object', additionalProperties: false, properties: { ...writable, owner_id: SYSTEM.owner_id }, ...(required.length && { required }) },
    [`${e.name}_patch`]: { type: 'object', additionalProperties: false, properties: { ...writable, owner_id: SYSTEM.owner_id } },
  };
};

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const json = (schema: Schema) => ({ 'application/json': { schema } });
const problem = { description: 'Problem', content: { 'application/problem+json': { schema: ref('problem') } } };
const errors = { 400: problem, 401: problem, 403: problem, 404: problem, 409: problem, 422: problem };
const idParam = { name: 'id', in: 'path', required: true, schema: { type: 'string', format: 'uuid' } };
const listParams = [
  ...['filter', 'sort', 'limit', 'cursor', 'fields', 'q'].map((name) => ({ name, in: 'query', required: false, schema: { type: name === 'limit' ? 'integer' : 'string' } })),
  { name: 'deleted', in: 'query', required: false, schema: { enum: ['only', 'include'] }, description: 'Records in the recycle bin: only them, or with the rest' },
  { name: 'total', in: 'query', required: false, schema: { enum: ['true', 'false'] }, description: 'Also answer `total`: how many records match, across all pages' },
];

const pathsOf = (e: EntityDocument): Record<string, unknown> => {
  const tag = [e.label?.en ?? e.name];
  return {
    [`/api/records/${e.name}`]: {
      get: { tags: tag, operationId: `list_${e.name}`, parameters: listParams, responses: { 200: { description: 'A page', content: json({ type: 'object', properties: { data: { type: 'array', items: ref(e.name) }, nextCursor: { type: ['string', 'null'] }, total: { type: 'integer' } } }) }, ...errors } },
      post: { tags: tag, operationId: `create_${e.name}`, parameters: [idempotencyKeyParam], requestBody: { required: true, content: json(ref(`${e.name}_input`)) }, responses: { 201: { description: 'Created', content: json(ref(e.name)) }, ...errors } },
    },
    [`/api/records/${e.name}/{id}`]: {
      parameters: [idParam],
      get: { tags: tag, operationId: `get_${e.name}`, responses: { 200: { description: 'The record', content: json(ref(e.name)) }, ...errors } },
      patch: {
        tags: tag,
        operationId: `update_${e.name}`,
        parameters: [{ name: 'If-Match', in: 'header', required: true, schema: { type: 'string' }, description: 'The version you edited' }],
        requestBody: { required: true, content: json(ref(`${e.name}_patch`)) },
        responses: { 200: { description: 'Updated', content: json(ref(e.name)) }, 428: problem, ...errors },
      },
      delete: { tags: tag, operationId: `delete_${e.name}`, responses: { 204: { description: 'Moved to the recycle bin' }, ...errors } },
    },
    [`/api/records/${e.name}/{id}/restore`]: {
      parameters: [idParam],
      post: { tags: tag, operationId: `restore_${e.name}`, parameters: [idempotencyKeyParam], responses: { 200: { description: 'Back from the recycle bin', content: json(ref(e.name)) }, ...errors } },
    },
    [`/api/records/${e.name}/{id}/history`]: {
      parameters: [idParam],
      get: { tags: tag, operationId: `history_${e.name}`, parameters: ['limit', 'cursor'].map((name) => ({ name, in: 'query', required: false, schema: { type: 'string' } })), responses: { 200: { description: 'Changes, newest first', content: json({ type: 'object' }) }, ...errors } },
    },
    [`/api/records/${e.name}/{id}/transitions/{transition}`]: {
      parameters: [idParam, { name: 'transition', in: 'path', required: true, schema: { type: 'string' } }],
      post: { tags: tag, operationId: `transition_${e.name}`, parameters: [idempotencyKeyParam], responses: { 200: { description: 'The record in its new state', content: json(ref(e.name)) }, ...errors } },
    },
    [`/api/records/${e.name}/export`]: {
      get: { tags: tag, operationId: `export_${e.name}`, parameters: listParams.filter((p) => ['filter', 'sort', 'fields'].includes(p.name)), responses: { 200: { description: 'CSV (UTF-8 with BOM)', content: { 'text/csv': { schema: { type: 'string' } } } }, ...errors } },
    },
    [`/api/records/${e.name}/import`]: {
      post: {
        tags: tag,
        operationId: `import_${e.name}`,
        parameters: ['key', 'dryRun', 'partial', 'errors'].map((name) => ({ name, in: 'query', required: false, schema: { type: 'string' } })),
        requestBody: { required: true, content: { 'text/csv': { schema: { type: 'string' } } } },
        responses: { 200: { description: 'The import report', content: json({ type: 'object' }) }, 413: problem, 415: problem, ...errors },
      },
    },
    ...batchPaths(e, tag),
  };
};

/** The OpenAPI 3.1 document of one tenant's API, generated from its effective metadata. */
export const openApiDocument = (meta: EffectiveMeta, tenant: { slug: string; name: string }): Record<string, unknown> => {
  const entities = Object.values(meta.entities).sort((a, b) => a.name.localeCompare(b.name));
  return {
    openapi: '3.1.0',
    info: { title: `CRM API — ${tenant.name}`, version: '1', description: 'Generated from the tenant\'s metadata. Errors are application/problem+json.' },
    servers: [{ url: '/' }],
    security: [{ bearer: [] }, { apiKey: [] }, { cookie: [] }],
    paths: Object.assign({}, ...entities.map(pathsOf)),
    components: {
      securitySchemes: {
        bearer: { type: 'http', scheme: 'bearer', description: 'A session token from /api/auth/login or an API key' },
        apiKey: { type: 'apiKey', in: 'header', name: 'X-API-Key', description: 'An API key (crmk_…), for machine clients' },
        cookie: { type: 'apiKey', in: 'cookie', name: 'crm_session', description: 'Writes also need X-CSRF-Token' },
      },
      schemas: Object.assign(
        {
          problem: {
            type: 'object',
            properties: { type: { type: 'string' }, title: { type: 'string' }, status: { type: 'integer' }, detail: { type: 'string' }, code: { type: 'string' }, requestId: { type: 'string' }, errors: { type: 'array', items: { type: 'object', properties: { field: { type: 'string' }, message: { type: 'string' } } } } },
          },
        },
        ...entities.map((e) => entitySchemas(e, meta)),
      ),
    },
  };
};
