import type { EntityDocument } from '../../metadata/types.js';
import { XLSX_TYPE } from '../../transfer/index.js';
import { actionsOf, type PluginContributions } from './plugin-contributions.js';
import { body, idempotencyKeyParam, idParam, ifMatch, listOf, noContent, ok, op, pathParam, queryParam, ref, SIGNED_IN, WRITES, type Paths, type Schema } from './shared.js';

const listParams = [
  queryParam('filter', { type: 'string' }, 'A json-logic rule, as JSON'),
  queryParam('sort', { type: 'string' }, 'Comma-separated fields, `-` for descending, e.g. `-amount,name`'),
  queryParam('limit', { type: 'integer', minimum: 1, maximum: 500 }),
  queryParam('cursor', { type: 'string' }, 'nextCursor of the previous page'),
  queryParam('fields', { type: 'string' }, 'Comma-separated fields to return (`id` always comes)'),
  queryParam('q', { type: 'string' }, 'Search text'),
  queryParam('deleted', { type: 'string', enum: ['only', 'include'] }, 'Records in the recycle bin: only them, or with the rest'),
  queryParam('total', { type: 'string', enum: ['true', 'false'] }, 'Also answer `total`: how many records match, across all pages'),
];

const page = (entity: string): Schema => ({
  type: 'object',
  required: ['data', 'nextCursor'],
  properties: { data: { type: 'array', items: ref(entity) }, nextCursor: { type: ['string', 'null'] }, total: { type: 'integer', description: 'With total=true' } },
});

const transitionOption: Schema = {
  type: 'object',
  required: ['name', 'field', 'from', 'to', 'allowed'],
  properties: {
    name: { type: 'string' }, label: ref('Label'), field: { type: 'string' }, from: { type: 'array', items: { type: 'string' } }, to: { type: 'string' }, allowed: { type: 'boolean' }, reason: { type: 'string', description: 'Why not, when not allowed' },
    fields: { type: 'array', description: 'The fields it asks for', items: { type: 'object', required: ['field'], properties: { field: { type: 'string' }, required: { type: 'boolean' } } } },
    confirm: { type: 'boolean', description: 'An irreversible step: ask before taking it' },
  },
};

const importReport: Schema = {
  type: 'object',
  required: ['created', 'updated', 'failed', 'errors', 'committed', 'dryRun', 'ignoredColumns', 'workflows'],
  properties: {
    created: { type: 'integer' }, updated: { type: 'integer' }, failed: { type: 'integer' },
    errors: { type: 'array', items: { type: 'object', required: ['line', 'field', 'message'], properties: { line: { type: 'integer' }, field: { type: 'string' }, message: { type: 'string' } } } },
    committed: { type: 'boolean' }, dryRun: { type: 'boolean' }, ignoredColumns: { type: 'array', items: { type: 'string' } }, workflows: { type: 'boolean' },
    duplicates: {
      type: 'array',
      description: 'With ?duplicates: new rows the entity\'s duplicate rules match to readable records (ids best first)',
      items: { type: 'object', required: ['line', 'ids', 'skipped'], properties: { line: { type: 'integer' }, ids: { type: 'array', items: { type: 'string', format: 'uuid' } }, skipped: { type: 'boolean' } } },
    },
    skipped: { type: 'integer', description: 'With ?duplicates=skip: rows left out as duplicates' },
  },
};

const shareInput: Schema = {
  type: 'object',
  required: ['access'],
  additionalProperties: false,
  description: 'Exactly one of user or team',
  properties: { user: { type: 'string', format: 'uuid', description: 'A user of the tenant' }, team: { type: 'string', format: 'uuid', description: 'A team record' }, access: { type: 'string', enum: ['read', 'edit'] } },
};

const recordShare: Schema = {
  type: 'object',
  required: ['id', 'user', 'team', 'access', 'createdBy', 'createdAt'],
  properties: {
    id: { type: 'string', format: 'uuid' }, user: { type: ['string', 'null'], format: 'uuid' }, userName: { type: ['string', 'null'] }, team: { type: ['string', 'null'], format: 'uuid' },
    access: { type: 'string', enum: ['read', 'edit'] }, createdBy: { type: ['string', 'null'] }, createdAt: { type: 'string', format: 'date-time' },
  },
};

