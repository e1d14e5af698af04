import { api } from '../api/http.js';
import type { ReportDocument } from '../api/types.js';

export interface AnswerColumn {
  key: string;
  kind: 'group' | 'measure';
  field?: string;
  granularity?: string;
}

/** POST /api/reports/:name/run: the rows of a report, each with the json-logic that lists its records. */
export interface ReportAnswer {
  report: string;
  label: ReportDocument['label'];
  entity: string;
  columns: AnswerColumn[];
  rows: Record<string, unknown>[];
  drillFilters: unknown[];
  chart?: ReportDocument['chart'];
  truncated: boolean;
}

export const runReport = (name: string): Promise<ReportAnswer> => api.post<ReportAnswer>(`/api/reports/${encodeURIComponent(name)}/run`, {});
