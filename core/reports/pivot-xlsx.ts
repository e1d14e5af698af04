import ExcelJS from 'exceljs';
import type { Label, Locale } from '../metadata/types.js';
import type { PivotAnswer } from './pivot.js';

const TOTAL: Label = { en: 'Total', 'zh-CN': '合计' };
const key = (xs: unknown[]): string => JSON.stringify(xs);

/**
 * A pivot answer as an Excel crosstab: one line per row member (subtotals and the total
 * included, in the answer's order), one column per column member and measure.
 */
export const pivotWorkbook = async (p: PivotAnswer, locale: Locale): Promise<Buffer> => {
  const text = (levelKey: string | undefined, v: unknown): string => {
    if (v === null || v === undefined) return '—';
    const l = levelKey ? p.valueLabels[levelKey]?.[String(v)] : undefined;
    return l ? l[locale] : String(v);
  };
  const rowKeys = new Map<string, unknown[]>();
  const colKeys = new Map<string, unknown[]>();
  const values = new Map<string, PivotAnswer['cells'][number]['values']>();
  // The total row lists every column member in order (subtotals after their members).
  for (const c of [...p.cells].sort((a, b) => a.row.length - b.row.length)) colKeys.set(key(c.col), c.col);
  for (const c of p.cells) {
    rowKeys.set(key(c.row), c.row);
    values.set(`${key(c.row)}|${key(c.col)}`, c.values);
  }
  const cols = [...colKeys.values()];
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet(p.label[locale].replace(/[[\]:*?/\\]/g, '_').slice(0, 31) || 'pivot');
  const colTitle = (col: unknown[]) => (col.length < p.columns.length ? [...col.map((v, i) => text(p.columns[i]?.key, v)), TOTAL[locale]] : col.map((v, i) => text(p.columns[i]?.key, v))).join(' / ');
  ws.addRow([
    ...p.rows.map((r) => r.label[locale]),
    ...cols.flatMap((col) => p.measures.map((m) => [p.columns.length ? colTitle(col) : '', m.label[locale]].filter(Boolean).join(' · '))),
  ]).font = { bold: true };
  for (const [rk, row] of rowKeys) {
    const heads = p.rows.map((r, i) => (i < row.length ? text(r.key, row[i]) : i === row.length ? TOTAL[locale] : null));
    const line = ws.addRow([...heads, ...cols.flatMap((col) => p.measures.map((m) => values.get(`${rk}|${key(col)}`)?.[m.key] ?? null))]);
    if (row.length < p.rows.length) line.font = { bold: true };
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
};
