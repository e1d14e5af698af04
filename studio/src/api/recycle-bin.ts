import { api } from './http.js';
import type { RecordData } from './types.js';

const at = (entity: string, id: string) => `/api/records/${encodeURIComponent(entity)}/${encodeURIComponent(id)}`;

/** A page of the entity's deleted records the user may read, the most recently deleted first. */
export const deletedRecords = (entity: string, cursor?: string | null): Promise<{ data: RecordData[]; nextCursor: string | null }> =>
  api.get(`/api/records/${encodeURIComponent(entity)}`, { deleted: 'only', sort: '-updated_at', limit: '50', cursor: cursor ?? undefined });

export const restoreFromBin = (entity: string, id: string): Promise<RecordData> => api.post<RecordData>(`${at(entity, id)}/restore`);

/** Tenant admins, after the retention window (409 PURGE_TOO_EARLY before it). */
export const purgeFromBin = (entity: string, id: string): Promise<void> => api.post<void>(`${at(entity, id)}/purge`);
