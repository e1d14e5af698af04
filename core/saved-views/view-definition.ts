import { invalidInput, type FieldProblem } from '../errors.js';
import type { EntityDocument } from '../metadata/types.js';
import { userGuard } from '../records/access.js';
import { compileFilter } from '../records/compile-filter.js';
import { parseSort } from '../records/parse-sort.js';
import { projection } from '../records/projection.js';
import { newQueryState, recordScope } from '../records/record-scope.js';
import type { RecordContext } from '../records/types.js';

/** What a saved list view remembers. */
export interface ViewDefinition {
  filter?: unknown;
  sort?: string;
  columns?: string[];
  q?: string;
  pageSize?: number;
}

const KEYS = new Set(['filter', 'sort', 'columns', 'q', 'pageSize']);

const problemOf = (field: string, e: unknown): FieldProblem[] => {
  const errors = (e as { details?: { errors?: FieldProblem[] } }).details?.errors;
  return errors?.length ? errors.map((p) => ({ ...p, field: `definition/${field}` })) : [{ field: `definition/${field}`, message: (e as Error).message }];
};

/**
 * Checks a view definition the way a list would run it for this user: the filter compiles,
 * the sort and columns name fields the user may read, the rest is in range. Every problem
 * at once (400). Answers the definition with only the known keys.
 */
export const checkViewDefinition = (entity: EntityDocument, raw: unknown, ctx: RecordContext): ViewDefinition => {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) throw invalidInput('The view definition must be an object', [{ field: 'definition', message: 'expected an object' }]);
  const d = raw as Record<string, unknown>;
  const problems: FieldProblem[] = Object.keys(d).filter((k) => !KEYS.has(k)).map((k) => ({ field: `definition/${k}`, message: 'is not part of a view (filter, sort, columns, q, pageSize)' }));
  const scope = recordScope(entity, newQueryState(), ctx, userGuard(ctx));
  const attempt = (field: string, fn: () => void) => {
    try {
      fn();
    } catch (e) {
      problems.push(...problemOf(field, e));
    }
  };
  if (d.filter !== undefined) attempt('filter', () => compileFilter(d.filter, entity, scope));
  if (d.sort !== undefined) attempt('sort', () => (typeof d.sort === 'string' ? parseSort(d.sort, scope) : (() => { throw new Error('must be text like "-amount,name"'); })()));
  if (d.columns !== undefined) {
    if (!Array.isArray(d.columns) || !d.columns.every((c) => typeof c === 'string') || d.columns.length > 50) problems.push({ field: 'definition/columns', message: 'must be a list of at most 50 field names' });
    else attempt('columns', () => projection(entity, d.columns as string[], scope));
  }
  if (d.q !== undefined && (typeof d.q !== 'string' || d.q.length > 200)) problems.push({ field: 'definition/q', message: 'must be text of at most 200 characters' });
  if (d.pageSize !== undefined && !(Number.isInteger(d.pageSize) && (d.pageSize as number) >= 1 && (d.pageSize as number) <= 500)) problems.push({ field: 'definition/pageSize', message: 'must be a whole number from 1 to 500' });
  if (problems.length) throw invalidInput('The view is not valid', problems);
  return Object.fromEntries(Object.entries(d).filter(([k]) => KEYS.has(k))) as ViewDefinition;
};
