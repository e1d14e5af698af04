import type { BusinessCalendar } from '../time/index.js';
export type Rule = unknown;
/** knex raw syntax: `?` is a value binding, `??` an identifier binding (knex quotes it). */
export interface SqlFragment {
  sql: string;
  bindings: unknown[];
}
export type ValueType = 'text' | 'number' | 'boolean' | 'date' | 'datetime' | 'text_array' | 'json' | 'uuid' | 'unknown';
export interface ResolvedVar extends SqlFragment {
  type: ValueType;
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
