/**
 * Metadata types shared by the engine. The JSON Schemas in metadata/schemas are the
 * source of truth; the document types are generated from them into
 * core/metadata/generated (npm run metadata:types) and re-exported here under stable names.
 */
import type { EntityDocument, Label } from './generated/entity.js';
import type { DictionaryDocument } from './generated/dictionary.js';

export type {
  AttachmentField,
  AutoNumberField,
  BooleanField,
  DateField,
  DuplicateRule,
  EntityDocument,
  EnumField,
  EnumOption,
  FieldBase,
  FieldDefinition,
  FormulaField,
  JsonField,
  JsonLogic,
  Label,
  ManyToManyField,
  NumberField,
  ReferenceField,
  RollupField,
  SharingRule,
  TextField,
  UserField,
  ValidationRule,
} from './generated/entity.js';
export type { DictionaryDocument, DictionaryItem } from './generated/dictionary.js';
export type { FormDocument, FormField, FormItem, FormSection, FormTab, RelatedList, SortOrder } from './generated/form.js';
export type { CalendarOptions, KanbanOptions, ViewColumn, ViewDocument } from './generated/view.js';
export type { LifecycleDocument, Transition } from './generated/lifecycle.js';
export type { WorkflowDocument, WorkflowStep, WorkflowTrigger } from './generated/workflow.js';
export type { EntityAccess, RoleDocument, Scope } from './generated/role.js';
export type { ChartOptions, ReportDimension, ReportDocument, ReportGroup, ReportMeasure } from './generated/report.js';
export type { DashboardDocument, DashboardWidget } from './generated/dashboard.js';
export type { DemoUser, PluginManifest } from './generated/plugin.js';
export type { EmailTemplateDocument, EmailTemplateTexts } from './generated/email_template.js';
export type { HomeTileDocument } from './generated/home_tile.js';

export type Locale = keyof Label;
export type FieldType = import('./generated/entity.js').FieldDefinition['type'];

export type MetadataKind = 'entity' | 'form' | 'view' | 'lifecycle' | 'workflow' | 'role' | 'report' | 'dashboard' | 'dictionary' | 'email_template' | 'home_tile';
export const METADATA_KINDS: MetadataKind[] = ['entity', 'form', 'view', 'lifecycle', 'workflow', 'role', 'report', 'dashboard', 'dictionary', 'email_template', 'home_tile'];

/** Any metadata document: its kind and name, plus the rest of its shape. */
export interface MetadataDocument { kind: MetadataKind; name: string; id?: string; [key: string]: unknown }

/** The metadata in force for one tenant: system → plugins → tenant layers merged. */
export interface EffectiveMeta {
  entities: Record<string, EntityDocument>;
  dictionaries: Record<string, DictionaryDocument>;
  /** Every document by kind and name, entities and dictionaries included. */
  documents: Record<MetadataKind, Record<string, MetadataDocument>>;
  /** The layer that owns each document by `<kind>/<name>`: `system`, `plugin:<name>` or `tenant`. */
  owner?: Record<string, string>;
}
