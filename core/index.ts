/**
 * The engine's public entry: everything plugin code may use, and nothing else (an
 * architecture test holds plugins/ to this file). A curated list, kept short on purpose.
 */

// Declaring a plugin's server code and what it can contribute.
export { definePlugin } from './plugins/define-plugin.js';
export { seededRandom, type Random } from './plugins/seeded-random.js';
export type {
  ActionInputDef,
  AfterHook,
  BeforeHook,
  HookAction,
  HookKey,
  PluginApi,
  PluginDefinition,
  PluginRecordContext,
  PluginRequest,
  PluginRouteContext,
  PluginRouteDef,
  WebFormDef,
  WebFormFieldDef,
  PortalRoleDef,
  PortalVisitor,
  FileAnswer,
  RouteFile,
  RouteRecords,
  RecordActionDef,
  RecordEvent,
  JobDef,
  JobWork,
  RouteMethod,
  RuleOperatorDef,
  SeedDef,
  TextAnswer,
} from './plugins/plugin-api.js';
export { textAnswer, fileAnswer } from './plugins/plugin-api.js';

// Record service: read and change records in the tenant's transaction (validation,
// formulas, auto-numbers, versions, history, the recycle bin, and the tenant's plugin hooks).
export { createRecord, getRecord, listRecords, updateRecord, deleteRecord, restoreRecord } from './records/index.js';
// Set-wise copy: rows of one entity matching a filter, under the actor's scope, into new rows of another, in one statement.
export { copyRecords, type CopyQuery, type CopyResult } from './records/index.js';
export { withSystemRights } from './records/index.js';
// Rows of one party or shared by all: per group the party's own rows where it has any, else the shared ones.
export { ownOrShared, ownOrSharedFilter } from './records/index.js';

// Aggregates (counts, sums… by group) under the actor's read scope, as reports run them.
export { aggregateRecords, runPivot, type AggregateQuery, type PivotAnswer, type PivotInput, type ReportAnswer } from './reports/index.js';
// Data mining over streamed rows (no idea what the rows are): association rules (FP-growth),
// sequence patterns, RFM scores; records streamed page by page under the actor's scope.
export { associationRules, sequencePatterns, rfmScores, groupRuns, streamRecords, type AssociationRule, type AssociationResult, type SequencePattern, type SequenceResult, type RfmInput, type RfmScore, type RfmClass } from './reports/index.js';
export type { Actor, ListQuery, ListResult, RecordAction, RecordContext, RecordData, RecordHooks } from './records/index.js';

// The rule language (json-logic): whether a rule holds for some data, in memory.
export { ruleAccepts } from './rules/index.js';

// Lifecycles: take a transition, or ask which ones the actor may take now.
export { allowedTransitions, runTransition, transitionRefusal, findTransition, type TransitionOption, type TransitionRefusal } from './workflow/lifecycles/index.js';

// Live events (GET /api/events): publish in the tenant transaction (a hook's or action's ctx;
// a route has ctx.publish), sent after commit to the audience — a user, users, a role, or
// whoever may read a record — filtered by each reader's access.
export { publishPluginEvent as publishEvent } from './events/index.js';
export type { EventAudience, NewEvent } from './events/index.js';

// The one error type and its factories.
export {
  AppError,
  isAppError,
  badRequest,
  invalidInput,
  notFound,
  conflict,
  forbidden,
  ruleViolation,
  problem,
  type ErrorDetails,
  type FieldProblem,
  type ProblemEntry,
} from './errors.js';

// Metadata shapes.
export type {
  DictionaryDocument,
  DictionaryItem,
  EffectiveMeta,
  EntityDocument,
  FieldDefinition,
  Label,
  Locale,
  MetadataDocument,
  MetadataKind,
  PluginManifest,
} from './metadata/types.js';
export type { Tenant } from './db/tenant.js';

/** A new record id (uuid v7, time-ordered), for rows a plugin writes itself. */
export { v7 as newId } from 'uuid';

// Time in the tenant's zone: calendar days and business hours over its business calendar
// (a record context's `time`; readTenantSettings for the whole settings document).
export { addBusinessHours, businessHoursBetween, todayIn, addDays, addMonths, daysBetween, localDateOf, startOfDayIn, DEFAULT_CALENDAR, type BusinessCalendar, type TenantTime } from './time/index.js';
export { readTenantSettings, localeOfWork, DEFAULT_SETTINGS, type TenantSettings, type StoredSettings } from './tenants/tenant-settings.js';

// The portal: invite someone outside the company from a record (a record action, a seed), with core's invitation e-mail.
export { invitePortalUserInWork, type PortalInvitation } from './work/index.js';
// Calendars: repeating events expanded on the zone's wall clock, busy time per person kept
// for conflicts and free/busy (one SQL range query), and iCalendar text for feeds and invitations.
export {
  expandOccurrences,
  parseRule,
  writeBusySlots,
  clearBusySlots,
  findConflicts,
  busySlots,
  mergeBusy,
  icalText,
  type BusySlot,
  type Conflict,
  type IcalEvent,
  type IcalPerson,
  type Occurrence,
  type RepeatingEvent,
} from './calendar/index.js';

// Bulk e-mail through the durable queue: queue a template to the records a filter finds (checked
// merge fields, a confirmation above the tenant's limit, recipients snapshot in one statement, sent
// by the worker with signed one-click unsubscribe links), its progress, and which addresses opted out.
export { queueBulkMail } from './work/index.js';
// A plugin's background job queued from record work (a hook, a workflow step's write), run by the worker in short transactions.
export { queuePluginJob } from './work/index.js';
export { bulkProgress as bulkMailProgress, optedOut as mailOptedOut, type BulkInput, type BulkMarks } from './mail/index.js';

// Documents from templates: a Word (.docx) template filled with values (fields, loops for tables;
// 422 DOCUMENT_TEMPLATE_INVALID naming the broken tags), a plain .docx written by code, and a .docx's text.
export { renderDocxTemplate, buildDocx, docxText, type TemplateData, type TemplateTagProblem, type DocxBlock } from './documents/index.js';
// Attachment files in a record context: read one under the actor's rights (404 otherwise), and store
// bytes for an attachment field the actor may write (its limits apply; saving the record attaches it).
export { readFile as readStoredFile, storeFile, type StoredFile } from './files/index.js';
