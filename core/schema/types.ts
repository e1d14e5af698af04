/**
 * Shapes of schema sync: the desired schema (from metadata), the actual one (from the
 * catalog) and the plan that turns one into the other.
 */

/** One SQL statement in knex raw syntax: `?` values, `??` identifiers. */
export interface SqlFragment {
  sql: string;
  bindings: readonly string[];
}

export type PlanStepKind =
  | 'create_table'
  | 'rename_table'
  | 'add_column'
  | 'rename_column'
  | 'change_type'
  | 'set_comment'
  | 'drop_foreign_key'
  | 'add_foreign_key'
  | 'rename_foreign_key'
  | 'drop_index'
  | 'rename_index'
  | 'create_index'
  | 'drop_column'
  | 'drop_table';

export interface PlanStep {
  kind: PlanStepKind;
  entity: string;
  field?: string;
  /** Plain words for the studio; never SQL. */
  description: string;
  destructive: boolean;
  /** Dry-run facts, e.g. rowsNotConverting, duplicateValues, rowsNotMatching. */
  details?: Record<string, unknown>;
  sql: SqlFragment[];
}

export interface SchemaPlan {
  steps: PlanStep[];
  destructive: boolean;
}

export type OnDelete = 'restrict' | 'set_null' | 'cascade';
export type IndexMethod = 'btree' | 'gin';

export interface DesiredColumn {
  name: string;
  /** SQL type as Postgres' format_type prints it, e.g. `numeric(18,4)`. */
  type: string;
  /** Stable id of the field, kept in the column comment. */
  id?: string;
  /** System columns (id, created_at, …) are only ever added, never altered. */
  system: boolean;
  /** Column options for system columns, e.g. `not null default now()`. */
  options?: string;
}

export interface DesiredIndex {
  name: string;
  columns: string[];
  unique: boolean;
  method: IndexMethod;
  /** Partial index predicate, fixed text from the engine (never user input). */
  where?: string;
  /** Per column, whether it is kept descending (NULLs first); absent = all ascending. */
  descending?: boolean[];
  /** The operator class of every column, when not the type's default: `gin_trgm_ops` (pg_trgm) for substring search. */
  opclass?: 'gin_trgm_ops';
}

export interface DesiredForeignKey {
  name: string;
  column: string;
  refTable: string;
  onDelete: OnDelete;
}

export interface DesiredTable {
  name: string;
  id?: string;
  columns: DesiredColumn[];
  indexes: DesiredIndex[];
  foreignKeys: DesiredForeignKey[];
}

export interface ActualColumn {
  name: string;
  type: string;
  id?: string;
  notNull: boolean;
}

export interface ActualIndex {
  name: string;
  /** Column names in key order; null for an expression. */
  columns: (string | null)[];
  unique: boolean;
  method: string;
  where?: string;
  /** Per column, whether it is kept descending. */
  descending?: boolean[];
  /** Per column, its operator class's name (e.g. `text_ops`, `gin_trgm_ops`). */
  opclasses?: string[];
  /** Backs a primary key or a constraint: never touched by the planner. */
  constraint: boolean;
}

export interface ActualForeignKey {
  name: string;
  columns: string[];
  refTable: string;
  onDelete: OnDelete | 'no_action' | 'set_default';
}

export interface ActualTable {
  name: string;
  id?: string;
  columns: ActualColumn[];
  indexes: ActualIndex[];
  foreignKeys: ActualForeignKey[];
}
