import type { EntityDocument } from '../metadata/types.js';
import { isKeyField } from '../records/index.js';

type Schema = Record<string, unknown>;
const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const json = (schema: Schema) => ({ 'application/json': { schema } });
const problem = { description: 'Problem', content: { 'application/problem+json': { schema: ref('problem') } } };
const errors = { 400: problem, 401: problem, 403: problem, 404: problem, 409: problem, 422: problem };

/** The Idempotency-Key header of the POSTs that create or act. */
export const idempotencyKeyParam = {
  name: 'Idempotency-Key',
  in: 'header',
  required: false,
  schema: { type: 'string', maxLength: 255 },
  description:
    'Send the same key again to get the first answer replayed (header Idempotent-Replayed: true) instead of a second write; kept 24 h per user. ' +
    'The same key with another method, path or body is 422 IDEMPOTENCY_KEY_REUSED; while the first request still runs a repeat waits, then 409 IDEMPOTENCY_KEY_IN_USE with Retry-After.',
};

const batchResult: Schema = {
  type: 'object',
  properties: {
    status: { type: 'integer', description: '201 created, 200 updated, 204 deleted, 4xx failed, 424 not applied (another item of an all-or-none batch failed)' },
    id: { type: 'string' },
    version: { type: 'integer' },
    problem: { type: 'object', properties: { status: { type: 'integer' }, code: { type: 'string' }, detail: { type: 'string' }, errors: { type: 'array', items: { type: 'object' } } } },
  },
};

/** Batch and upsert paths of one entity, for the tenant's OpenAPI document. */
export const batchPaths = (e: EntityDocument, tag: string[]): Record<string, unknown> => {
  const keys = ['id', ...Object.entries(e.fields ?? {}).filter(([, f]) => isKeyField(f)).map(([n]) => n)];
  return {
    [`/api/records/${e.name}/batch`]: {
      post: {
        tags: tag,
        operationId: `batch_${e.name}`,
        description: 'Up to 200 creates, updates and deletes in one transaction, each checked like its own route. `version` is the If-Match of an update or delete.',
        parameters: [idempotencyKeyParam],
        requestBody: {
          required: true,
          content: json({
            type: 'object',
            required: ['items'],
            properties: {
              allOrNone: { type: 'boolean', default: false, description: 'true: any failing item rolls every item back (answer 422 BATCH_ROLLED_BACK with the results)' },
              items: {
                type: 'array', minItems: 1, maxItems: 200,
                items: { type: 'object', required: ['op'], properties: { op: { enum: ['create', 'update', 'delete'] }, id: { type: 'string', format: 'uuid' }, version: { type: 'integer' }, data: ref(`${e.name}_patch`) } },
              },
            },
          }),
        },
        responses: {
          200: { description: 'One result per item, in order', content: json({ type: 'object', properties: { results: { type: 'array', items: batchResult } } }) },
          422: { description: 'allOrNone and an item failed: nothing was written', content: { 'application/problem+json': { schema: { allOf: [ref('problem'), { type: 'object', properties: { results: { type: 'array', items: batchResult } } }] } } } },
          400: problem, 401: problem, 404: problem,
        },
      },
    },
    [`/api/records/${e.name}/by/{field}/{value}`]: {
      parameters: [
        { name: 'field', in: 'path', required: true, schema: { enum: keys }, description: '`id`, an auto-number or a unique field' },
        { name: 'value', in: 'path', required: true, schema: { type: 'string' } },
      ],
      put: {
        tags: tag,
        operationId: `upsert_${e.name}`,
        description: 'Updates the record holding this value, or creates it with the value set. An auto-number only finds records (404 when none holds it).',
        parameters: [{ name: 'If-Match', in: 'header', required: false, schema: { type: 'string' }, description: 'The version of the record found; with no record found, 412' }],
        requestBody: { required: true, content: json(ref(`${e.name}_patch`)) },
        responses: { 200: { description: 'Updated', content: json(ref(e.name)) }, 201: { description: 'Created', content: json(ref(e.name)) }, 412: problem, ...errors },
      },
    },
  };
};
