import { api } from './http.js';

/** A record's share with a user or a team (GET /api/records/:entity/:id/shares). */
export interface RecordShare {
  id: string;
  user: string | null;
  userName: string | null;
  team: string | null;
  access: 'read' | 'edit';
  createdAt: string;
}

const base = (entity: string, id: string) => `/api/records/${encodeURIComponent(entity)}/${encodeURIComponent(id)}/shares`;

export const listShares = async (entity: string, id: string): Promise<RecordShare[]> => (await api.get<{ data: RecordShare[] }>(base(entity, id))).data;

export const addShare = (entity: string, id: string, share: { user?: string; team?: string; access: 'read' | 'edit' }): Promise<RecordShare> =>
  api.post<RecordShare>(base(entity, id), share);

export const removeShare = (entity: string, id: string, shareId: string): Promise<void> => api.delete<void>(`${base(entity, id)}/${encodeURIComponent(shareId)}`);
