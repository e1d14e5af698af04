import { customOperator, hasSqlForm, joinSql as cat } from './operators.js';
import { todayOf } from './semantics.js';
import { RuleError, type ColumnType, type ResolvedVar, type Rule, type SqlFragment, type SqlScope, type ValueType } from './types.js';

/** A compiled node; `literal` keeps a constant's value so a comparison can cast it to the other side's type. */
type Node = ResolvedVar;

const CASTS: Partial<Record<ValueType, string>> = { number: 'numeric', text: 'text', boolean: 'boolean', date: 'date', datetime: 'timestamptz', uuid: 'uuid' };

const constant = (value: unknown, type: ValueType): Node => {
  if (value === null || value === undefined) return { sql: 'null', bindings: [], type: 'unknown', literal: { value: null } };
  return { sql: `cast(? as ${CASTS[type] ?? 'text'})`, bindings: [value], type, literal: { value } };
};

const literalType = (v: unknown): ValueType => (typeof v === 'number' ? 'number' : typeof v === 'boolean' ? 'boolean' : 'text');

/** Whole-number column types and the values they hold. */
const WHOLE: Partial<Record<ColumnType, number>> = { bigint: Number.MAX_SAFE_INTEGER, integer: 2 ** 31 - 1 };

/**
 * How a fraction compared with a whole-number column becomes a whole number without
 * changing the answer (x > 2.5 is x > 2, x >= 2.5 is x >= 3), by the operator read with
 * the column on its left; none for equality (no whole number equals 2.5).
 */
type Rounding = 'floor' | 'ceil' | undefined;
const FLIP: Record<string, string> = { '<': '>', '<=': '>=', '>': '<', '>=': '<=' };
const roundingOf = (op: string | undefined, columnOnLeft: boolean): Rounding => {
  const o = op && !columnOnLeft ? (FLIP[op] ?? op) : op;
  return o === '>' || o === '<=' ? 'floor' : o === '<' || o === '>=' ? 'ceil' : undefined;
};

/** Marks a constant that no value of the column's type can equal (2.5 against a bigint column). */
const NONE: Node = { sql: 'null', bindings: [], type: 'unknown', literal: { value: undefined } };
const isNone = (n: Node): boolean => n === NONE;

/**
 * A constant compared with a whole-number column, cast to the column's own type: a
 * number or numeric text (json-logic compares 3 == '3' as numbers) becomes the whole
 * number the comparison means; undefined when it is not a number json-logic would
 * compare (the constant then keeps the general cast).
 */
const wholeConstant = (value: unknown, column: ColumnType, rounding: Rounding): Node | undefined => {
  if (typeof value !== 'number' && typeof value !== 'string') return undefined;
  const n = Number(value);
  if (!Number.isFinite(n)) return undefined;
  const whole = Number.isInteger(n) ? n : rounding === 'floor' ? Math.floor(n) : rounding === 'ceil' ? Math.ceil(n) : undefined;
  if (whole === undefined) return NONE;
  if (Math.abs(whole) > WHOLE[column]!) return undefined;
  return { sql: `cast(? as ${column})`, bindings: [whole], type: 'number', literal: { value: whole } };
};

/**
 * Casts a constant to the type of the other operand: to its column's own type when it
 * reads a column (so the column's index serves: `segment = cast(3 as bigint)`, never a
 * cast of the column), else a text constant to the other side's value type (a date
 * expression compared with '2024-01-01').
 */
const recast = (lit: Node, other: Node, rounding: Rounding): Node => {
  if (!lit.literal || lit.literal.value === null || lit.literal.value === undefined) return lit;
  const value = lit.literal.value;
  if (other.columnType && WHOLE[other.columnType] !== undefined) {
    const whole = wholeConstant(value, other.columnType, rounding);
    if (whole) return whole;
  }
  return other.type !== lit.type && other.type in CASTS && other.type !== 'unknown' ? constant(value, other.type) : lit;
};

/** Both operands of a comparison `a op b`, each constant cast to the other side's type. */
const align = (a: Node, b: Node, op?: string): [Node, Node] => [recast(a, b, roundingOf(op, false)), recast(b, a, roundingOf(op, true))];

/** The value as a never-NULL SQL boolean, by json-logic's truthiness. */
export const truthySql = (n: Node): ResolvedVar => {
  switch (n.type) {
    case 'boolean':
      return cat(['coalesce(', n, ', false)'], 'boolean');
    case 'number':
      return cat(['coalesce(', n, ' <> 0, false)'], 'boolean');
    case 'text':
      return cat(['coalesce(', n, " <> '', false)"], 'boolean');
    case 'text_array':
      return cat(['coalesce(cardinality(', n, ') > 0, false)'], 'boolean');
    default:
      return cat(['(', n, ' is not null)'], 'boolean');
  }
};

type Compile = (rule: Rule, pointer: string) => Node;

