import type { Knex } from 'knex';
import type { TenantTime } from '../time/index.js';
import type { EffectiveMeta } from '../metadata/types.js';
import type { Actor } from '../security/actor.js';
import type { Tenant } from '../db/tenant.js';

export type { Actor };

/** A record's JSON: field names as keys plus id, version, created_at/by, updated_at/by, owner_id, deleted_at. */
export type RecordData = Record<string, unknown>;

/** What a history row records: a write, or a named record action or lifecycle transition. */
export type RecordAction = 'create' | 'update' | 'delete' | 'restore';
export type HistoryAction = RecordAction | `action:${string}` | `transition:${string}`;

export interface RecordEvent {
  entity: string;
  action: RecordAction;
  /** create/update: the input (a before hook may change it); otherwise the record. */
  data: RecordData;
  /** The stored record before an update, delete or restore. */
  old?: RecordData;
  /** An update made by a lifecycle transition: its name (after hooks only). */
  transition?: string;
  /**
   * An update made as part of a named record action rather than asked for field by field:
   * `action:repoint` is a merge moving a reference from the merged-away record to the
   * survivor (the same real-world party), which a hook fixing that reference may allow.
   */
  via?: `action:${string}`;
}

/** Hooks for plugins and workflows; both run inside the record's transaction. */
export interface RecordHooks {
  before?(event: RecordEvent, ctx: RecordContext): Promise<void> | void;
  after?(event: RecordEvent, ctx: RecordContext): Promise<void> | void;
}

/**
 * How work came into a tenant: a person's HTTP request, the command line, a plugin's
 * route, a plugin's record action, a plugin's seed, a scheduled start, an import, or a
 * workflow's own step. Every door fires the same record hooks (see core/work).
 */
export type Door = 'http' | 'cli' | 'plugin-route' | 'web-form' | 'portal' | 'action' | 'seed' | 'schedule' | 'import' | 'workflow' | 'mail';

export interface RecordContext {
  /** A tenant transaction (withTenant). */
  db: Knex.Transaction;
  meta: EffectiveMeta;
  actor: Actor;
  /** The clock for $now / $today in rules; default: now. */
  now?: Date;
  /** The tenant's zone and business calendar ($today, calendar days, business hours); default UTC, weekdays 9–18. */
  time?: TenantTime;
  hooks?: RecordHooks;
  /** How this work came in (set by core/work's builder; absent in low-level tests). */
  door?: Door;
  /** The tenant the work is in (set by core/work's builder, seeds and workflow steps; absent in low-level tests). */
  tenant?: Tenant;
  /**
   * The transaction holds just the one write about to happen and rolls back on any error
   * (an HTTP request's own transaction): the write needs no savepoint of its own.
   * Cleared for nested writes (hooks, plugin code).
   */
  singleWrite?: boolean;
}

export interface ListQuery {
  /** json-logic over the entity's fields (a JSON string is parsed). */
  filter?: unknown;
  /** "-amount,name" or "account.name": comma-separated, "-" for descending. */
  sort?: string;
  /** Default 50, at most 500. */
  limit?: number;
  cursor?: string;
  /** Projection; may name reference paths such as "account.name". */
  fields?: string[];
  /** Full-text search over the entity's search fields. */
  q?: string;
  includeDeleted?: boolean;
  onlyDeleted?: boolean;
  /** Also count every record the query matches (filter, search, scope; not the cursor). */
  total?: boolean;
}

export interface ListResult {
  data: RecordData[];
  nextCursor: string | null;
  /** With `total`: how many records match, across all pages. */
  total?: number;
}

export interface HistoryEntry {
  id: number;
  action: HistoryAction;
  actorId: string | null;
  at: string;
  /** field → [old, new]; empty for delete and restore. */
  changes: Record<string, [unknown, unknown]>;
}
