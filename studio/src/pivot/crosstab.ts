import type { PivotAnswer } from './pivot-api.js';

/** One line of the crosstab: its row members (shorter on a subtotal) and a value per column and measure. */
export interface CrossLine {
  key: string;
  row: unknown[];
  subtotal: boolean;
  values: (number | null)[];
}

export interface Crosstab {
  /** Column members in order: each level's subtotal after its members, the total last. */
  columns: unknown[][];
  lines: CrossLine[];
}

const keyOf = (xs: unknown[]): string => JSON.stringify(xs);

/**
 * Lays a pivot's cells out as a table: one line per row member as the server ordered them,
 * and for each column member (taken from the grand total line, which has them all in order)
 * one value per measure. Missing cells are null.
 */
export const crosstab = (p: PivotAnswer): Crosstab => {
  const cols = new Map<string, unknown[]>();
  for (const c of [...p.cells].sort((a, b) => a.row.length - b.row.length)) cols.set(keyOf(c.col), c.col);
  const columns = [...cols.values()];
  const byLine = new Map<string, { row: unknown[]; cells: Map<string, Record<string, number | null>> }>();
  for (const c of p.cells) {
    const k = keyOf(c.row);
    if (!byLine.has(k)) byLine.set(k, { row: c.row, cells: new Map() });
    byLine.get(k)!.cells.set(keyOf(c.col), c.values);
  }
  const lines = [...byLine.entries()].map(([key, { row, cells }]) => ({
    key,
    row,
    subtotal: row.length < p.rows.length,
    values: columns.flatMap((col) => p.measures.map((m) => cells.get(keyOf(col))?.[m.key] ?? null)),
  }));
  return { columns, lines };
};

/** An axis item's dimension and level ("time:quarter" → time, quarter). */
export const parseItem = (item: string): { dimension: string; level?: string } => {
  const [dimension, level] = item.split(':');
  return { dimension, level };
};

/** The axis item one level down (drill down) or up (roll up) its hierarchy; undefined past the ends. */
export const stepLevel = (item: string, levels: string[], by: 1 | -1): string | undefined => {
  const { dimension, level } = parseItem(item);
  const i = level ? levels.indexOf(level) : 0;
  const next = levels[i + by];
  return next === undefined ? undefined : `${dimension}:${next}`;
};
