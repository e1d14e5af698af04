/**
 * How a column's values move from one SQL type to another: the USING expression
 * (knex raw, `??` stands for the column) and whether the change can lose or refuse
 * values (narrowing), in which case the plan counts the rows that would not convert.
 */
export interface Conversion {
  using: string;
  /** How many times the column identifier appears in `using`. */
  columnRefs: number;
  narrowing: boolean;
}

const NUMERIC = /^numeric(?:\((\d+),(\d+)\))?$/;
const INTEGER_DIGITS: Record<string, number> = { smallint: 5, integer: 10, bigint: 19 };

/** Digits before and after the point a numeric type holds; Infinity when unbounded. */
const digitsOf = (type: string): { whole: number; scale: number } | undefined => {
  if (type in INTEGER_DIGITS) return { whole: INTEGER_DIGITS[type], scale: 0 };
  const m = NUMERIC.exec(type);
  if (!m) return undefined;
  if (m[1] === undefined) return { whole: Infinity, scale: Infinity };
  return { whole: Number(m[1]) - Number(m[2]), scale: Number(m[2]) };
};

const isDateLike = (t: string): boolean => t === 'date' || t.startsWith('timestamp');

const widens = (from: string, to: string): boolean => {
  if (to === 'text' || to === 'jsonb') return true;
  if (from === 'text' && to === 'text[]') return true;
  if (from === 'date' && to === 'timestamp with time zone') return true;
  const a = digitsOf(from);
  const b = digitsOf(to);
  return !!a && !!b && b.whole >= a.whole && b.scale >= a.scale;
};

const usingFor = (from: string, to: string): Pick<Conversion, 'using' | 'columnRefs'> => {
  if (from === 'text[]' && to === 'text') return { using: `array_to_string(??, ', ')`, columnRefs: 1 };
  if (from === 'jsonb' && to === 'text') return { using: `(?? #>> '{}')`, columnRefs: 1 };
  if (from === 'text' && to === 'text[]') return { using: `case when ?? is null then null else array[??] end`, columnRefs: 2 };
  if (to === 'jsonb') return { using: `to_jsonb(??)`, columnRefs: 1 };
  const direct =
    from === 'text' || to === 'text' || (digitsOf(from) && digitsOf(to)) || (isDateLike(from) && isDateLike(to));
  return { using: direct ? `??::${to}` : `??::text::${to}`, columnRefs: 1 };
};

/** The conversion from one column type to another; null when they are the same. */
export const conversionOf = (from: string, to: string): Conversion | null => {
  if (from === to) return null;
  return { ...usingFor(from, to), narrowing: !widens(from, to) };
};
