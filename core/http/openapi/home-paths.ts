import { label, ok, op, queryParam, SIGNED_IN, type Paths, type Schema } from './shared.js';

const tile: Schema = {
  type: 'object',
  required: ['name', 'label', 'source', 'show', 'count'],
  properties: {
    name: { type: 'string' },
    label,
    empty: label,
    source: { enum: ['records', 'approvals'] },
    show: { enum: ['list', 'count', 'group'] },
    entity: { type: 'string' },
    filter: { description: 'json-logic: the list the tile links to' },
    titleField: { type: 'string' },
    fields: { type: 'array', items: { type: 'string' } },
    count: { type: 'integer', description: 'How many match under your row scope' },
    records: { type: 'array', items: { type: 'object', additionalProperties: true } },
    groups: { type: 'array', items: { type: 'object', required: ['value', 'count'], properties: { value: {}, count: { type: 'integer' }, sum: { type: ['number', 'null'] } } } },
    groupBy: { type: 'string' },
    sum: { type: 'string' },
  },
};

const found: Schema = {
  type: 'object',
  required: ['entity', 'records', 'more'],
  properties: {
    entity: { type: 'string' },
    more: { type: 'boolean', description: 'The entity has more matches than were returned' },
    records: { type: 'array', items: { type: 'object', required: ['id', 'title'], properties: { id: { type: 'string' }, title: { type: ['string', 'null'] }, detail: { type: ['string', 'null'] } } } },
  },
};

/** The home page's tiles and the search across entities. */
export const homePaths = (): Paths => ({
  '/api/home': {
    get: op('home_tiles', 'Home', 'The home page\'s tiles ("my day"), from the tenant\'s home_tile documents, under your row scope', {
      200: ok('The tiles', { type: 'object', required: ['today', 'tiles'], properties: { today: { type: 'string', format: 'date', description: 'The day in the tenant\'s zone' }, tiles: { type: 'array', items: tile } } }),
    }, SIGNED_IN),
  },
  '/api/search': {
    get: op('search_everywhere', 'Home', 'Records of every entity you may read whose title or searchable fields contain the text, grouped by entity, in one query under your row scope', {
      200: ok('The groups', { type: 'object', required: ['q', 'groups'], properties: { q: { type: 'string' }, groups: { type: 'array', items: found } } }),
    }, SIGNED_IN, {
      parameters: [queryParam('q', { type: 'string', maxLength: 200 }, 'The text (any script)'), queryParam('limit', { type: 'integer', minimum: 1, maximum: 20 }, 'Records per entity (default 5)')],
    }),
  },
});
