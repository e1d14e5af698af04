import { invalidInput } from '../errors.js';
import type { SqlFragment } from '../rules/index.js';
import { addDays, startOfDayIn, weekdayOf } from '../time/index.js';
import type { Granularity, GroupPart } from './report-parts.js';

/** Group key → the value of one cell. */
export type Drill = Record<string, unknown>;

/** The rows of one cell: each drilled group equal to its value (NULL-safe). */
export const drillWhere = (drill: Drill, groups: GroupPart[]): SqlFragment[] => {
  if (typeof drill !== 'object' || drill === null || Array.isArray(drill)) throw invalidInput('drill must be an object of group → value', [{ field: 'drill', message: 'expected an object' }]);
  return Object.entries(drill).map(([key, value]) => {
    const g = groups.find((x) => x.key === key);
    if (!g) throw invalidInput(`"${key}" is not a group of this report`, [{ field: `drill/${key}`, message: 'not a group', code: 'UNKNOWN_GROUP' }]);
    return value === null ? { sql: `(${g.expr.sql}) is null`, bindings: g.expr.bindings } : { sql: `cast(${g.expr.sql} as text) = ?`, bindings: [...g.expr.bindings, String(value)] };
  });
};

/** The first and the day after the last day of a time bucket label, or undefined. */
const bucketRange = (label: string, granularity: Granularity): [string, string] | undefined => {
  const d = (y: number, m: number, day = 1) => {
    const yy = y + Math.floor(m / 12);
    return addDays(`${String(yy).padStart(4, '0')}-${String((m % 12) + 1).padStart(2, '0')}-01`, day - 1);
  };
  let m: RegExpExecArray | null;
  if (granularity === 'year' && (m = /^(\d{4})$/.exec(label))) return [d(+m[1], 0), d(+m[1] + 1, 0)];
  if (granularity === 'quarter' && (m = /^(\d{4})-Q([1-4])$/.exec(label))) return [d(+m[1], (+m[2] - 1) * 3), d(+m[1], +m[2] * 3)];
  if (granularity === 'month' && (m = /^(\d{4})-(\d{2})$/.exec(label))) return [d(+m[1], +m[2] - 1), d(+m[1], +m[2])];
  if (granularity === 'day' && (m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(label))) return [label, d(+m[1], +m[2] - 1, +m[3] + 1)];
  if (granularity === 'week' && (m = /^(\d{4})-W(\d{2})$/.exec(label))) {
    const jan4 = `${m[1]}-01-04`;
    const monday = addDays(jan4, -((weekdayOf(jan4) + 6) % 7) + (+m[2] - 1) * 7);
    return [monday, addDays(monday, 7)];
  }
  return undefined;
};

/** The json-logic that lists one row's records: the report's filter and each group's value. */
export const drillFilter = (reportFilter: unknown, row: Record<string, unknown>, groups: GroupPart[]): unknown => {
  const parts: unknown[] = reportFilter === undefined ? [] : [reportFilter];
  for (const g of groups) {
    const value = row[g.key];
    const days = g.granularity && typeof value === 'string' ? bucketRange(value, g.granularity) : undefined;
    // A datetime bucket is the instants from its first day's start in the zone to the next's.
    const range = days && g.zone ? days.map((day) => startOfDayIn(day, g.zone!).toISOString()) : days;
    if (range) parts.push({ '>=': [{ var: g.field }, range[0]] }, { '<': [{ var: g.field }, range[1]] });
    else parts.push({ '==': [{ var: g.field }, value ?? null] });
  }
  return parts.length === 1 ? parts[0] : { and: parts };
};
