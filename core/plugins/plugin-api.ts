import type { Tenant } from '../db/tenant.js';
import type { Label } from '../metadata/types.js';
import type { RecordAction, RecordContext, RecordData, RecordEvent } from '../records/types.js';

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
}

/** A route under /api/x/<plugin>/; `path` is relative to that and may hold `:params`. */
export interface PluginRouteDef {
  method: RouteMethod;
  path: string;
  handler(req: PluginRequest, ctx: PluginRecordContext & { tenant: Tenant }): Promise<unknown>;
}

/** A json-logic operator a plugin adds to the rule language, with its in-memory and SQL forms. */
export interface RuleOperatorDef {
  name: string;
  /** In-memory form: receives the evaluated arguments. */
  evaluate(...args: unknown[]): unknown;
  /** SQL form: receives each argument's SQL (knex raw syntax) and returns the operator's SQL. */
  sql(...args: { sql: string; bindings: readonly unknown[] }[]): { sql: string; bindings: readonly unknown[] };
}

/** Seed data: runs once when the plugin is freshly installed (demo seeds only when demo data is asked for). */
export interface SeedDef {
  name: string;
  demo?: boolean;
  run(ctx: PluginRecordContext & { tenant: Tenant }): Promise<Record<string, number> | void>;
}

/** What `setup(api)` may contribute; every contribution is visible in the plugin's server/index.ts. */
export interface PluginApi {
  /** The plugin's name, from its plugin.json. */
  readonly plugin: string;
  before(key: HookKey, hook: BeforeHook): void;
  after(key: HookKey, hook: AfterHook): void;
  action(key: HookKey, def: RecordActionDef): void;
  route(def: PluginRouteDef): void;
  operator(def: RuleOperatorDef): void;
  seed(def: SeedDef): void;
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
  operators: RuleOperatorDef[];
  seeds: SeedDef[];
}

/** The loaded server code of every available plugin, by plugin name. */
export interface PluginRuntime {
  plugins: ReadonlyMap<string, PluginContributions>;
}
