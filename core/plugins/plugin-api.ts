import type { ProblemEntry } from '../errors.js';
import type { Knex } from 'knex';
import type { NewEvent } from '../events/index.js';
import type { Tenant } from '../db/tenant.js';
import type { EffectiveMeta, Label } from '../metadata/types.js';
import type { Actor, ListQuery, ListResult, RecordAction, RecordContext, RecordData, RecordEvent } from '../records/types.js';
import type { CopyQuery, CopyResult } from '../records/copy-records.js';
import type { AggregateQuery, ReportAnswer } from '../reports/index.js';

/**
 * A record change as hooks see it (the record service's event): `data` is the input a
 * before hook may change (create, update) or the record (delete, restore; and every after hook).
 */
export type { RecordEvent };

/** The tenant transaction, metadata, actor and hooks plugin code runs with: the record service's context. */
export type PluginRecordContext = RecordContext;

/** The record service's changes hooks attach to: create, update, delete, restore. */
export type HookAction = RecordAction;

/** `<entity>.<action>` of a hook (`stock_move.create`) or of a record action (`customer_loss.pause_churn`). */
export type HookKey = `${string}.${string}`;

/** Runs in the record's transaction before the write: may change `event.data`, or throw an AppError to refuse it. */
export type BeforeHook = (event: RecordEvent, ctx: PluginRecordContext) => void | Promise<void>;
/** Runs in the record's transaction once the row is written; throwing undoes the change. */
export type AfterHook = (event: RecordEvent, ctx: PluginRecordContext) => void | Promise<void>;

/** A record action: POST /api/records/:entity/:id/actions/:action. */
/** One input a record action asks for (the app draws a dialog from these). */
export interface ActionInputDef {
  type: 'text' | 'long_text' | 'integer' | 'decimal' | 'date' | 'boolean' | 'user';
  label: Label;
  required?: boolean;
}

export interface RecordActionDef {
  label?: Label;
  /** What the action asks for, by parameter name; `/api/meta` publishes it with the action. */
  input?: Record<string, ActionInputDef>;
  /**
   * The records the action applies to (json-logic over the record): the app offers it only on those (no "Convert" on a
   * converted lead). `/api/meta` publishes it; the action's own checks still word a refusal.
   */
  when?: Record<string, unknown>;
  /**
   * Runs in one tenant transaction with the record loaded (its `version` lets the action
   * write with `{ ifMatch }`); its result is the answer. A throw undoes all its writes.
   */
  run(input: { entity: string; id: string; record: RecordData; params: Record<string, unknown> }, ctx: PluginRecordContext): Promise<unknown>;
}

export type RouteMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export interface PluginRequest {
  params: Record<string, string>;
  query: Record<string, string | string[] | undefined>;
  body: unknown;
  /** The request's headers, names in lower case (a signature, an `Idempotency-Key`, the host). */
  headers: Record<string, string | undefined>;
  /** The body exactly as it was sent (JSON or a form), for checking a signature over it. */
  rawBody?: string;
}

/**
 * The record service as a plugin route uses it: every call runs as the route's actor
 * (the signed-in user, or a public route's named system actor) with that actor's row
 * scope, field access and rights, and fires the tenant's record hooks and workflow triggers.
 */
export interface RouteRecords {
  list(entity: string, query?: ListQuery): Promise<ListResult>;
  get(entity: string, id: string, opts?: { fields?: string[] }): Promise<RecordData>;
  create(entity: string, data: RecordData): Promise<RecordData>;
  update(entity: string, id: string, patch: RecordData, opts?: { ifMatch?: number }): Promise<RecordData>;
  delete(entity: string, id: string, opts?: { ifMatch?: number }): Promise<void>;
  /** Counts, sums… grouped by fields, under the actor's read scope and field access (a report without a document). */
  aggregate(query: AggregateQuery): Promise<ReportAnswer>;
  /** Rows of one entity matching a filter, copied into new rows of another in one statement (see copyRecords). */
  copy(query: CopyQuery): Promise<CopyResult>;
}

