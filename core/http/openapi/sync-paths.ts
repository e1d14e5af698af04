import { ok, op, queryParam, SIGNED_IN, type Paths, type Schema } from './shared.js';

const change: Schema = {
  type: 'object',
  required: ['entity', 'id', 'op'],
  properties: {
    entity: { type: 'string' },
    id: { type: 'string', format: 'uuid' },
    op: { type: 'string', enum: ['upsert', 'remove'], description: 'upsert: keep this record (as you may read it now); remove: drop it (deleted, or out of your scope or working set since you last caught up; only records you had)' },
    record: { type: 'object', additionalProperties: true, description: 'With upsert: the record, as GET /api/records/{entity}/{id} answers it' },
  },
};

/** The change feed devices keep their offline copy with. */
export const syncPaths = (): Paths => ({
  '/api/sync/changes': {
    get: op('sync_changes', 'Sync', 'One page of your working set, then of the changes since, in commit order', {
      200: ok('A page of changes', {
        type: 'object',
        required: ['reset', 'changes', 'cursor', 'more'],
        properties: {
          reset: { type: 'boolean', description: 'Drop the local copy before applying (a first load, or your working set\'s rules changed)' },
          changes: { type: 'array', items: change },
          cursor: { type: 'string', description: 'Send as since for the next page' },
          more: { type: 'boolean', description: 'More changes wait: ask again at once' },
        },
      }),
    }, SIGNED_IN, {
      parameters: [
        queryParam('since', { type: 'string', maxLength: 2000 }, 'The cursor of the last page; none: load the working set'),
        queryParam('limit', { type: 'integer', minimum: 1, maximum: 500 }, 'Changes per page (default 200)'),
      ],
    }),
  },
});
