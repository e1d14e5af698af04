import { SYSTEM_COLUMN_NAMES } from './system-columns.js';
import type { ActualColumn, ActualTable, DesiredColumn, DesiredTable } from './types.js';

export interface ColumnMatch {
  desired: DesiredColumn;
  actual?: ActualColumn;
}

export interface TableMatch {
  desired: DesiredTable;
  actual?: ActualTable;
  columns: ColumnMatch[];
  /** Columns of the actual table no live field claims: retired, data kept. */
  retired: ActualColumn[];
}

export interface SchemaMatch {
  tables: TableMatch[];
  /** Tables no live entity claims. */
  retiredTables: ActualTable[];
}

/**
 * Pairs desired items with actual ones: by stable id first (so a rename keeps data),
 * then by name among the ones still free (so re-adding a retired name brings its data back).
 */
const pair = <D extends { name: string; id?: string }, A extends { name: string; id?: string }>(desired: D[], actual: A[]) => {
  const claimed = new Set<A>();
  const matches = new Map<D, A>();
  for (const d of desired) {
    const a = d.id ? actual.find((x) => x.id === d.id && !claimed.has(x)) : undefined;
    if (a) {
      matches.set(d, a);
      claimed.add(a);
    }
  }
  for (const d of desired) {
    if (matches.has(d)) continue;
    const a = actual.find((x) => x.name === d.name && !claimed.has(x));
    if (a) {
      matches.set(d, a);
      claimed.add(a);
    }
  }
  return { matches, unclaimed: actual.filter((a) => !claimed.has(a)) };
};

const matchColumns = (desired: DesiredTable, actual: ActualTable | undefined): Pick<TableMatch, 'columns' | 'retired'> => {
  if (!actual) return { columns: desired.columns.map((d) => ({ desired: d })), retired: [] };
  const system = desired.columns.filter((c) => c.system);
  const fields = desired.columns.filter((c) => !c.system);
  const { matches, unclaimed } = pair(fields, actual.columns.filter((c) => !SYSTEM_COLUMN_NAMES.has(c.name)));
  const columns = desired.columns.map((d) => ({
    desired: d,
    actual: system.includes(d) ? actual.columns.find((a) => a.name === d.name) : matches.get(d),
  }));
  return { columns, retired: unclaimed };
};

export function matchSchema(desired: DesiredTable[], actual: ActualTable[]): SchemaMatch {
  const { matches, unclaimed } = pair(desired, actual);
  const tables = desired.map((d) => {
    const a = matches.get(d);
    return { desired: d, actual: a, ...matchColumns(d, a) };
  });
  return { tables, retiredTables: unclaimed };
}
