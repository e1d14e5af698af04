/**
 * core/work: the one way into a tenant. Every door — HTTP, the command line, plugin routes
 * and actions, imports, schedules, workflow steps — opens its work here (or, for work
 * already inside a transaction, takes its hooks from hooksForDoor), so the same write
 * fires the same hooks and workflows and meets the same rights whichever way it came in.
 */
export { openTenantWork, prepareTenantWork, type PreparedWork, type TenantWork, type WorkContext } from './open-tenant-work.js';
export { runtimeOf } from './runtime-cache.js';
export { handlePluginRoute, publicActor, publicRouteOwner, type PluginRouteCaller, type PluginRouteInput } from './plugin-route.js';
export { runRecordAction } from './record-action.js';
export { mayReadRecord, readersOfRecord } from './record-readable.js';
export { databaseTenantEnv } from './database-tenant-env.js';
export { openSystemWork, systemActor, SYSTEM_ACTOR } from './system-work.js';
export { acceptsMail, deliverInboundMail, startInboundMail, DEFAULT_INBOUND_HOURLY, DEFAULT_INBOUND_MAX_BYTES, type InboundMailConfig } from './inbound-mail.js';
export { describeWebForm, submitWebForm, webFormActor, FORM_TOKEN_FIELD, type WebFormOutcome, type WebFormView } from './web-form.js';
export { assertPortalEntity, invitePortalUser, openPortalWork, portalActor, portalAttributes } from './portal-work.js';
export { registerPortalUser } from './portal-register.js';
export { sendLinkMail } from './link-mail.js';
export { invitePortalUserInWork, type PortalInvitation } from './portal-invite.js';
export { queueBulkMail, bulkMailQueue, sendBulkBatch, unsubscribeByLink, BULK_MAIL_QUEUE, BULK_MAIL_BATCH, DEFAULT_BULK_CONFIRM_ABOVE } from './bulk-mail.js';
export { pluginJobQueue, runPluginJob, jobWork, enqueuePluginJob, queuePluginJob, PLUGIN_JOB_QUEUE } from './plugin-jobs.js';
export { readDemoRecords, MAX_DEMO_RECORDS, type DemoPick } from './module-demo-records.js';
export { homeTiles, type HomeAnswer, type HomeTileAnswer } from './home-tiles.js';