/** What a plugin route's handler works with. There is no database handle: records go through `records`. */
export interface PluginRouteContext {
  tenant: Tenant;
  meta: EffectiveMeta;
  actor: Actor;
  records: RouteRecords;
  /**
   * Raw SQL in the tenant's transaction, as the system (no row scope): only for a route
   * that declares `systemAccess`, and every call is written to the tenant's audit log with
   * the route and that reason. Reach for it only for aggregates the record service cannot say.
   */
  system<T>(fn: (db: Knex.Transaction) => Promise<T>): Promise<T>;
  /**
   * Publishes a live event in the route's transaction (sent once it commits, to the
   * audience's open GET /api/events streams): a user, users, a role, or whoever may read a
   * record. The topic is the plugin's own, `<plugin>.<name>`.
   */
  publish(event: NewEvent): Promise<void>;
  /**
   * On a public route that declares `portalSession`: the portal user signed in to this
   * tenant who sent the request (their portal session's cookie or bearer token), else
   * undefined. The route still runs as its public actor; this only says who is asking.
   */
  portalUser?: PortalVisitor;
  /**
   * A stored file with its bytes, under the same rights as GET /api/files/<id>: the actor
   * must be able to read the record and attachment field it belongs to (else 404).
   */
  readFile(id: string): Promise<RouteFile>;
  /**
   * Queues one of the plugin's jobs (see JobDef) to run off the request, in a worker, as
   * this route's actor; kept only if the route's work commits.
   */
  enqueue(job: string, data: Record<string, unknown>): Promise<void>;
}

/** A stored file as a plugin route reads it (ctx.readFile) and answers with it (fileAnswer). */
export interface RouteFile {
  id: string;
  name: string;
  type: string;
  size: number;
  sha256: string;
  data: Buffer;
}

/** A portal user asking on a public route: who they are and their portal role's `$user.<key>` values from their linked record. */
export interface PortalVisitor {
  id: string;
  name: string;
  email: string;
  role: string;
  attributes: Record<string, string | number | boolean | null>;
}

/** A route under /api/x/<plugin>/ (or /api/public/<tenant>/x/<plugin>/ when public); `path` is relative to that and may hold `:params`. */
export interface PluginRouteDef {
  method: RouteMethod;
  path: string;
  /**
   * Anonymous: served at /api/public/<tenant>/x/<plugin>/<path> without a sign-in, as the
   * plugin's named system actor with only the roles in `publicRoles`. Default: false
   * (a signed-in user of the tenant, under the same rules as the record API).
   */
  public?: boolean;
  /** A public route's roles (role documents' names): what it may read and write, nothing more. */
  publicRoles?: string[];
  /**
   * A public route that also recognises a signed-in portal user (ctx.portalUser): their
   * portal session's cookie or `Authorization: Bearer ps_…`. A write by cookie needs the
   * session's `X-CSRF-Token` (403 CSRF) and may not come from another site; an ended
   * session or one of another tenant is simply anonymous. Default: false.
   */
  portalSession?: boolean;
  /**
   * Rights the caller needs besides signing in: `admin` (tenant admins), or named action
   * rights `<entity>.<action>` from roles. Missing one is 403 before the handler runs.
   */
  rights?: string[];
  /** Largest request body in bytes (default 64 KiB; at most the server's JSON limit). */
  bodyLimit?: number;
  /** Why this route needs raw SQL (see PluginRouteContext.system); written to the audit log with each use. */
  systemAccess?: string;
  handler(req: PluginRequest, ctx: PluginRouteContext): Promise<unknown>;
}

/** A plugin route's answer that is not JSON: text of a content type (an iCalendar feed, a CSV). */
export interface TextAnswer {
  readonly textAnswer: true;
  contentType: string;
  body: string;
}

/** Answers a plugin route with text of `contentType` instead of JSON. */
export const textAnswer = (contentType: string, body: string): TextAnswer => ({ textAnswer: true, contentType, body });

/** Whether a route's result is a TextAnswer. */
export const isTextAnswer = (v: unknown): v is TextAnswer => typeof v === 'object' && v !== null && (v as TextAnswer).textAnswer === true;

/** A plugin route's answer that is a stored file's bytes (images shown inline, anything else as a download). */
export interface FileAnswer {
  readonly fileAnswer: true;
  file: RouteFile;
  /** Cache-Control for the answer (default: private). */
  cache?: string;
}

/** Answers a plugin route with a file read through ctx.readFile. */
export const fileAnswer = (file: RouteFile, opts: { cache?: string } = {}): FileAnswer => ({ fileAnswer: true, file, ...opts });

/** Whether a route's result is a FileAnswer. */
export const isFileAnswer = (v: unknown): v is FileAnswer => typeof v === 'object' && v !== null && (v as FileAnswer).fileAnswer === true;

/** Default largest body of a plugin route, in bytes. */
export const PLUGIN_ROUTE_BODY_LIMIT = 64 * 1024;

/** A json-logic operator a plugin adds to the rule language, with its in-memory and SQL forms. */
export interface RuleOperatorDef {
  name: string;
  /** In-memory form: receives the evaluated arguments. */
  evaluate(...args: unknown[]): unknown;
  /** SQL form: receives each argument's SQL (knex raw syntax) and returns the operator's SQL. */
  sql(...args: { sql: string; bindings: readonly unknown[] }[]): { sql: string; bindings: readonly unknown[] };
  /** What it answers, for comparing its result in SQL (default: a boolean, a condition). */
  returns?: 'boolean' | 'number' | 'text' | 'date';
}