const tableTypes = { 'text/csv': { schema: { type: 'string' } }, [XLSX_TYPE]: { schema: { type: 'string', contentMediaType: XLSX_TYPE } } } as const;

/** The /api/records/<entity>… paths of one entity (but batch and upsert). */
export const recordPaths = (e: EntityDocument, tag: string, plugins: PluginContributions): Paths => {
  const n = e.name;
  const actions = actionsOf(n, plugins);
  const record = ok('The record', ref(n));
  return {
    [`/api/records/${n}`]: {
      get: op(`list_${n}`, tag, `List ${n} records`, { 200: ok('A page', page(n)) }, SIGNED_IN, { parameters: listParams }),
      post: op(`create_${n}`, tag, `Create a ${n}`, { 201: { ...ok('Created', ref(n)), description: 'Created (ETag: the version)' } }, WRITES, { parameters: [idempotencyKeyParam], ...body(ref(`${n}_input`)) }),
    },
    [`/api/records/${n}/{id}`]: {
      parameters: [idParam],
      get: op(`get_${n}`, tag, `Read a ${n}`, { 200: record }, SIGNED_IN, { parameters: [listParams[4]] }),
      patch: op(`update_${n}`, tag, `Update a ${n}`, { 200: ok('Updated', ref(n)) }, [...WRITES, 428], {
        parameters: [ifMatch(true, 'The version you edited; a stale one is 409')],
        ...body(ref(`${n}_patch`)),
      }),
      delete: op(`delete_${n}`, tag, `Move a ${n} to the recycle bin`, { 204: noContent }, WRITES, { parameters: [ifMatch(false, 'The version you saw; a stale one is 409')] }),
    },
    [`/api/records/${n}/{id}/restore`]: {
      parameters: [idParam],
      post: op(`restore_${n}`, tag, `Restore a ${n} from the recycle bin`, { 200: ok('Back from the recycle bin', ref(n)) }, WRITES, { parameters: [idempotencyKeyParam] }),
    },
    [`/api/records/${n}/{id}/history`]: {
      parameters: [idParam],
      get: op(`history_${n}`, tag, `Changes of a ${n}, newest first`, {
        200: ok('A page of changes', { type: 'object', required: ['data', 'nextCursor'], properties: { data: { type: 'array', items: ref('HistoryEntry') }, nextCursor: { type: ['string', 'null'] } } }),
      }, SIGNED_IN, { parameters: [listParams[2], listParams[3]] }),
    },
    [`/api/records/${n}/{id}/actions/{action}`]: {
      parameters: [idParam, pathParam('action', actions.param, 'A named action a plugin gives the entity')],
      post: op(`action_${n}`, tag, `Run a named action on a ${n}`, { 200: ok('What the action answers (`{ok: true}` when it answers nothing)', {}) }, WRITES, {
        description: actions.description,
        parameters: [idempotencyKeyParam],
        ...body({ ...actions.body, description: 'The action\'s parameters' }, false),
      }),
    },
    [`/api/records/${n}/{id}/transitions`]: {
      parameters: [idParam],
      get: op(`transitions_${n}`, tag, `The lifecycle transitions of a ${n}, and whether the user may run each`, { 200: ok('Transitions', listOf(transitionOption)) }, SIGNED_IN),
    },
    [`/api/records/${n}/{id}/transitions/{transition}`]: {
      parameters: [idParam, pathParam('transition', { type: 'string' })],
      post: op(`transition_${n}`, tag, `Run a lifecycle transition on a ${n}`, { 200: ok('The record in its new state', ref(n)) }, WRITES, {
        parameters: [idempotencyKeyParam, ifMatch(false, 'The version you saw; a stale one is 409')],
        ...body({ type: 'object', properties: { fields: { type: 'object', additionalProperties: true, description: 'Values of the fields the transition asks for (its `fields`), written in its update; any other field is 400' } }, additionalProperties: false }, false),
      }),
    },
    [`/api/records/${n}/{id}/emails`]: {
      parameters: [idParam],
      get: op(`emails_${n}`, tag, `The e-mail messages a ${n} concerns`, { 200: ok('Messages', listOf({ type: 'object', additionalProperties: true })) }, SIGNED_IN),
    },
    [`/api/records/${n}/{id}/shares`]: {
      parameters: [idParam],
      get: op(`shares_${n}`, tag, `The shares of a ${n} with users and teams`, { 200: ok('Shares', listOf(ref('RecordShare'))) }, SIGNED_IN),
      post: op(`share_${n}`, tag, `Share a ${n} with a user or a team (who may edit it)`, { 201: ok('The share (a second share with the same user or team changes its access)', ref('RecordShare')) }, WRITES, {
        description: 'The share widens the row scope of this one record for its user or team (members of that team): reading, and with `edit` changing it. The user needs a role that reads the entity at all. Written in the record\'s history.',
        parameters: [idempotencyKeyParam],
        ...body(shareInput),
      }),
    },
    [`/api/records/${n}/{id}/shares/{shareId}`]: {
      parameters: [idParam, pathParam('shareId', { type: 'string', format: 'uuid' })],
      delete: op(`unshare_${n}`, tag, `Take back a share of a ${n} (who may edit it)`, { 204: noContent }, WRITES),
    },
    [`/api/records/${n}/{id}/access`]: {
      parameters: [idParam],
      get: op(`access_${n}`, tag, `Explain who may do what with a ${n} (tenant admins)`, { 200: ok('The explanation', { type: 'object', required: ['entity', 'id', 'user', 'operations', 'fields'], properties: { entity: { type: 'string' }, id: { type: 'string' }, user: ref('Actor'), create: { type: 'object' }, operations: { type: 'object' }, fields: { type: 'object' }, actions: { type: 'array', items: { type: 'string' } }, notes: { type: 'array', items: { type: 'string' } } } }) }, SIGNED_IN, {
        parameters: [queryParam('user', { type: 'string', format: 'uuid' }, 'The user to explain for (default: you)')],
      }),
    },
    [`/api/records/${n}/export`]: {
      get: op(`export_${n}`, tag, `Export ${n} records as CSV or Excel`, { 200: { description: 'The file (CSV: UTF-8, with a BOM unless bom=false)', content: tableTypes } }, SIGNED_IN, {
        parameters: [...listParams.filter((p) => ['filter', 'sort', 'fields'].includes(p.name)), queryParam('format', { type: 'string', enum: ['csv', 'xlsx'] }), queryParam('bom', { type: 'string', enum: ['true', 'false'] })],
      }),
    },
    [`/api/records/${n}/import`]: {
      post: op(`import_${n}`, tag, `Import ${n} records from CSV or Excel`, {
        200: { description: 'The import report (errors=csv: the failed rows as CSV, the counts in X-Import-Report)', content: { 'application/json': { schema: ref('ImportReport') }, 'text/csv': { schema: { type: 'string' } } } },
        422: { description: 'Nothing imported: a row failed (problem IMPORT_FAILED with the report), or the failed rows as CSV', content: { 'application/problem+json': { schema: { allOf: [ref('Problem'), ref('ImportReport')] } }, 'text/csv': { schema: { type: 'string' } } } },
      }, [...WRITES, 413, 415], {
        parameters: [
          queryParam('key', { type: 'string' }, 'A unique field: rows with a value held by a record update it'),
          queryParam('dryRun', { type: 'string', enum: ['true', 'false'] }),
          queryParam('partial', { type: 'string', enum: ['true', 'false'] }, 'Keep the good rows when some fail'),
          queryParam('errors', { type: 'string', enum: ['csv', 'json'] }, 'How failed rows come back'),
          queryParam('workflows', { type: 'string', enum: ['true', 'false'] }, 'false: start no workflows (tenant admins)'),
          queryParam('duplicates', { type: 'string', enum: ['flag', 'skip'] }, 'New rows matching records by the duplicate rules: list them in the report (flag), or list them and leave them out (skip)'),
        ],
        requestBody: { required: true, content: { ...tableTypes, 'application/octet-stream': { schema: { type: 'string', contentMediaType: 'application/octet-stream' } } } },
      }),
    },
  };
};

/** Schemas the record paths of every entity share. */
export const recordSchemas = (): Record<string, Schema> => ({ ImportReport: importReport, RecordShare: recordShare });
