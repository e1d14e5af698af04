import type {
  DictionaryDocument,
  EntityDocument,
  FieldDefinition,
  FormDocument,
  Label,
  LifecycleDocument,
  ViewDocument,
} from '../../../core/metadata/types.js';

export type { DictionaryDocument, EntityDocument, FieldDefinition, FormDocument, Label, LifecycleDocument, ViewDocument };
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

/** GET /api/meta: the effective metadata that drives the app. */
export interface Meta {
  tenant: TenantInfo;
  user: SessionUser;
  entities: Record<string, EntityDocument>;
  dictionaries: Record<string, DictionaryDocument>;
  forms: Record<string, FormDocument>;
  views: Record<string, ViewDocument>;
  lifecycles: Record<string, LifecycleDocument>;
}

/** One line of GET /api/plugins. */
export interface PluginInfo {
  name: string;
  label: Label;
  description?: Label;
  status: 'installed' | 'uninstalled' | 'available';
  installedVersion: string | null;
  availableVersion: string;
}

/** A record as the API returns it: fields by name plus the system columns. */
export type RecordData = Record<string, unknown> & { id?: string; version?: number };

export interface ListPage {
  data: RecordData[];
  nextCursor: string | null;
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

export interface Plan {
  destructive: boolean;
  steps: PlanStep[];
}

export interface HistoryEntry {
  version: number;
  author: { id: string; name: string };
  at: string;
  message?: string;
  publishedAt: string | null;
  summary?: { added: number; removed: number; replaced: number; documents: string[] };
}
