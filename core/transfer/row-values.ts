import type { EffectiveMeta } from '../metadata/types.js';
import type { RecordData } from '../records/types.js';
import { parseCell, parseUuidCell, type Parsed } from './cell-values.js';
import type { ImportPlan } from './import-columns.js';
import type { RowError } from './import-report.js';
import type { RecordLookup } from './record-lookup.js';
import type { SourceRow } from './source-row.js';
import { referenceLookups, resolveReference } from './resolve-references.js';

export interface RowValues {
  /** What the record service gets: one entry per written column whose cell could be read. */
  values: RecordData;
  /** The row's upsert key value (null or undefined: create). */
  key?: unknown;
  errors: RowError[];
}

/** The value of the key column of a row, as the key field stores it. */
const keyOf = (plan: ImportPlan, row: SourceRow): Parsed | undefined => {
  if (!plan.key) return undefined;
  const raw = row.cells[plan.key.index] ?? '';
  return plan.key.def ? parseCell(plan.key.def, raw) : parseUuidCell(raw);
};

/** Whether a row has nothing in it (spreadsheets leave such rows at the end). */
export const isBlankRow = (row: SourceRow): boolean => row.cells.every((c) => c.trim() === '');

/** Looks up, in a few queries, every record the rows of a batch name: references and upsert keys. */
export const prefetchRows = async (rows: SourceRow[], plan: ImportPlan, entity: string, lookup: RecordLookup, meta: EffectiveMeta): Promise<void> => {
  const wanted = new Map<string, { entity: string; field: string; values: unknown[] }>();
  const want = (target: string, field: string, value: unknown) => {
    const k = `${target}.${field}`;
    const w = wanted.get(k) ?? { entity: target, field, values: [] };
    w.values.push(value);
    wanted.set(k, w);
  };
  for (const row of rows) {
    plan.columns.forEach((c, i) => {
      if (c.kind === 'reference') for (const l of referenceLookups(c, row.cells[i] ?? '', meta)) want(c.target, l.field, l.value);
    });
    const key = keyOf(plan, row);
    if (plan.key && key && 'value' in key && key.value !== null) want(entity, plan.key.field, key.value);
  }
  for (const w of wanted.values()) await lookup.prefetch(w.entity, w.field, w.values);
};

/**
 * A row's cells as record values: each parsed by its field's type, references resolved
 * by their key. Every cell that cannot be read becomes an error naming its column.
 */
export const rowValues = async (row: SourceRow, plan: ImportPlan, lookup: RecordLookup, meta: EffectiveMeta): Promise<RowValues> => {
  const { line, cells } = row;
  if (cells.length !== plan.columns.length) {
    return { values: {}, errors: [{ line, field: '', message: `has ${cells.length} cells; the header has ${plan.columns.length}` }] };
  }
  const values: RecordData = {};
  const errors: RowError[] = [];
  for (const [i, c] of plan.columns.entries()) {
    if (c.kind === 'ignored') continue;
    const raw = cells[i];
    const parsed = c.kind === 'value' ? parseCell(c.def, raw) : c.kind === 'owner' ? parseUuidCell(raw) : await resolveReference(c, raw, lookup, meta);
    if ('error' in parsed) errors.push({ line, field: c.name, message: parsed.error });
    else values[c.field] = parsed.value;
  }
  const key = keyOf(plan, row);
  // A key column that is also written reports its bad cell once, above.
  if (key && 'error' in key && plan.columns[plan.key!.index].kind === 'ignored') errors.push({ line, field: plan.key!.field, message: key.error });
  return { values, key: key && 'value' in key ? key.value : undefined, errors };
};
