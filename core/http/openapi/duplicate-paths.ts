import type { EntityDocument } from '../../metadata/types.js';
import { body, idParam, idempotencyKeyParam, ifMatch, listOf, ok, op, queryParam, ref, SIGNED_IN, WRITES, type Paths, type Schema } from './shared.js';

const matched: Schema = {
  type: 'array',
  description: 'The rules that matched',
  items: { type: 'object', required: ['field', 'match'], properties: { field: { type: 'string' }, match: { type: 'string', enum: ['phone', 'email', 'similar', 'exact'] } } },
};
const score: Schema = { type: 'number', description: '1 for an exact kind of match, else the name similarity (0–1)' };

/** Duplicates and merge of one entity (its `duplicateRules`). */
export const duplicatePaths = (entity: EntityDocument, tag: string): Paths => {
  const n = entity.name;
  return {
    [`/api/records/${n}/duplicates`]: {
      post: op(`duplicates_${n}`, tag, `Records of ${n} that may be duplicates of a draft (its duplicate rules; only records you may read)`, {
        200: ok('Candidates, best first', listOf({ type: 'object', required: ['record', 'matched', 'score'], properties: { record: ref(n), matched, score } })),
      }, SIGNED_IN, {
        ...body({
          type: 'object',
          properties: {
            values: { type: 'object', additionalProperties: true, description: 'The draft\'s field values' },
            exclude: { type: 'string', format: 'uuid', description: 'The record being edited, left out' },
            limit: { type: 'integer', minimum: 1, maximum: 20 },
          },
        }),
      }),
    },
    [`/api/records/${n}/duplicates/pairs`]: {
      get: op(`duplicate_pairs_${n}`, tag, `Pairs of ${n} records the duplicate rules match, most alike first (both readable by you)`, {
        200: ok('A page of pairs', {
          type: 'object',
          required: ['data', 'nextOffset'],
          properties: { data: { type: 'array', items: { type: 'object', required: ['a', 'b', 'matched', 'score'], properties: { a: ref(n), b: ref(n), matched, score } } }, nextOffset: { type: ['integer', 'null'] } },
        }),
      }, SIGNED_IN, { parameters: [queryParam('offset', { type: 'integer', minimum: 0 }), queryParam('limit', { type: 'integer', minimum: 1, maximum: 100 })] }),
    },
    [`/api/records/${n}/{id}/merge`]: {
      parameters: [idParam],
      post: op(`merge_${n}`, tag, `Merge another ${n} into this one`, {
        200: ok('The surviving record and the references moved to it', {
          type: 'object',
          required: ['record', 'repointed'],
          properties: { record: ref(n), repointed: { type: 'array', items: { type: 'object', required: ['entity', 'field', 'count'], properties: { entity: { type: 'string' }, field: { type: 'string' }, count: { type: 'integer' } } } } },
        }),
      }, WRITES, {
        description: 'Writes the chosen values to this record, moves every record whose reference field points at the other one (any entity, recycle bin included), its shares and linked e-mails to this one, and moves the other record to the recycle bin. Both histories stay. Needs edit on both records and delete on the other. Undo with …/{otherId}/unmerge within the recycle-bin window.',
        parameters: [idempotencyKeyParam, ifMatch(false, 'The version of this record you saw; a stale one is 409')],
        ...body({
          type: 'object',
          required: ['otherId'],
          properties: {
            otherId: { type: 'string', format: 'uuid', description: 'The record merged into this one' },
            otherVersion: { type: 'integer', description: 'Its version you saw; a stale one is 409' },
            values: { type: 'object', additionalProperties: true, description: 'Surviving values per field' },
          },
        }),
      }),
    },
    [`/api/records/${n}/{id}/unmerge`]: {
      parameters: [idParam],
      post: op(`unmerge_${n}`, tag, `Undo the merge that moved this ${n} to the recycle bin`, {
        200: ok('This record back, and the survivor', { type: 'object', required: ['record', 'survivor'], properties: { record: ref(n), survivor: ref(n) } }),
      }, WRITES, { parameters: [idempotencyKeyParam], description: 'Within the recycle-bin window: restores the record, points the references, shares and e-mails the merge moved back at it, and gives the survivor back the values the merge changed (unless changed since).' }),
    },
  };
};