/** One field of a web form: an entity field, its label (default: the field's own) and whether the form requires it. */
export interface WebFormFieldDef {
  field: string;
  label?: Label;
  required?: boolean;
  /** A text field drawn as a multi-line box. */
  multiline?: boolean;
}

/**
 * A web form: an anonymous, embeddable form that creates one record of `entity` at
 * GET|POST /api/public/<tenant>/forms/<name>, as the named system actor `form:<name>`
 * with only the roles in `roles`. A filled `honeypot` field or a submit sooner than
 * `minSeconds` after the form was drawn is answered like a success and stores nothing.
 */
export interface WebFormDef {
  name: string;
  entity: string;
  title: Label;
  intro?: Label;
  fields: WebFormFieldDef[];
  submitLabel?: Label;
  successMessage: Label;
  /** The name of the hidden trap field people never fill. */
  honeypot: string;
  /** Fewest seconds between drawing the form and submitting it. */
  minSeconds: number;
  /** Role documents' names: what the form's actor may do, nothing more (at least create on `entity`). */
  roles: string[];
  /** Fixed values written with every record (e.g. `{"source": "web"}`). */
  defaults?: Record<string, unknown>;
  /** A manual workflow on `entity` started for each new record (besides its create triggers). */
  workflow?: string;
}

/**
 * A portal role: a role document (`role`) that people outside the company may hold. Each
 * such person is linked to one record of `linkedEntity`; `attributes` names, for each
 * `$user.<key>` the role's rules use, the linked record's field that holds its value
 * (`id` for the record itself), e.g. `{"contact": "id", "customer": "customer"}`.
 */
export interface PortalRoleDef {
  role: string;
  linkedEntity: string;
  attributes: Record<string, string>;
  /**
   * People may register themselves for this role: only when exactly one record of
   * `linkedEntity` holds their e-mail address in `emailField` (default: its first field
   * of type email), and only once they follow the link e-mailed to that address.
   */
  selfRegistration?: boolean;
  emailField?: string;
}

/** Seed data: runs once when the plugin is freshly installed (demo seeds only when demo data is asked for). */
export interface SeedDef {
  name: string;
  demo?: boolean;
  run(ctx: PluginRecordContext & { tenant: Tenant }): Promise<Record<string, number> | void>;
}

/**
 * How a background job works in its tenant: as the actor who queued it (their row scope and
 * rights), each `run` one short tenant transaction, so long work reads page by page and
 * progress written meanwhile is seen at once.
 */
export interface JobWork {
  actor: Actor;
  run<T>(fn: (ctx: PluginRecordContext) => Promise<T>): Promise<T>;
}

/** A background job of a plugin, queued by its routes with `ctx.enqueue(name, data)`; a throw is retried a few times. */
export interface JobDef {
  name: string;
  run(data: Record<string, unknown>, work: JobWork): Promise<void>;
}

/** What `setup(api)` may contribute; every contribution is visible in the plugin's server/index.ts. */
export interface PluginApi {
  /** The plugin's name, from its plugin.json. */
  readonly plugin: string;
  before(key: HookKey, hook: BeforeHook): void;
  after(key: HookKey, hook: AfterHook): void;
  action(key: HookKey, def: RecordActionDef): void;
  route(def: PluginRouteDef): void;
  /** A web form (see WebFormDef), kept as a plain JSON document beside the plugin's metadata. */
  webForm(def: WebFormDef): void;
  /** A role people outside the company may hold in the portal (see PortalRoleDef). */
  portalRole(def: PortalRoleDef): void;
  operator(def: RuleOperatorDef): void;
  seed(def: SeedDef): void;
  /** A background job (see JobDef). */
  job(def: JobDef): void;
  /**
   * The plugin's own problem codes, each with its HTTP status and its text in `en` and
   * `zh-CN` (`{placeholders}` for values); thrown with `problem(code, params)`.
   */
  errors(entries: Readonly<Record<string, ProblemEntry>>): void;
}

export interface PluginDefinition {
  setup(api: PluginApi): void;
}

/** Everything one plugin's server code contributed. */
export interface PluginContributions {
  plugin: string;
  before: Map<string, BeforeHook[]>;
  after: Map<string, AfterHook[]>;
  actions: Map<string, RecordActionDef>;
  routes: PluginRouteDef[];
  webForms: WebFormDef[];
  portalRoles: PortalRoleDef[];
  operators: RuleOperatorDef[];
  seeds: SeedDef[];
  jobs: JobDef[];
}

/** The loaded server code of every available plugin, by plugin name. */
export interface PluginRuntime {
  plugins: ReadonlyMap<string, PluginContributions>;
}
