import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';

/** Where the JSON Schemas of every metadata kind live (metadata/schemas). */
export const SCHEMA_DIR = fileURLToPath(new URL('../../metadata/schemas/', import.meta.url));

/** Schemas that describe a whole document, by the kind they describe; `plugin` is plugin.json. */
export const DOCUMENT_SCHEMAS = {
  entity: 'entity.schema.json',
  dictionary: 'dictionary.schema.json',
  form: 'form.schema.json',
  view: 'view.schema.json',
  lifecycle: 'lifecycle.schema.json',
  workflow: 'workflow.schema.json',
  role: 'role.schema.json',
  report: 'report.schema.json',
  dashboard: 'dashboard.schema.json',
  email_template: 'email-template.schema.json',
  home_tile: 'home-tile.schema.json',
  plugin: 'plugin.schema.json',
} as const;

export type SchemaKind = keyof typeof DOCUMENT_SCHEMAS;

/** Every schema file, shared definitions first. */
export const SCHEMA_FILES: string[] = ['common.schema.json', ...Object.values(DOCUMENT_SCHEMAS)];

export type JsonSchema = Record<string, unknown>;

export const readSchema = (file: string): JsonSchema => JSON.parse(readFileSync(join(SCHEMA_DIR, file), 'utf8')) as JsonSchema;