const compareSql = (op: string, a: Node, b: Node): Node => {
  const [x, y] = align(a, b, op);
  if (isNone(x) || isNone(y)) return constant(op === '!=' || op === '!==', 'boolean');
  if (op === '==' || op === '===') return cat(['(', x, ' is not distinct from ', y, ')'], 'boolean');
  if (op === '!=' || op === '!==') return cat(['(', x, ' is distinct from ', y, ')'], 'boolean');
  // Text orders by code point, as in JavaScript, whatever the database's collation.
  const collate = x.type === 'text' || y.type === 'text' ? ' collate "C"' : '';
  return cat(['coalesce(', x, `${collate} ${op} `, y, `${collate}, false)`], 'boolean');
};

const args = (v: unknown): unknown[] => (Array.isArray(v) ? v : [v]);

const compileOp = (op: string, raw: unknown, pointer: string, compile: Compile, scope: SqlScope): Node => {
  const list = args(raw);
  const sub = (i: number) => compile(list[i], `${pointer}/${op}${Array.isArray(raw) ? `/${i}` : ''}`);
  const all = () => list.map((_, i) => sub(i));
  switch (op) {
    case 'var': {
      const path = list[0];
      if (typeof path !== 'string') throw new RuleError([{ pointer, message: 'var needs a field path' }]);
      if (path === '$now') return constant((scope.now ?? new Date()).toISOString(), 'datetime');
      if (path === '$today') return constant(todayOf(scope.now ?? new Date(), scope.timeZone), 'date');
      const v = scope.resolveVar(path);
      if (!v) throw new RuleError([{ pointer: `${pointer}/var`, message: `unknown field "${path}"` }]);
      if (list.length > 1 && list[1] !== null && list[1] !== undefined) {
        const d = constant(list[1], v.type === 'unknown' ? literalType(list[1]) : v.type);
        return cat(['coalesce(', v, ', ', d, ')'], v.type);
      }
      return v;
    }
    case '==': case '===': case '!=': case '!==': case '>': case '>=':
      return compareSql(op, sub(0), sub(1));
    case '<': case '<=': {
      if (list.length === 3) {
        const [a, b, c] = all();
        return cat(['(', compareSql(op, a, b), ' and ', compareSql(op, b, c), ')'], 'boolean');
      }
      return compareSql(op, sub(0), sub(1));
    }
    case '!':
      return cat(['(not ', truthySql(sub(0)), ')'], 'boolean');
    case '!!':
      return truthySql(sub(0));
    case 'and': case 'or': {
      const parts = all().map(truthySql);
      if (!parts.length) return constant(op === 'and', 'boolean');
      const out: (string | ResolvedVar)[] = ['('];
      parts.forEach((p, i) => out.push(...(i ? [` ${op} `, p] : [p])));
      return cat([...out, ')'], 'boolean');
    }
    case 'if': case '?:': {
      const parts = all();
      if (parts.length === 1) return parts[0];
      const out: (string | ResolvedVar)[] = ['(case'];
      let i = 0;
      for (; i + 1 < parts.length; i += 2) out.push(' when ', truthySql(parts[i]), ' then ', parts[i + 1]);
      out.push(' else ', i < parts.length ? parts[i] : 'null', ' end)');
      return cat(out, parts[1].type);
    }
    case '+': case '*': {
      const ps = all();
      if (ps.length === 1) return cat(['cast(', ps[0], ' as numeric)'], 'number');
      const out: (string | ResolvedVar)[] = ['('];
      ps.forEach((p, i) => out.push(...(i ? [` ${op} `, p] : [p])));
      return cat([...out, ')'], 'number');
    }
    case '-':
      return list.length === 1 ? cat(['(-', sub(0), ')'], 'number') : cat(['(', sub(0), ' - ', sub(1), ')'], 'number');
    case '/': case '%':
      return cat(['(', sub(0), ` ${op} nullif(`, sub(1), ', 0))'], 'number');
    case 'max': case 'min':
      return cat([op === 'max' ? 'greatest(' : 'least(', ...all().flatMap((p, i) => (i ? [', ', p] : [p])), ')'], 'number');
    case 'cat':
      return cat(['concat(', ...all().flatMap((p, i) => (i ? [', ', p] : [p])), ')'], 'text');
    case 'in': {
      const needle = sub(0);
      const hay = list[1];
      if (Array.isArray(hay)) {
        if (!hay.length) return constant(false, 'boolean');
        const items = hay.map((v, i) => align(needle, compile(v, `${pointer}/in/1/${i}`))[1]).filter((n) => !isNone(n));
        if (!items.length) return constant(false, 'boolean');
        return cat(['coalesce(', needle, ' in (', ...items.flatMap((p, i) => (i ? [', ', p] : [p])), '), false)'], 'boolean');
      }
      const h = sub(1);
      if (h.type === 'text_array') return cat(['coalesce(', recast(needle, h, undefined), ' = any(', h, '), false)'], 'boolean');
      return cat(['coalesce(strpos(', h, ', ', needle, ') > 0, false)'], 'boolean');
    }
    default: {
      const custom = customOperator(op);
      if (!custom?.sql || custom.inMemoryOnly) throw new RuleError([{ pointer, message: `"${op}" cannot be used in a database query` }]);
      return custom.sql(all(), scope);
    }
  }
};

