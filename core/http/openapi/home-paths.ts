import { body, label, listOf, noContent, ok, op, queryParam, SIGNED_IN, uuid, type Paths, type Schema } from './shared.js';

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

const recent: Schema = {
  type: 'object',
  required: ['entity', 'id', 'title', 'viewedAt'],
  properties: { entity: { type: 'string' }, id: { type: 'string' }, title: { type: ['string', 'null'] }, detail: { type: ['string', 'null'] }, viewedAt: { type: 'string', format: 'date-time' } },
};

/** The home page's tiles, the search across entities and the records you opened last. */
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
      parameters: [queryParam('q', { type: 'string', maxLength: 200 }, 'The text (any script)'), queryParam('limit', { type: 'integer', minimum: 1, maximum: 20 }, 'Records per entity (default 5)'), queryParam('locale', { type: 'string', enum: ['en', 'zh-CN'] }, 'The reader\'s language: titles records of entities that title them per language (localeTitleFields) in it')],
    }),
  },
  '/api/recent': {
    get: op('recent_views', 'Home', 'The records you opened last, newest first, across entities; records since deleted or no longer yours to read drop out', {
      200: ok('The records', listOf(recent)),
    }, SIGNED_IN, { parameters: [queryParam('limit', { type: 'integer', minimum: 1, maximum: 50 }, 'How many (default 10)'), queryParam('locale', { type: 'string', enum: ['en', 'zh-CN'] }, 'The reader\'s language: titles records of entities that title them per language (localeTitleFields) in it')] }),
    post: op('note_recent_view', 'Home', 'Note that you opened a record (your list keeps the newest 50)', { 204: noContent }, SIGNED_IN,
      body({ type: 'object', required: ['entity', 'id'], properties: { entity: { type: 'string' }, id: uuid } })),
  },
});
