import type { BusinessCalendar } from '../time/index.js';
export type Rule = unknown;
/** knex raw syntax: `?` is a value binding, `??` an identifier binding (knex quotes it). */
export interface SqlFragment {
  sql: string;
  bindings: unknown[];
}
export type ValueType = 'text' | 'number' | 'boolean' | 'date' | 'datetime' | 'text_array' | 'json' | 'uuid' | 'unknown';
/** The Postgres type of a column a rule reads (numeric columns of any precision are `numeric`). */
export type ColumnType = 'bigint' | 'integer' | 'numeric' | 'date' | 'timestamptz' | 'text' | 'boolean' | 'uuid';
export interface ResolvedVar extends SqlFragment {
  type: ValueType;
  /**
   * The type of the column this reads, when it is a plain column: a constant compared
   * with it is cast to this type (never the column to the constant's), so an index on
   * the column can answer the comparison.
   */
  columnType?: ColumnType;
  /** A constant's value (a literal, `$user.<key>`), so a comparison can cast it to the other side's column type. */
  literal?: { value: unknown };
}
export interface SqlScope {
  /** SQL for a variable path ('amount', 'account.region', '$user.id'); undefined = unknown variable. */
  resolveVar(path: string): ResolvedVar | undefined;
  /** The clock for $now / $today. Default: new Date(). */
  now?: Date;
  /** The tenant's IANA zone for $today and calendar days (default UTC). */
  timeZone?: string;
  /** The tenant's business calendar for business-hours operators (default: weekdays 9–18). */
  calendar?: BusinessCalendar;
}
/** pointer is a JSON pointer into the rule, e.g. "/and/1/==/0". */
export interface RuleProblem {
  pointer: string;
  message: string;
}
export class RuleError extends Error {
  readonly problems: RuleProblem[];
  constructor(problems: RuleProblem[]) {
    super(problems.map((p) => `${p.pointer || '/'}: ${p.message}`).join('; '));
    this.name = 'RuleError';
    this.problems = problems;
  }
}
/** A custom operator with an in-memory form and (optionally) a SQL form. */
export interface RuleOperator {
  name: string;
  evaluate: (...args: unknown[]) => unknown;
  sql?: (args: ResolvedVar[], scope?: SqlScope) => ResolvedVar;
  inMemoryOnly?: boolean;
}