const compileNode = (rule: Rule, pointer: string, scope: SqlScope): Node => {
  const compile: Compile = (r, p) => compileNode(r, p, scope);
  if (rule === null || typeof rule !== 'object') return constant(rule, literalType(rule));
  if (Array.isArray(rule)) throw new RuleError([{ pointer, message: 'a list is only allowed as the right side of "in"' }]);
  const keys = Object.keys(rule);
  if (keys.length !== 1) throw new RuleError([{ pointer, message: 'an operation has exactly one operator' }]);
  const op = keys[0];
  if (!hasSqlForm(op)) throw new RuleError([{ pointer, message: `"${op}" cannot be used in a database query` }]);
  return compileOp(op, (rule as Record<string, unknown>)[op], pointer, compile, scope);
};

const strip = (n: Node): ResolvedVar => ({ sql: n.sql, bindings: n.bindings, type: n.type });

/** A rule used as a condition: a SQL boolean that is never NULL. Throws RuleError. */
export const compilePredicate = (rule: Rule, scope: SqlScope): SqlFragment => {
  const { sql, bindings } = truthySql(compileNode(rule, '', scope));
  return { sql, bindings };
};

const RANGE = new Set(['<', '<=', '>', '>=']);

/**
 * A comparison where NULL may stand for false (WHERE, ON): the bare operator, which an
 * index can answer. `==` against a non-null constant is `=`; between two expressions it
 * stays `is not distinct from` (json-logic's null == null is true).
 */
const bareCompare = (op: string, a: Node, b: Node): ResolvedVar | undefined => {
  const [x, y] = align(a, b, op);
  if (isNone(x) || isNone(y)) return op === '==' || op === '===' ? constant(false, 'boolean') : undefined;
  if (op === '==' || op === '===') {
    if ((x.literal && x.literal.value !== null) || (y.literal && y.literal.value !== null)) return cat(['(', x, ' = ', y, ')'], 'boolean');
    return undefined;
  }
  if (!RANGE.has(op)) return undefined;
  const collate = x.type === 'text' || y.type === 'text' ? ' collate "C"' : '';
  return cat(['(', x, `${collate} ${op} `, y, `${collate})`], 'boolean');
};

/**
 * A node in a condition context: NULL counts as false (a WHERE drops the row either
 * way), so comparisons, `and`, `or` and `in` lists stay bare and sargable; anything
 * under `!` or of another kind takes the strict never-NULL form. NULL and false agree
 * through `and` and `or`, so the result selects exactly what the strict form selects.
 */
const conditionNode = (rule: Rule, pointer: string, scope: SqlScope): ResolvedVar => {
  const strict = () => truthySql(compileNode(rule, pointer, scope));
  if (rule === null || typeof rule !== 'object' || Array.isArray(rule) || Object.keys(rule).length !== 1) return strict();
  const op = Object.keys(rule)[0];
  const raw = (rule as Record<string, unknown>)[op];
  const list = args(raw);
  const at = (i: number) => `${pointer}/${op}${Array.isArray(raw) ? `/${i}` : ''}`;
  const node = (i: number) => compileNode(list[i], at(i), scope);
  if (op === 'and' || op === 'or') {
    if (!list.length) return strict();
    const parts = list.map((r, i) => conditionNode(r, at(i), scope));
    const out: (string | ResolvedVar)[] = ['('];
    parts.forEach((p, i) => out.push(...(i ? [` ${op} `, p] : [p])));
    return cat([...out, ')'], 'boolean');
  }
  if ((op === '<' || op === '<=') && list.length === 3) {
    const [a, b, c] = [node(0), node(1), node(2)];
    const left = bareCompare(op, a, b);
    const right = bareCompare(op, b, c);
    if (left && right) return cat(['(', left, ' and ', right, ')'], 'boolean');
    return strict();
  }
  if ((RANGE.has(op) || op === '==' || op === '===') && list.length === 2) return bareCompare(op, node(0), node(1)) ?? strict();
  if (op === 'in' && Array.isArray(list[1]) && list[1].length) {
    const needle = node(0);
    const items = (list[1] as unknown[]).map((v, i) => align(needle, compileNode(v, `${pointer}/in/1/${i}`, scope))[1]).filter((n) => !isNone(n));
    if (!items.length) return constant(false, 'boolean');
    return cat(['(', needle, ' in (', ...items.flatMap((p, i) => (i ? [', ', p] : [p])), '))'], 'boolean');
  }
  return strict();
};

/**
 * A rule used as a filter (WHERE, ON): selects exactly the rows compilePredicate selects,
 * but may yield NULL for false, which keeps comparisons on indexed columns sargable.
 * Throws RuleError.
 */
export const compileCondition = (rule: Rule, scope: SqlScope): SqlFragment => {
  const { sql, bindings } = conditionNode(rule, '', scope);
  return { sql, bindings };
};

/** A rule used as a value (a formula): a SQL expression and its type. Throws RuleError. */
export const compileExpression = (rule: Rule, scope: SqlScope): ResolvedVar => strip(compileNode(rule, '', scope));
