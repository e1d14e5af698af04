import type { FieldDefinition } from '../api/types.js';

export type Combinator = 'and' | 'or';
export type Operator =
  | 'eq' | 'ne' | 'contains' | 'not_contains' | 'starts_with' | 'ends_with'
  | 'gt' | 'gte' | 'lt' | 'lte' | 'in' | 'not_in' | 'includes'
  | 'empty' | 'not_empty' | 'is_true' | 'is_false';

/** One condition of the builder: a field, an operator and (for most operators) a value. */
export interface FilterRow {
  field: string;
  op: Operator;
  value?: unknown;
}

export interface FilterState {
  combinator: Combinator;
  rows: FilterRow[];
}

type Logic = Record<string, unknown>;

const TEXT: Operator[] = ['contains', 'not_contains', 'eq', 'ne', 'starts_with', 'ends_with', 'empty', 'not_empty'];
const NUMBER: Operator[] = ['eq', 'ne', 'gt', 'gte', 'lt', 'lte', 'empty', 'not_empty'];
const DATE: Operator[] = ['eq', 'gt', 'gte', 'lt', 'lte', 'empty', 'not_empty'];
const DATETIME: Operator[] = ['gt', 'gte', 'lt', 'lte', 'empty', 'not_empty'];

/** The type a field's values have when filtering (a formula's result type, a roll-up's number…). */
export const valueType = (field: FieldDefinition): string => {
  if (field.type === 'formula') return field.resultType ?? 'text';
  if (field.type === 'rollup') return 'decimal';
  if (field.type === 'auto_number') return 'text';
  return field.type;
};

/** The operators that make sense for a field, the default first; none for JSON, attachments and many-to-many. */
export const operatorsFor = (field: FieldDefinition): Operator[] => {
  switch (valueType(field)) {
    case 'text': case 'long_text': case 'email': case 'phone': case 'url':
      return TEXT;
    case 'integer': case 'decimal': case 'currency': case 'percent':
      return NUMBER;
    case 'date':
      return DATE;
    case 'datetime':
      return DATETIME;
    case 'boolean':
      return ['is_true', 'is_false'];
    case 'enum':
      return ['eq', 'ne', 'in', 'not_in', 'empty', 'not_empty'];
    case 'multi_enum':
      return ['includes', 'empty', 'not_empty'];
    case 'reference': case 'user':
      return ['eq', 'ne', 'empty', 'not_empty'];
    default:
      return [];
  }
};

const NO_VALUE: ReadonlySet<Operator> = new Set(['empty', 'not_empty', 'is_true', 'is_false']);
export const needsValue = (op: Operator): boolean => !NO_VALUE.has(op);

/** The field definition the value input is drawn with: a list of choices for "any of", one choice for "includes". */
export const valueField = (field: FieldDefinition, op: Operator): FieldDefinition => {
  if (op === 'in' || op === 'not_in') return { ...field, type: 'multi_enum' } as FieldDefinition;
  if (op === 'includes') return { ...field, type: 'enum' } as FieldDefinition;
  const type = valueType(field);
  if (['long_text', 'email', 'phone', 'url'].includes(type)) return { type: 'text' } as FieldDefinition;
  return type === field.type ? field : ({ type } as FieldDefinition);
};

const blank = (v: unknown): boolean => v === undefined || v === null || v === '' || (Array.isArray(v) && v.length === 0);

const COMPARE: Partial<Record<Operator, string>> = { eq: '==', ne: '!=', gt: '>', gte: '>=', lt: '<', lte: '<=' };
const TEXT_OPS: Partial<Record<Operator, string>> = { contains: 'contains', starts_with: 'starts_with', ends_with: 'ends_with' };

