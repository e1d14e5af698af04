import { api, send } from './http.js';
import type { ListPage, RecordData, RecordHistoryEntry, TransitionOption } from './types.js';

export interface ListQuery {
  filter?: unknown;
  sort?: string;
  limit?: number;
  cursor?: string | null;
  fields?: string[];
  q?: string;
  /** Also ask how many records match across all pages. */
  total?: boolean;
}

const base = (entity: string) => `/api/records/${encodeURIComponent(entity)}`;

/** The record API (/api/records/:entity): one function per call. */
export const listRecords = (entity: string, query: ListQuery = {}): Promise<ListPage> =>
  api.get<ListPage>(base(entity), {
    filter: query.filter === undefined ? undefined : JSON.stringify(query.filter),
    sort: query.sort,
    limit: query.limit,
    cursor: query.cursor ?? undefined,
    fields: query.fields?.join(','),
    q: query.q?.trim() || undefined,
    total: query.total ? 'true' : undefined,
  });

export const getRecord = (entity: string, id: string, fields?: string[]): Promise<RecordData> =>
  api.get<RecordData>(`${base(entity)}/${encodeURIComponent(id)}`, { fields: fields?.join(',') });

export const createRecord = (entity: string, values: RecordData): Promise<RecordData> => api.post<RecordData>(base(entity), values);

export const updateRecord = (entity: string, id: string, version: number, patch: RecordData): Promise<RecordData> =>
  api.patch<RecordData>(`${base(entity)}/${encodeURIComponent(id)}`, patch, { 'If-Match': String(version) });

export const deleteRecord = async (entity: string, id: string, version?: number): Promise<void> => {
  await send('DELETE', `${base(entity)}/${encodeURIComponent(id)}`, { headers: version ? { 'If-Match': String(version) } : {} });
};

export const recordHistory = (entity: string, id: string, cursor?: string | null): Promise<{ data: RecordHistoryEntry[]; nextCursor: string | null }> =>
  api.get(`${base(entity)}/${encodeURIComponent(id)}/history`, { cursor: cursor ?? undefined });

export const recordTransitions = async (entity: string, id: string): Promise<TransitionOption[]> =>
  (await api.get<{ data: TransitionOption[] }>(`${base(entity)}/${encodeURIComponent(id)}/transitions`)).data;

/** Takes a lifecycle transition; `version` makes it fail with 409 when the record changed meanwhile. */
export const runTransition = (entity: string, id: string, transition: string, version?: number, fields?: RecordData): Promise<RecordData> =>
  api.post<RecordData>(`${base(entity)}/${encodeURIComponent(id)}/transitions/${encodeURIComponent(transition)}`, fields ? { fields } : undefined, version ? { 'If-Match': String(version) } : {});

export const runRecordAction = (entity: string, id: string, action: string, params: Record<string, unknown>): Promise<unknown> =>
  api.post(`${base(entity)}/${encodeURIComponent(id)}/actions/${encodeURIComponent(action)}`, params);
