import { api } from '../api/http.js';
import type { ReportDocument } from '../api/types.js';

export interface AnswerColumn {
  key: string;
  kind: 'group' | 'measure';
  field?: string;
  granularity?: string;
  /** A measure that is the earliest or latest date (or instant): texts, null over no rows. */
  type?: 'date' | 'datetime';
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

/** POST /api/reports/preview: a report document not published yet, run the same way (at most 200 rows). */
export const previewReport = (report: ReportDocument): Promise<ReportAnswer> => api.post<ReportAnswer>('/api/reports/preview', { report });
