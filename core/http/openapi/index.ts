import { OpenApiBuilder, type OpenAPIObject, type SchemaObject } from 'openapi3-ts/oas31';
import type { EffectiveMeta } from '../../metadata/types.js';
import { authPaths } from './auth-paths.js';
import { sessionPaths } from './session-paths.js';
import { secretPaths, ssoPaths } from './sso-paths.js';
import { recyclePaths } from './recycle-paths.js';
import { duplicatePaths } from './duplicate-paths.js';
import { sharedComponents } from './components.js';
import { dataPaths, dataSchemas } from './data-paths.js';
import { homePaths } from './home-paths.js';
import { entitySchemas } from './entity-schemas.js';
import { livePaths } from './live-paths.js';
import { syncPaths } from './sync-paths.js';
import { mailPaths } from './mail-paths.js';
import { platformPaths } from './platform-paths.js';
import { portalPaths, portalSchemas } from './portal-paths.js';
import { NO_CONTRIBUTIONS, pluginRoutePaths, type PluginContributions } from './plugin-contributions.js';
import { batchPaths } from './record-batch-paths.js';
import { recordPaths, recordSchemas } from './record-paths.js';
import { serviceAccountPaths, serviceAccountSchemas } from './service-account-paths.js';
import type { Paths } from './shared.js';
import { studioPaths, studioSchemas } from './studio-paths.js';
import { modulePaths } from './module-paths.js';
import { webhookPaths } from './webhook-paths.js';
import { workflowPaths, workflowSchemas } from './workflow-paths.js';

const TAGS: [string, string][] = [
  ['Auth', 'Sign in and out; who is signed in'],
  ['API keys', 'Keys for machine clients (X-API-Key or Authorization: Bearer)'],
  ['Users', 'The tenant\'s users (tenant admins)'],
  ['Service accounts', 'Machine identities with roles, a write scope, an expiry and their own keys (tenant admins)'],
  ['Metadata', 'The effective metadata that drives the app'],
  ['Home', 'The home page\'s tiles and the search across every entity'],
  ['Reports', 'Reports defined in the metadata'],
  ['Files', 'Files of attachment fields'],
  ['Saved views', 'Saved list views, per user or shared'],
  ['Workflows', 'Workflow runs, manual and dry runs, webhooks'],
  ['Approvals', 'Approval steps waiting for a decision'],
  ['Notifications', 'The signed-in user\'s notifications'],
  ['Settings', 'The tenant\'s time zone, currency, locale, week and fiscal year, business calendar'],
  ['Events', 'Live events (Server-Sent Events)'],
  ['Sync', 'The change feed that keeps a device\'s offline copy of its working set'],
  ['Webhooks', 'Change webhook subscriptions and their deliveries (tenant admins)'],
  ['Mail', 'The tenant\'s e-mail: sending identity, bulk sends, unsubscribe links'],
  ['Studio', 'Editing, publishing and history of the tenant\'s metadata (tenant admins)'],
  ['Portal users', 'Portal users and the public endpoints switch (tenant admins)'],
  ['Portal', 'The portal for people outside the company: its own sign-in and session (crm_portal_session cookie or ps_ bearer token), records through its portal role'],
  ['Web forms', 'Plugins\' public web forms under /api/public/<tenant>/forms'],
  ['Plugins', 'The tenant\'s plugins and their lifecycle'],
  ['Plugin routes', 'Routes plugins add under /api/x/<plugin> and /api/public/<tenant>/x/<plugin>; what each takes and answers is the plugin\'s own'],
  ['Health', 'Probes and metrics'],
  ['Docs', 'This document and its browsable page'],
];

/**
 * The OpenAPI 3.1 document of one tenant's API, generated from its effective metadata:
 * every route core serves, with each entity's record routes typed by the JSON Schemas the
 * record validator (ajv) checks writes with, and the installed plugins' actions and routes.
 */
export const openApiDocument = (meta: EffectiveMeta, tenant: { slug: string; name: string }, plugins: PluginContributions = NO_CONTRIBUTIONS): OpenAPIObject => {
  const entities = Object.values(meta.entities).sort((a, b) => a.name.localeCompare(b.name));
  const tagOf = (e: (typeof entities)[number]) => `Records: ${e.label?.en ?? e.name}`;
  const builder = OpenApiBuilder.create({
    openapi: '3.1.0',
    info: {
      title: `CRM API — ${tenant.name}`,
      version: '1',
      description: 'Generated from the tenant\'s metadata. Errors are application/problem+json (the Problem schema). Sign in with POST /api/auth/login, or send an API key.',
      license: { name: 'Proprietary', identifier: 'LicenseRef-Proprietary' },
    },
    servers: [{ url: '/', description: 'This server' }],
    security: [{ bearer: [] }, { apiKey: [] }, { cookie: [] }],
    paths: {},
    components: sharedComponents(),
    tags: [],
  });
  for (const [name, description] of TAGS) builder.addTag({ name, description });
  for (const e of entities) builder.addTag({ name: tagOf(e), description: `Records of ${e.name}${e.label ? ` (${e.label.en} / ${e.label['zh-CN']})` : ''}` });
  const schemas: Record<string, SchemaObject> = { ...recordSchemas(), ...serviceAccountSchemas(), ...dataSchemas(), ...workflowSchemas(), ...studioSchemas(), ...portalSchemas(), ...Object.assign({}, ...entities.map((e) => entitySchemas(e, meta))) };
  for (const [name, schema] of Object.entries(schemas)) builder.addSchema(name, schema);
  const paths: Paths = {
    ...authPaths(),
    ...sessionPaths(),
    ...ssoPaths(),
    ...secretPaths(),
    ...serviceAccountPaths(),
    ...platformPaths(meta),
    ...pluginRoutePaths(plugins),
    ...Object.assign({}, ...entities.map((e) => ({ ...recordPaths(e, tagOf(e), plugins), ...batchPaths(e, tagOf(e)), ...recyclePaths(e, tagOf(e)), ...duplicatePaths(e, tagOf(e)) }))),
    ...dataPaths(meta),
    ...homePaths(),
    ...workflowPaths(),
    ...mailPaths(),
    ...webhookPaths(),
    ...livePaths(),
    ...syncPaths(),
    ...studioPaths(),
    ...modulePaths(),
    ...portalPaths(),
  };
  for (const [path, item] of Object.entries(paths)) builder.addPath(path, item);
  return builder.getSpec();
};