/** One row as json-logic, or undefined while it is incomplete (no field, or no value where one is needed). */
export const rowToLogic = (row: FilterRow): Logic | undefined => {
  if (!row.field) return undefined;
  const v = { var: row.field };
  if (needsValue(row.op) && blank(row.value)) return undefined;
  switch (row.op) {
    case 'empty': return { '==': [v, null] };
    case 'not_empty': return { '!=': [v, null] };
    case 'is_true': return { '==': [v, true] };
    case 'is_false': return { '==': [v, false] };
    case 'not_contains': return { '!': { contains: [v, row.value] } };
    case 'in': return { in: [v, row.value] };
    case 'not_in': return { '!': { in: [v, row.value] } };
    case 'includes': return { in: [row.value, v] };
    default: {
      const op = COMPARE[row.op] ?? TEXT_OPS[row.op];
      return op ? { [op]: [v, row.value] } : undefined;
    }
  }
};

/** The builder's rows as one json-logic rule (a single condition stands alone), or undefined when no row is complete. */
export const filterToLogic = (state: FilterState): Logic | undefined => {
  const parts = state.rows.map(rowToLogic).filter((p): p is Logic => Boolean(p));
  if (!parts.length) return undefined;
  return parts.length === 1 ? parts[0] : { [state.combinator]: parts };
};

const isObj = (v: unknown): v is Logic => typeof v === 'object' && v !== null && !Array.isArray(v);
const only = (l: unknown): [string, unknown] | undefined => (isObj(l) && Object.keys(l).length === 1 ? Object.entries(l)[0] : undefined);
const varName = (v: unknown): string | undefined => {
  const e = only(v);
  return e && e[0] === 'var' && typeof e[1] === 'string' ? e[1] : undefined;
};

const BY_SYMBOL: Record<string, Operator> = { '==': 'eq', '!=': 'ne', '>': 'gt', '>=': 'gte', '<': 'lt', '<=': 'lte', contains: 'contains', starts_with: 'starts_with', ends_with: 'ends_with' };

/** A rule back as a row, or undefined when it is not a shape the builder writes. */
export const logicToRow = (logic: unknown): FilterRow | undefined => {
  const e = only(logic);
  if (!e) return undefined;
  const [op, args] = e;
  if (op === '!') {
    const inner = logicToRow(args);
    if (inner?.op === 'contains') return { ...inner, op: 'not_contains' };
    if (inner?.op === 'in') return { ...inner, op: 'not_in' };
    return undefined;
  }
  if (!Array.isArray(args) || args.length !== 2) return undefined;
  const [a, b] = args;
  if (op === 'in') {
    const left = varName(a);
    if (left && Array.isArray(b)) return { field: left, op: 'in', value: b };
    const right = varName(b);
    return right && !isObj(a) ? { field: right, op: 'includes', value: a } : undefined;
  }
  const field = varName(a);
  if (!field || isObj(b) || Array.isArray(b) || !(op in BY_SYMBOL)) return undefined;
  if (b === null && (op === '==' || op === '!=')) return { field, op: op === '==' ? 'empty' : 'not_empty' };
  if (typeof b === 'boolean' && op === '==') return { field, op: b ? 'is_true' : 'is_false' };
  return { field, op: BY_SYMBOL[op], value: b };
};

/** A rule back as the builder's state, or undefined when the builder cannot show it. */
export const logicToFilter = (logic: unknown): FilterState | undefined => {
  if (logic === undefined || logic === null) return { combinator: 'and', rows: [] };
  const e = only(logic);
  if (e && (e[0] === 'and' || e[0] === 'or') && Array.isArray(e[1])) {
    const rows = e[1].map(logicToRow);
    return rows.every(Boolean) ? { combinator: e[0], rows: rows as FilterRow[] } : undefined;
  }
  const row = logicToRow(logic);
  return row ? { combinator: 'and', rows: [row] } : undefined;
};

/** Both rules must hold (the view's own filter and the user's), leaving out what is missing. */
export const allOf = (...rules: unknown[]): unknown => {
  const present = rules.filter((r) => r !== undefined && r !== null);
  return present.length === 0 ? undefined : present.length === 1 ? present[0] : { and: present };
};

/** The `filter` query parameter as a rule (undefined when absent or not JSON). */
export const parseFilterParam = (raw: unknown): unknown => {
  if (typeof raw !== 'string' || !raw) return undefined;
  try {
    return JSON.parse(raw);
  } catch {
    return undefined;
  }
};
