import type { MetaAction } from '../actions/record-actions.js';
import type { WorkflowDocument } from './workflows.js';
import type {
  DashboardDocument,
  DictionaryDocument,
  EntityDocument,
  FieldDefinition,
  FormDocument,
  Label,
  LifecycleDocument,
  ReportDocument,
  RoleDocument,
  EntityAccess,
  Scope,
  ViewDocument,
} from '../../../core/metadata/types.js';

export type { DashboardDocument, ReportDocument, DictionaryDocument, EntityAccess, EntityDocument, FieldDefinition, FormDocument, Label, LifecycleDocument, RoleDocument, Scope, ViewDocument };
export type FieldType = FieldDefinition['type'];

/** The signed-in user as the server describes it. */
export interface SessionUser {
  id: string;
  name: string;
  email: string;
  isAdmin: boolean;
  roles: string[];
  team: string | null;
  locale?: string;
}

export interface TenantInfo {
  slug: string;
  name: string;
  revision?: number;
}

/** What the signed-in user may do with an entity (hidden fields are absent from `fields`). */
export interface EntityRightsInfo {
  create: boolean;
  update: boolean;
  delete: boolean;
  /** Whether the user may hand records on to someone else (`<entity>.assign`). */
  assign?: boolean;
  fields: Record<string, 'write' | 'read'>;
}

/** An entity as /api/meta gives it: its document, its origin and the user's rights on it. */
export type MetaEntity = EntityDocument & {
  /** A plugin's name, `system` or `tenant`. */
  plugin?: string;
  access?: EntityRightsInfo;
  /** The record actions plugins offer on the entity, with their inputs and whether the user may run them. */
  actions?: MetaAction[];
};

/** GET /api/meta: the effective metadata that drives the app. */
export interface Meta {
  tenant: TenantInfo;
  user: SessionUser;
  entities: Record<string, MetaEntity>;
  dictionaries: Record<string, DictionaryDocument>;
  forms: Record<string, FormDocument>;
  views: Record<string, ViewDocument>;
  lifecycles: Record<string, LifecycleDocument>;
  /** The published workflows. */
  workflows?: Record<string, WorkflowDocument>;
  /** The published roles (tenant admins only). */
  roles?: Record<string, RoleDocument>;
  reports?: Record<string, ReportDocument>;
  dashboards?: Record<string, DashboardDocument>;
  /** The menu groups of modules built in the studio, each with the module's entities the user sees. */
  menuGroups?: { module: string; group: string; entities: string[] }[];
}

/** One line of GET /api/plugins. */
export interface PluginInfo {
  name: string;
  label: Label;
  /** The group the app's menu lists its entities under (a module's menu group, kept by its export). */
  menuGroup?: string;
  description?: Label;
  status: 'installed' | 'uninstalled' | 'available';
  installedVersion: string | null;
  availableVersion: string;
  upgradeAvailable?: boolean;
  /** Plugins this one needs, with their version ranges. */
  requires?: Record<string, string>;
  /** Installed plugins that need this one. */
  requiredBy?: string[];
  /** `server`: shipped with the server; `upload`: a package uploaded to this tenant. */
  source?: 'server' | 'upload';
}

/** A record as the API returns it: fields by name plus the system columns. */
export type RecordData = Record<string, unknown> & { id?: string; version?: number };

export interface ListPage {
  data: RecordData[];
  nextCursor: string | null;
  /** When asked for with `total=true`: how many records match across all pages. */
  total?: number;
}

/** application/problem+json */
export interface Problem {
  title: string;
  status: number;
  detail?: string;
  code?: string;
  errors?: { field: string; message: string; code?: string }[];
}

export interface PlanStep {
  description: string;
  destructive: boolean;
  kind?: string;
  entity?: string;
  field?: string;
}

/** Records whose state a publish takes out of their lifecycle: they keep it and are listed. */
export interface OrphanedState {
  lifecycle: string;
  entity: string;
  field: string;
  state: string;
  count: number;
  /** The first records (the count covers them all). */
  records: { id: string; title: string | null }[];
}

export interface Plan {
  destructive: boolean;
  steps: PlanStep[];
  orphanedStates?: OrphanedState[];
}

export interface HistoryEntry {
  version: number;
  author: { id: string; name: string };
  at: string;
  message?: string;
  publishedAt: string | null;
  summary?: { added: number; removed: number; replaced: number; documents: string[]; items?: ChangeItem[] };
}

/** One readable line of what a version changed: a document, or one field of an entity. */
export interface ChangeItem {
  action: 'added' | 'changed' | 'removed';
  kind: string;
  name: string;
  field?: string;
}

/** One entry of GET /api/records/:entity/:id/history: who did what, when, and each field's old and new value. */
export interface RecordHistoryEntry {
  id: number;
  /** create, update, delete, restore, transition:<name> or action:<name>. */
  action: string;
  actorId: string | null;
  /** Who acted, by name (a person or a service account); null for the system. */
  actorName?: string | null;
  actorKind?: 'person' | 'service' | null;
  at: string;
  changes: Record<string, [unknown, unknown]>;
}

/** One transition of GET /api/records/:entity/:id/transitions. */
export interface TransitionOption {
  name: string;
  label?: Label;
  field: string;
  from: string[];
  to: string;
  allowed: boolean;
  /** Why not, when not allowed. */
  reason?: string;
  /** The fields it asks for (a dialog), `required` ones needing a value. */
  fields?: { field: string; required?: boolean }[];
  /** An irreversible step: ask first. */
  confirm?: boolean;
}

/** POST /api/records/:entity/import: what was (or would be) written and every bad row. */
export interface ImportReport {
  created: number;
  updated: number;
  failed: number;
  errors: { line: number; field: string; message: string }[];
  committed: boolean;
  dryRun: boolean;
  ignoredColumns?: string[];
  /** false when the admin imported without starting workflows. */
  workflows?: boolean;
  /** With the duplicates option: new rows matching records by the entity's duplicate rules. */
  duplicates?: { line: number; ids: string[]; skipped: boolean }[];
  skipped?: number;
}
