import jsonLogic from 'json-logic-js';
import { addBusinessHours, businessHoursBetween } from '../time/index.js';
import type { ResolvedVar, RuleOperator, SqlScope } from './types.js';
import { arithmetic, compare, dateAdd, daysBetween, isNil, looseEqual, textOp, timeOf } from './semantics.js';

/**
 * The operator registry. json-logic-js keeps one global table; this module is the only
 * code that writes to it: core's operators below replace json-logic's own where its
 * null handling differs from SQL, and plugins add operators through registerOperator.
 */
const custom = new Map<string, RuleOperator>();

/** json-logic's own operators this engine accepts, and which of them have no SQL form. */
export const BUILT_IN = new Set([
  'var', 'missing', 'missing_some', 'if', '?:', '==', '===', '!=', '!==', '!', '!!', 'or', 'and',
  '>', '>=', '<', '<=', 'max', 'min', '+', '-', '*', '/', '%', 'in', 'cat', 'substr', 'merge',
  'all', 'some', 'none', 'map', 'filter', 'reduce',
]);
export const IN_MEMORY_ONLY = new Set(['missing', 'missing_some', 'substr', 'merge', 'all', 'some', 'none', 'map', 'filter', 'reduce']);

export const isKnownOperator = (name: string): boolean => BUILT_IN.has(name) || custom.has(name);
export const hasSqlForm = (name: string): boolean =>
  custom.has(name) ? Boolean(custom.get(name)!.sql) && !custom.get(name)!.inMemoryOnly : BUILT_IN.has(name) && !IN_MEMORY_ONLY.has(name);
export const customOperator = (name: string): RuleOperator | undefined => custom.get(name);

export const registerOperator = (op: RuleOperator): void => {
  if (BUILT_IN.has(op.name)) throw new Error(`"${op.name}" is a built-in operator`);
  if (!/^[a-z][a-z0-9_]{0,62}$/.test(op.name)) throw new Error(`Operator name "${op.name}" is not valid`);
  custom.set(op.name, op);
  jsonLogic.add_operation(op.name, op.evaluate);
};

// json-logic's own operators, with SQL's null semantics.
const between = (op: '<' | '<=') => (a: unknown, b: unknown, c?: unknown) =>
  c === undefined ? compare(op, a, b) : compare(op, a, b) && compare(op, b, c);
jsonLogic.add_operation('<', between('<'));
jsonLogic.add_operation('<=', between('<='));
jsonLogic.add_operation('>', (a: unknown, b: unknown) => compare('>', a, b));
jsonLogic.add_operation('>=', (a: unknown, b: unknown) => compare('>=', a, b));
jsonLogic.add_operation('==', looseEqual);
jsonLogic.add_operation('!=', (a: unknown, b: unknown) => !looseEqual(a, b));
for (const op of ['+', '-', '*', '/', '%'] as const) jsonLogic.add_operation(op, (...args: unknown[]) => arithmetic(op, args));
const present = (args: unknown[]) => args.filter((a) => !isNil(a)) as number[];
jsonLogic.add_operation('max', (...args: unknown[]) => (present(args).length ? Math.max(...present(args)) : null));
jsonLogic.add_operation('min', (...args: unknown[]) => (present(args).length ? Math.min(...present(args)) : null));
jsonLogic.add_operation('cat', (...args: unknown[]) => args.map((a) => (isNil(a) ? '' : String(a))).join(''));
jsonLogic.add_operation('in', (a: unknown, b: unknown) => {
  if (isNil(a) || isNil(b)) return false;
  if (Array.isArray(b)) return b.some((x) => looseEqual(x, a));
  return String(b).includes(String(a));
});

const text = (frag: ResolvedVar, type: ResolvedVar['type'] = 'boolean'): ResolvedVar => ({ ...frag, type });
const cat = (parts: (string | ResolvedVar)[], type: ResolvedVar['type']): ResolvedVar => {
  let sql = '';
  const bindings: unknown[] = [];
  for (const p of parts) {
    if (typeof p === 'string') sql += p;
    else {
      sql += p.sql;
      bindings.push(...p.bindings);
    }
  }
  return text({ sql, bindings, type }, type);
};
export const joinSql = cat;

