import type { EntityDocument } from '../metadata/types.js';
import { invalidInput } from '../errors.js';
import { RuleError, checkRule, compileCondition, type SqlFragment, type SqlScope } from '../rules/index.js';

const parse = (filter: unknown): unknown => {
  if (typeof filter !== 'string') return filter;
  try {
    return JSON.parse(filter);
  } catch {
    throw invalidInput('The filter is not valid JSON', [{ field: 'filter', message: 'is not valid JSON', code: 'INVALID_JSON' }]);
  }
};

const problems = (e: RuleError, entity: EntityDocument) =>
  invalidInput(
    `Invalid filter on ${entity.name}: ${e.problems.map((p) => p.message).join('; ')}`.slice(0, 500),
    e.problems.map((p) => ({ field: `filter${p.pointer}`, message: p.message, code: 'INVALID_FILTER' })),
  );

/** A json-logic filter as a SQL predicate over the entity (unknown fields and operators → one 400 naming them). */
export const compileFilter = (filter: unknown, entity: EntityDocument, scope: SqlScope): SqlFragment | undefined => {
  const rule = parse(filter);
  if (rule === undefined || rule === null || (typeof rule === 'object' && !Array.isArray(rule) && !Object.keys(rule).length)) return undefined;
  const found = checkRule(rule, { sql: true, knownVar: (path) => path.startsWith('$old.') ? false : scope.resolveVar(path) !== undefined });
  if (found.length) throw problems(new RuleError(found), entity);
  try {
    return compileCondition(rule, scope);
  } catch (e) {
    if (e instanceof RuleError) throw problems(e, entity);
    throw e;
  }
};
