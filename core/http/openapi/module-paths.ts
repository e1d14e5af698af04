import { METADATA_KINDS } from '../../metadata/types.js';
import { body, label, listOf, ok, op, pathParam, queryParam, SIGNED_IN, WRITES, type Paths, type Schema } from './shared.js';

const TAG = 'Modules';
const documentRef: Schema = { type: 'object', required: ['kind', 'name'], properties: { kind: { type: 'string', enum: METADATA_KINDS }, name: { type: 'string' } } };

const module: Schema = {
  type: 'object',
  required: ['id', 'name', 'label', 'version', 'documents'],
  properties: {
    id: { type: 'string', format: 'uuid', description: 'The stable id; the exported plugin keeps it' },
    name: { type: 'string', description: 'The name of the plugin it exports as' },
    label,
    icon: { type: ['string', 'null'] },
    menuGroup: { type: ['string', 'null'] },
    version: { type: 'string', description: 'The version the next export carries' },
    documents: { type: 'array', items: documentRef },
    createdAt: { type: 'string', format: 'date-time' },
    updatedAt: { type: 'string', format: 'date-time' },
  },
};

const moduleInput: Schema = {
  type: 'object',
  properties: { name: { type: 'string', pattern: '^[a-z][a-z0-9_]{0,62}$' }, label, icon: { type: ['string', 'null'] }, menuGroup: { type: ['string', 'null'] } },
  additionalProperties: false,
};

const idParam = pathParam('id', { type: 'string', format: 'uuid' });
const zip = (description: string) => ({ description, content: { 'application/zip': { schema: { type: 'string' as const, format: 'binary' } } } });

/** /api/studio/modules and POST /api/plugins/upload: modules built in the studio, exported as plugin packages and uploaded to a tenant. */
export const modulePaths = (): Paths => ({
  '/api/studio/modules': {
    get: op('list_modules', TAG, 'The tenant’s modules with their documents (tenant admins)', { 200: ok('Modules', listOf(module)) }, SIGNED_IN),
    post: op('create_module', TAG, 'Start a module', { 201: ok('The module', module) }, WRITES, body({ ...moduleInput, required: ['name', 'label'] })),
  },
  '/api/studio/modules/{id}': {
    parameters: [idParam],
    get: op('get_module', TAG, 'One module', { 200: ok('The module', module) }, SIGNED_IN),
    patch: op('update_module', TAG, 'Change a module’s label, icon or menu group', { 200: ok('The module', module) }, WRITES, body(moduleInput)),
  },
  '/api/studio/modules/{id}/documents': {
    parameters: [idParam],
    post: op('add_module_documents', TAG, 'Put documents of the tenant layer into the module', { 200: ok('The module', module) }, WRITES, body({ type: 'object', required: ['documents'], properties: { documents: { type: 'array', items: documentRef } } })),
  },
  '/api/studio/modules/{id}/documents/{kind}/{name}': {
    parameters: [idParam, pathParam('kind', { type: 'string', enum: METADATA_KINDS }), pathParam('name', { type: 'string' })],
    delete: op('remove_module_document', TAG, 'Take a document out of the module (the document stays)', { 200: ok('The module', module) }, WRITES),
  },
  '/api/studio/modules/{id}/export': {
    parameters: [idParam],
    post: op('export_module', TAG, 'The module’s published documents as a plugin package (.zip laid out as a plugin folder)', { 200: zip('The package (X-Plugin-Version: its version)') }, WRITES, body({
      type: 'object',
      additionalProperties: false,
      properties: {
        version: { type: 'string', description: 'A semantic version not below the module’s current one' },
        demo: { type: 'array', description: 'Records to ship as demo data', items: { type: 'object', required: ['entity', 'ids'], properties: { entity: { type: 'string' }, ids: { type: 'array', items: { type: 'string' } } } } },
      },
    }, false)),
  },
  '/api/plugins/{name}/package': {
    parameters: [pathParam('name', { type: 'string' })],
    delete: op('remove_plugin_package', 'Plugins', 'Remove an uploaded package from the tenant’s plugin list (tenant admins; 409 naming the tenants while installed)', {
      200: ok('Removed', { type: 'object', required: ['plugin', 'version'], properties: { plugin: { type: 'string' }, version: { type: 'string' } } }),
    }, WRITES),
  },
  '/api/plugins/upload': {
    post: op('upload_plugin', 'Plugins', 'Upload a plugin package into the tenant’s catalogue; apply=true installs it or upgrades to it (tenant admins)', {
      201: ok('Taken in', { type: 'object', required: ['plugin', 'version', 'lifecycle'], properties: { plugin: { type: 'string' }, version: { type: 'string' }, lifecycle: { type: ['object', 'null'], additionalProperties: true } } }),
    }, [...WRITES, 413, 415], {
      parameters: [queryParam('apply', { type: 'boolean' }), queryParam('withDemoData', { type: 'boolean' }), queryParam('confirmDestructive', { type: 'boolean' })],
      requestBody: { required: true, content: { 'application/zip': { schema: { type: 'string', format: 'binary' } } } },
    }),
  },
});