// Core's own operators: each with its in-memory form and its SQL form.
registerOperator({ name: 'contains', evaluate: (a, b) => textOp('contains', a, b), sql: ([a, b]) => cat(['coalesce(strpos(lower(', a, '), lower(', b, ')) > 0, false)'], 'boolean') });
registerOperator({ name: 'starts_with', evaluate: (a, b) => textOp('starts_with', a, b), sql: ([a, b]) => cat(['coalesce(strpos(lower(', a, '), lower(', b, ')) = 1, false)'], 'boolean') });
registerOperator({
  name: 'ends_with',
  evaluate: (a, b) => textOp('ends_with', a, b),
  sql: ([a, b]) => cat(['coalesce(right(lower(', a, '), length(', b, ')) = lower(', b, '), false)'], 'boolean'),
});
const zoneOf = (scope: SqlScope | undefined): string => scope?.timeZone ?? 'UTC';
const calendarOf = (scope: SqlScope | undefined): string => JSON.stringify(scope?.calendar ?? timeOf(null).calendar);
const zoneBinding = (scope: SqlScope | undefined): ResolvedVar => ({ sql: 'cast(? as text)', bindings: [zoneOf(scope)], type: 'text' });

/** The calendar day of a value in SQL as in memory: a date as it is, an instant (or instant text) in the tenant's zone. */
const daySql = (v: ResolvedVar, scope: SqlScope | undefined): ResolvedVar => {
  const zone = zoneBinding(scope);
  if (v.type === 'date') return cat(['cast(', v, ' as date)'], 'date');
  if (v.type === 'datetime') return cat(['cast((', v, ' at time zone ', zone, ') as date)'], 'date');
  return cat(['(case when cast(', v, " as text) ~ '^\\d{4}-\\d{2}-\\d{2}[T ]\\d' then cast((cast(cast(", v, ' as text) as timestamptz) at time zone ', zone, ') as date) else cast(cast(', v, ' as text) as date) end)'], 'date');
};

registerOperator({ name: 'days_between', evaluate: daysBetween, sql: ([a, b], scope) => cat(['(', daySql(b, scope), ' - ', daySql(a, scope), ')'], 'number') });
registerOperator({ name: 'date_add', evaluate: dateAdd, sql: ([d, n], scope) => cat(['(', daySql(d, scope), ' + cast(', n, ' as integer))'], 'date') });

// Business time over the tenant's calendar: the SQL functions come with tenant rung 011.
registerOperator({
  name: 'add_business_hours',
  evaluate: function (this: unknown, start: unknown, hours: unknown) {
    const t = timeOf(this);
    return addBusinessHours(start, hours, t.calendar, t.timeZone);
  },
  sql: ([start, hours], scope) =>
    cat(['_add_business_hours(cast(', start, ' as timestamptz), cast(', hours, ' as numeric), ', { sql: 'cast(? as jsonb)', bindings: [calendarOf(scope)], type: 'json' }, ', ', zoneBinding(scope), ')'], 'datetime'),
});
registerOperator({
  name: 'business_hours_between',
  evaluate: function (this: unknown, a: unknown, b: unknown) {
    const t = timeOf(this);
    return businessHoursBetween(a, b, t.calendar, t.timeZone);
  },
  sql: ([a, b], scope) =>
    cat(['_business_hours_between(cast(', a, ' as timestamptz), cast(', b, ' as timestamptz), ', { sql: 'cast(? as jsonb)', bindings: [calendarOf(scope)], type: 'json' }, ', ', zoneBinding(scope), ')'], 'number'),
});
registerOperator({
  name: 'changed',
  inMemoryOnly: true,
  evaluate: function (this: unknown, ...args: unknown[]) {
    return !looseEqual(args[0], args[1]);
  },
});
