import { METADATA_KINDS } from '../../metadata/types.js';
import { body, label, listOf, ok, op, pathParam, ref, SIGNED_IN, WRITES, type Paths, type Schema } from './shared.js';

const document: Schema = {
  type: 'object',
  required: ['kind', 'name'],
  description: 'A metadata document (its JSON Schema: metadata/schemas/<kind>.schema.json); a tenant overlay needs only kind, name and what it adds or changes',
  properties: { kind: { type: 'string', enum: METADATA_KINDS }, name: { type: 'string' } },
  additionalProperties: true,
};

const version: Schema = {
  type: 'object',
  required: ['version', 'author', 'at', 'message', 'publishedAt', 'summary'],
  properties: {
    version: { type: 'integer' },
    author: { type: 'object', properties: { id: { type: ['string', 'null'] }, name: { type: ['string', 'null'] } } },
    at: { type: 'string', format: 'date-time' },
    message: { type: ['string', 'null'] },
    publishedAt: { type: ['string', 'null'], format: 'date-time' },
    summary: { type: 'object', properties: { added: { type: 'integer' }, removed: { type: 'integer' }, replaced: { type: 'integer' }, documents: { type: 'array', items: { type: 'string' } },
      items: {
        type: 'array',
        description: 'What changed, one line per document or entity field',
        items: { type: 'object', required: ['action', 'kind', 'name'], properties: { action: { type: 'string', enum: ['added', 'changed', 'removed'] }, kind: { type: 'string' }, name: { type: 'string' }, field: { type: 'string' } } },
      } } },
  },
};

const plan: Schema = {
  type: 'object',
  required: ['steps', 'destructive'],
  properties: {
    steps: { type: 'array', items: { type: 'object', required: ['description', 'destructive', 'kind', 'entity'], properties: { description: { type: 'string' }, destructive: { type: 'boolean' }, kind: { type: 'string' }, entity: { type: 'string' }, field: { type: 'string' }, details: { type: 'object', additionalProperties: true } } } },
    destructive: { type: 'boolean' },
    orphanedStates: {
      type: 'array',
      description: 'Records whose state the draft takes out of their lifecycle: they keep the state (nothing is rewritten) and are listed per state (count, the first 20 records)',
      items: {
        type: 'object',
        required: ['lifecycle', 'entity', 'field', 'state', 'count', 'records'],
        properties: {
          lifecycle: { type: 'string' },
          entity: { type: 'string' },
          field: { type: 'string' },
          state: { type: 'string' },
          count: { type: 'integer' },
          records: { type: 'array', items: { type: 'object', required: ['id', 'title'], properties: { id: { type: 'string' }, title: { type: ['string', 'null'] } } } },
        },
      },
    },
  },
};

const dependant: Schema = {
  type: 'object',
  required: ['kind', 'name', 'usage', 'access'],
  description: 'One document part that reads or writes the field',
  properties: {
    kind: { type: 'string', enum: METADATA_KINDS },
    name: { type: 'string', description: 'The document\'s name' },
    entity: { type: 'string', description: 'The entity the document is about' },
    label: { ...label, description: 'The document\'s label, when it has one' },
    usage: { type: 'string', description: 'The part: validation_rule, formula, rollup, reference, sharing_rule, duplicate_rule, index, entity_setting, workflow_trigger, workflow_step, script, lifecycle_state, lifecycle_guard, view_column, view_filter, view_sort, view_layout, report_group, report_measure, report_filter, report_sort, form_field, form_condition, form_related_list, role_field, role_scope' },
    access: { type: 'string', enum: ['read', 'write'] },
    item: { type: 'string', description: 'The part\'s own name: a rule, a field, a step, a transition' },
  },
};

const versionNumber: Schema = { type: 'object', required: ['version'], properties: { version: { type: 'integer' } } };
const versionParam = pathParam('version', { type: 'integer', minimum: 1 });
const nameParam = pathParam('name', { type: 'string', pattern: '^[a-z][a-z0-9_]{0,62}$' });
const TAG = 'Studio';

