import type { EffectiveMeta } from '../../metadata/types.js';
import { body, idParam, ifMatch, listOf, noContent, ok, op, pathParam, queryParam, ref, SIGNED_IN, uuid, WRITES, type Paths, type Schema } from './shared.js';

const viewDefinition: Schema = {
  type: 'object',
  additionalProperties: false,
  properties: { filter: { description: 'json-logic' }, sort: { type: 'string' }, columns: { type: 'array', items: { type: 'string' } }, q: { type: 'string' }, pageSize: { type: 'integer', minimum: 1 } },
};

const savedView: Schema = {
  type: 'object',
  required: ['id', 'entity', 'name', 'definition', 'shared', 'ownerId', 'mine', 'version', 'updatedAt'],
  properties: {
    id: uuid, entity: { type: 'string' }, name: { type: 'string' }, definition: ref('ViewDefinition'), shared: { type: 'boolean' }, ownerId: uuid,
    mine: { type: 'boolean' }, version: { type: 'integer' }, updatedAt: { type: 'string', format: 'date-time' },
  },
};

const viewInput = (required: boolean): Schema => ({
  type: 'object',
  additionalProperties: false,
  ...(required && { required: ['name'] }),
  properties: { name: { type: 'string', maxLength: 100 }, definition: ref('ViewDefinition'), shared: { type: 'boolean', description: 'Shared with everyone (tenant admins)' } },
});

const reportSummary: Schema = {
  type: 'object',
  required: ['name', 'entity'],
  properties: { name: { type: 'string' }, label: ref('Label'), description: ref('Label'), entity: { type: 'string' }, chart: { type: 'object', additionalProperties: true }, dimensions: { type: 'array', items: { type: 'object', additionalProperties: true } } },
};

const reportAnswer: Schema = {
  type: 'object',
  required: ['report', 'entity', 'columns', 'rows', 'drillFilters', 'truncated'],
  properties: {
    report: { type: 'string' }, label: ref('Label'), entity: { type: 'string' },
    columns: { type: 'array', items: { type: 'object', required: ['key', 'kind'], properties: { key: { type: 'string' }, kind: { type: 'string', enum: ['group', 'measure'] }, field: { type: 'string' }, granularity: { type: 'string' } } } },
    rows: { type: 'array', items: { type: 'object', additionalProperties: true } },
    drillFilters: { type: 'array', items: {}, description: 'Per row, the json-logic filter that lists its records' },
    chart: { type: 'object', additionalProperties: true },
    truncated: { type: 'boolean' },
  },
};

const labelled: Schema = { type: 'object', required: ['key', 'label'], properties: { key: { type: 'string' }, label: ref('Label') } };

const pivotAnswer: Schema = {
  type: 'object',
  required: ['report', 'entity', 'dimensions', 'measures', 'rows', 'columns', 'cells', 'valueLabels', 'truncated'],
  properties: {
    report: { type: 'string' }, label: ref('Label'), entity: { type: 'string' },
    dimensions: { type: 'array', items: { type: 'object', required: ['name', 'label', 'levels'], properties: { name: { type: 'string' }, label: ref('Label'), levels: { type: 'array', items: labelled } } } },
    measures: { type: 'array', items: labelled },
    rows: { type: 'array', items: labelled, description: 'The levels on the rows, top first' },
    columns: { type: 'array', items: labelled, description: 'The levels on the columns, top first' },
    cells: {
      type: 'array',
      description: 'Aggregated cells; a row or col shorter than its levels is a subtotal, an empty one the total',
      items: { type: 'object', required: ['row', 'col', 'values'], properties: { row: { type: 'array', items: {} }, col: { type: 'array', items: {} }, values: { type: 'object', additionalProperties: { type: ['number', 'null'] } } } },
    },
    valueLabels: { type: 'object', additionalProperties: { type: 'object', additionalProperties: ref('Label') }, description: 'Level key → value → label, for enum levels and user levels (names)' },
    truncated: { type: 'boolean' },
  },
};

const pivotInput: Schema = {
  type: 'object',
  additionalProperties: false,
  properties: {
    rows: { type: 'array', maxItems: 6, items: { type: 'string' }, description: 'dimension:level (down to that level), a dimension (its top level) or a field path' },
    columns: { type: 'array', maxItems: 6, items: { type: 'string' } },
    measures: { type: 'array', items: { type: 'string' }, description: 'Measure keys; all when left out' },
    filter: { description: 'More json-logic, and-ed with the report\'s own filter' },
    drill: { type: 'object', additionalProperties: true, description: 'Level key (time.year) or field path → value: only that member' },
  },
};

