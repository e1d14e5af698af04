import { api, csrfHeaders } from '../api/http.js';
import type { Label } from '../api/types.js';

/** POST /api/reports/:name/pivot: what the pivot view asks for. */
export interface PivotRequest {
  rows: string[];
  columns: string[];
  measures?: string[];
  drill?: Record<string, unknown>;
}

export interface PivotCell {
  row: unknown[];
  col: unknown[];
  values: Record<string, number | null>;
}

export interface PivotAnswer {
  report: string;
  label: Label;
  entity: string;
  dimensions: { name: string; label: Label; levels: { key: string; label: Label }[] }[];
  measures: { key: string; label: Label }[];
  rows: { key: string; label: Label }[];
  columns: { key: string; label: Label }[];
  cells: PivotCell[];
  valueLabels: Record<string, Record<string, Label>>;
  truncated: boolean;
}

export const runPivot = (name: string, request: PivotRequest): Promise<PivotAnswer> =>
  api.post<PivotAnswer>(`/api/reports/${encodeURIComponent(name)}/pivot`, request);

/** The same pivot as an Excel file, downloaded by the browser. */
export const downloadPivot = async (name: string, request: PivotRequest): Promise<void> => {
  const res = await fetch(`/api/reports/${encodeURIComponent(name)}/pivot.xlsx`, {
    method: 'POST',
    credentials: 'same-origin',
    headers: { 'content-type': 'application/json', ...csrfHeaders() },
    body: JSON.stringify(request),
  });
  if (!res.ok) throw new Error(res.statusText);
  const url = URL.createObjectURL(await res.blob());
  const link = document.createElement('a');
  link.href = url;
  link.download = `${name}.xlsx`;
  link.click();
  URL.revokeObjectURL(url);
};
