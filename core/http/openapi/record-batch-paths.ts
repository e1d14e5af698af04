import type { EntityDocument } from '../../metadata/types.js';
import { isKeyField } from '../../records/index.js';
import { body, idempotencyKeyParam, ifMatch, json, ok, op, pathParam, ref, WRITES, type Paths, type Schema } from './shared.js';

/** Batch and upsert paths of one entity. */
export const batchPaths = (e: EntityDocument, tag: string): Paths => {
  const n = e.name;
  const keys = ['id', ...Object.entries(e.fields ?? {}).filter(([, f]) => isKeyField(f)).map(([k]) => k)];
  const results: Schema = { type: 'object', required: ['results'], properties: { results: { type: 'array', items: ref('BatchResult') } } };
  return {
    [`/api/records/${n}/batch`]: {
      post: op(`batch_${n}`, tag, `Create, update and delete ${n} records in one request`, {
        200: ok('One result per item, in order', results),
        422: { description: 'allOrNone and an item failed: nothing was written (BATCH_ROLLED_BACK, with every item\'s result); or a rule refused the request', content: { 'application/problem+json': { schema: { allOf: [ref('Problem'), { type: 'object', properties: results.properties }] } } } },
      }, WRITES, {
        description: 'Up to 200 creates, updates and deletes in one transaction, each checked like its own route. `version` is the If-Match of an update or delete.',
        parameters: [idempotencyKeyParam],
        ...body({
          type: 'object',
          additionalProperties: false,
          required: ['items'],
          properties: {
            allOrNone: { type: 'boolean', default: false, description: 'true: any failing item rolls every item back (answer 422 BATCH_ROLLED_BACK with the results)' },
            items: {
              type: 'array', minItems: 1, maxItems: 200,
              items: {
                type: 'object', additionalProperties: false, required: ['op'],
                properties: { op: { type: 'string', enum: ['create', 'update', 'delete'] }, id: { type: 'string', format: 'uuid' }, version: { type: 'integer', minimum: 1 }, data: ref(`${n}_patch`) },
              },
            },
          },
        }),
      }),
    },
    [`/api/records/${n}/by/{field}/{value}`]: {
      parameters: [
        pathParam('field', { type: 'string', enum: keys }, '`id`, an auto-number or a unique field'),
        pathParam('value', { type: 'string' }),
      ],
      put: op(`upsert_${n}`, tag, `Update the ${n} holding a value, or create it`, {
        200: ok('Updated', ref(n)),
        201: { description: 'Created', content: json(ref(n)) },
      }, [...WRITES, 412], {
        description: 'Updates the record holding this value, or creates it with the value set. An auto-number only finds records (404 when none holds it).',
        parameters: [ifMatch(false, 'The version of the record found; with no record found, 412')],
        ...body(ref(`${n}_patch`)),
      }),
    },
  };
};