const storedFile: Schema = {
  type: 'object',
  required: ['id', 'name', 'type', 'size', 'sha256'],
  properties: { id: uuid, name: { type: 'string' }, type: { type: 'string' }, size: { type: 'integer' }, sha256: { type: 'string' } },
};

const binary = { 'application/octet-stream': { schema: { type: 'string', contentMediaType: 'application/octet-stream' } } } as const;

/** Reports, files of attachment fields, and saved list views. */
export const dataPaths = (meta: EffectiveMeta): Paths => {
  const entity = pathParam('entity', { type: 'string', enum: Object.keys(meta.entities).sort() });
  return {
    '/api/reports': { get: op('list_reports', 'Reports', 'The reports you may run', { 200: ok('Reports', listOf(reportSummary)) }, SIGNED_IN) },
    '/api/reports/{name}/run': {
      parameters: [pathParam('name', { type: 'string' }, 'The report')],
      post: op('run_report', 'Reports', 'Run a report', { 200: ok('The rows', reportAnswer) }, SIGNED_IN, body({
        type: 'object',
        additionalProperties: false,
        properties: { filter: { description: 'More json-logic, and-ed with the report\'s own filter' }, drill: { type: 'object', additionalProperties: true, description: 'Group key → value: only the rows of that cell' } },
      }, false)),
    },
    '/api/reports/preview': {
      post: op('preview_report', 'Reports', 'Run a report document that is not published yet (the designer\'s live preview), at most 200 rows', { 200: ok('The rows', reportAnswer) }, SIGNED_IN, body({
        type: 'object',
        additionalProperties: false,
        required: ['report'],
        properties: { report: { type: 'object', additionalProperties: true, description: 'A report document (metadata/schemas/report.schema.json)' } },
      })),
    },
    '/api/reports/{name}/pivot': {
      parameters: [pathParam('name', { type: 'string' }, 'The report')],
      post: op('pivot_report', 'Reports', 'A pivot of a report: rows × columns × measures with subtotals, one aggregate under your row scope', { 200: ok('The cells', pivotAnswer) }, SIGNED_IN, body(pivotInput, false)),
    },
    '/api/reports/{name}/pivot.xlsx': {
      parameters: [pathParam('name', { type: 'string' }, 'The report')],
      post: op('export_pivot', 'Reports', 'The same pivot as an Excel crosstab', { 200: { description: 'The workbook', content: { 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': { schema: { type: 'string', contentMediaType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' } } } } }, SIGNED_IN, body(pivotInput, false)),
    },
    '/api/files': {
      post: op('upload_file', 'Files', 'Upload a file for an attachment field (the raw body)', { 201: ok('Stored', ref('StoredFile')) }, [...WRITES, 413], {
        parameters: [
          { ...queryParam('entity', { type: 'string' }), required: true },
          { ...queryParam('field', { type: 'string' }), required: true },
          queryParam('name', { type: 'string' }, 'The file name (or X-File-Name, percent-encoded)'),
          { name: 'X-File-Name', in: 'header', required: false, schema: { type: 'string' }, description: 'The file name, percent-encoded' },
        ],
        requestBody: { required: true, content: { '*/*': { schema: { type: 'string', contentMediaType: 'application/octet-stream' } } } },
      }),
    },
    '/api/files/{id}': {
      parameters: [idParam],
      get: op('download_file', 'Files', 'Download a file (where you may read the record and field it is attached to)', { 200: { description: 'The bytes (images inline, the rest as attachments)', content: { ...binary, 'image/*': { schema: { type: 'string', contentMediaType: 'image/*' } } } } }, SIGNED_IN),
    },
    '/api/views/{entity}/saved': {
      parameters: [entity],
      get: op('list_saved_views', 'Saved views', 'Your saved list views of an entity, and the shared ones', { 200: ok('Views, by name', listOf(ref('SavedView'))) }, SIGNED_IN),
      post: op('create_saved_view', 'Saved views', 'Save a list view', { 201: ok('Saved', ref('SavedView')) }, WRITES, body(viewInput(true))),
    },
    '/api/views/{entity}/saved/{id}': {
      parameters: [entity, idParam],
      patch: op('update_saved_view', 'Saved views', 'Change a saved view', { 200: ok('Changed', ref('SavedView')) }, WRITES, { parameters: [ifMatch(false, 'The version you saw; a stale one is 409')], ...body(viewInput(false)) }),
      delete: op('delete_saved_view', 'Saved views', 'Delete a saved view', { 204: noContent }, WRITES),
    },
  };
};

export const dataSchemas = (): Record<string, Schema> => ({ ViewDefinition: viewDefinition, SavedView: savedView, StoredFile: storedFile });
