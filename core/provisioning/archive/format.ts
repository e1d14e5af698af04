/**
 * The tenant archive: gzip'd NDJSON, one JSON value a line.
 *
 *   {"format":"crm-tenant-archive","version":1, …header}          the first line
 *   {"section":"system|tenant|entity","table":"…","columns":[…]}   starts a table
 *   ["<text>", null, …]                                           one row of it, every value as Postgres prints it
 *   {"end":true,"rows":<total>}                                   the last line: a file without it was cut short
 *
 * Values are the columns' text forms (`value::text`), so numbers keep every digit, bytes
 * are `\x…` hex and timestamps carry their offset; a restore casts each back to its column's type.
 */
export const ARCHIVE_FORMAT = 'crm-tenant-archive';
/**
 * The archive's version: raised when an archive carries something an older engine cannot
 * read (it refuses a newer version with a clear message instead of an unknown table).
 * 1: the first. 2: approvers' out-of-office delegations (`_wf_delegations`). This engine reads
 * every version up to its own.
 */
export const ARCHIVE_VERSION = 2;

export type SectionKind = 'system' | 'tenant' | 'entity';

export interface ArchiveColumn {
  name: string;
  /** As format_type prints it. */
  type: string;
  /** Stable id from the column comment (entity tables). */
  id?: string;
}

export interface ArchiveHeader {
  format: typeof ARCHIVE_FORMAT;
  version: number;
  engineVersion: string;
  exportedAt: string;
  /** The archive holds password hashes, files and every record: keep it as secret as the database. */
  secret: true;
  tenant: { slug: string; name: string; status: string; publishedVersion: number; schemaVersion: number };
  /** Rows per table, keyed `<section>:<table>`. */
  counts: Record<string, number>;
}

export interface SectionLine {
  section: SectionKind;
  table: string;
  /** Stable id from the table comment (entity tables). */
  id?: string;
  columns: ArchiveColumn[];
  rows: number;
}

export interface EndLine {
  end: true;
  rows: number;
}

export type ArchiveRow = (string | null)[];

/**
 * Engine tables (crm_system) holding the tenant's rows, in load order; `tenant_id` is left
 * out and set on restore. Portal users move like staff users (password hashes included);
 * sessions, API keys and portal sign-in links (tokens) stay behind. Plugin packages uploaded
 * to the tenant and its modules move with it (an installed uploaded plugin needs its package).
 */
export const SYSTEM_TABLES = ['users', 'portal_users', 'uploaded_plugins', 'plugin_installs', 'metadata_documents', 'metadata_versions', 'metadata_modules', 'metadata_module_documents'] as const;

/** Engine tables whose ids may be taken in the target database (an import beside the source): such ids are renewed. */
export const RENEWED_ID_TABLES = ['users', 'portal_users'] as const;

/** The tenant schema's own tables that move with it, in load order (entity tables follow). */
export const TENANT_TABLES = ['_users', '_counters', '_counter_log', '_files', '_saved_views', '_plugin_documents', '_wf_state', '_history', '_notifications', '_mail_settings', '_mail_messages', '_mail_links', '_mail_opt_outs', '_webhooks', '_settings', '_shares', '_busy_slots', '_wf_delegations'] as const;

/**
 * The tenant schema's own tables that stay behind: workflow runs in flight and their
 * journal (a restore must not resume or repeat them), stored answers of idempotent
 * requests (kept 24 h for retries against the source), and the live events of the last
 * minutes (streams of the source resume there; the copy starts its own) and the record
 * change feed's cursors (devices of the source resync from scratch against the copy), and
 * the records each user opened last (a convenience of the source).
 * Approvers' out-of-office delegations move (archive version 2): the users they name come
 * along, renewed ids included, so the delegate stands in at the target as at the source.
 */
export const TENANT_TABLES_LEFT_OUT = ['_wf_runs', '_wf_outbox', '_wf_steps', '_wf_approvals', '_wf_votes', '_idempotency_keys', '_webhook_deliveries', '_events', '_events_horizon', '_changes', '_recent_views'] as const;

export const countKey = (section: SectionKind, table: string): string => `${section}:${table}`;
