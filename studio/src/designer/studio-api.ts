import { ApiError, api, send } from '../api/http.js';
import type { HistoryEntry } from '../api/types.js';
import type { SnapshotDocument } from './version-diff.js';

/** A document of the studio: the tenant's own draft of it, or the effective one from below. */
export interface StudioDocument<T> {
  doc: T;
  own: boolean;
}

export interface VersionDetail extends HistoryEntry {
  snapshot: SnapshotDocument[];
}

/** GET /api/studio/:kind/:name; undefined when there is no such document. */
export const getStudioDocument = async <T>(kind: string, name: string): Promise<StudioDocument<T> | undefined> => {
  try {
    const { body, headers } = await send<T>('GET', `/api/studio/${kind}/${encodeURIComponent(name)}`);
    return { doc: body, own: headers.get('x-metadata-layer') === 'tenant' };
  } catch (e) {
    if (e instanceof ApiError && e.status === 404) return undefined;
    throw e;
  }
};

/** Saves a document to the tenant's draft layer; answers the new version. */
export const saveDraft = (kind: string, name: string, doc: unknown): Promise<{ version: number }> =>
  api.put<{ version: number }>(`/api/studio/${kind}/${encodeURIComponent(name)}`, doc);

export const listVersions = async (): Promise<HistoryEntry[]> => (await api.get<{ data: HistoryEntry[] }>('/api/studio/history')).data;

export const getVersion = (version: number): Promise<VersionDetail> => api.get<VersionDetail>(`/api/studio/history/${version}`);

/** The tenant layer just before `version` (empty before the first one). */
export const snapshotBefore = async (version: number): Promise<SnapshotDocument[]> => (version > 1 ? (await getVersion(version - 1)).snapshot : []);

export const restoreVersion = (version: number): Promise<{ version: number }> => api.post<{ version: number }>(`/api/studio/restore/${version}`);

/** The tenant's own documents of one kind (drafts included), as saved. */
export const listTenantDocuments = async <T>(kind: string): Promise<T[]> =>
  (await api.get<{ data: { kind: string; doc: T }[] }>('/api/studio')).data.filter((r) => r.kind === kind).map((r) => r.doc);