/** /api/studio: the tenant admin's metadata editing, publishing and history (tenant admins only). */
export const studioPaths = (): Paths => ({
  '/api/studio': { get: op('studio_documents', TAG, 'The tenant layer\'s documents (workflow secrets masked)', { 200: ok('Documents', listOf({ type: 'object', required: ['kind', 'name', 'doc'], properties: { kind: { type: 'string' }, name: { type: 'string' }, doc: ref('MetadataDocument'), updatedAt: { type: 'string', format: 'date-time' }, updatedBy: { type: ['string', 'null'] } } })) }, SIGNED_IN) },
  '/api/studio/history': { get: op('studio_history', TAG, 'Versions of the tenant layer, newest first', { 200: ok('Versions', listOf(ref('MetadataVersion'))) }, SIGNED_IN) },
  '/api/studio/history/{version}': {
    parameters: [versionParam],
    get: op('studio_version', TAG, 'One version with its diff and snapshot', {
      200: ok('The version', { allOf: [ref('MetadataVersion'), { type: 'object', required: ['diff', 'snapshot'], properties: { diff: { type: 'array', items: { type: 'object', additionalProperties: true } }, snapshot: { type: 'array', items: ref('MetadataDocument') } } }] }),
    }, SIGNED_IN),
  },
  '/api/studio/restore/{version}': { parameters: [versionParam], post: op('studio_restore', TAG, 'Make an earlier version the working layer again', { 200: ok('The new version', versionNumber) }, WRITES) },
  '/api/studio/plan': { post: op('studio_plan', TAG, 'What publishing would change in the schema', { 200: ok('The plan', ref('PublishPlan')) }, WRITES) },
  '/api/studio/publish': {
    post: op('studio_publish', TAG, 'Publish the working layer (applies the plan)', { 200: ok('Published', { allOf: [ref('PublishPlan'), versionNumber] }) }, WRITES,
      body({ type: 'object', additionalProperties: false, properties: { confirmDestructive: { type: 'boolean', description: 'Needed when a step drops or converts data' } } }, false)),
  },
  '/api/studio/entities/{entity}/fields/{field}/dependants': {
    parameters: [pathParam('entity', { type: 'string' }), pathParam('field', { type: 'string' })],
    get: op('studio_field_dependants', TAG, 'Everything in the published metadata that reads or writes one field (the automation map)', {
      200: ok('The field\'s uses', { type: 'object', required: ['entity', 'field', 'data'], properties: { entity: { type: 'string' }, field: { type: 'string' }, data: { type: 'array', items: dependant } } }),
    }, SIGNED_IN),
  },
  ...Object.fromEntries(METADATA_KINDS.map((kind) => [`/api/studio/${kind}/{name}`, {
    parameters: [nameParam],
    get: op(`studio_get_${kind}`, TAG, `A ${kind} document: the tenant's own, else the one in force`, { 200: { ...ok('The document (X-Metadata-Layer: tenant or effective)', ref('MetadataDocument')) } }, SIGNED_IN),
    put: op(`studio_put_${kind}`, TAG, `Save a ${kind} document in the tenant layer`, { 200: ok('Saved', { type: 'object', required: ['version', 'doc'], properties: { version: { type: 'integer' }, doc: ref('MetadataDocument') } }) }, WRITES, {
      parameters: [
        { name: 'If-Match', in: 'header', required: false, schema: { type: 'string' }, description: 'The version of the layer you edited' },
        { name: 'X-Studio-Module', in: 'header', required: false, schema: { type: 'string', format: 'uuid' }, description: 'The module the studio works in: a document this save creates joins it' },
      ],
      ...body(ref('MetadataDocument')),
    }),
    delete: op(`studio_delete_${kind}`, TAG, `Remove a ${kind} document from the tenant layer`, { 200: ok('The new version', versionNumber) }, WRITES),
  }])),
});

export const studioSchemas = (): Record<string, Schema> => ({ MetadataDocument: document, MetadataVersion: version, PublishPlan: plan });
