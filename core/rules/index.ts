/**
 * The one rule language of the engine: json-logic evaluated in memory and compiled to
 * SQL with the same semantics (see semantics.ts). Browser-safe: no Node imports.
 */
export type { Rule, SqlFragment, ValueType, ColumnType, ResolvedVar, SqlScope, RuleProblem, RuleOperator } from './types.js';
export { RuleError } from './types.js';
export { evaluateRule, ruleAccepts } from './evaluate.js';
export { compilePredicate, compileCondition, compileExpression } from './compile-sql.js';
export { checkRule, collectVars, type CheckOptions } from './check-rule.js';
export { registerOperator, isKnownOperator, hasSqlForm } from './operators.js';
