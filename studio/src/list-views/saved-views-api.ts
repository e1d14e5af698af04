import { api } from '../api/http.js';

/** What a saved view remembers of the list. */
export interface SavedViewDefinition {
  filter?: unknown;
  sort?: string;
  columns?: string[];
  q?: string;
  pageSize?: number;
}

/** One of GET /api/views/:entity/saved: the user's own views and the shared ones. */
export interface SavedView {
  id: string;
  entity: string;
  name: string;
  definition: SavedViewDefinition;
  shared: boolean;
  ownerId: string;
  mine: boolean;
  version: number;
  updatedAt: string;
}

const base = (entity: string) => `/api/views/${encodeURIComponent(entity)}/saved`;

export const listSavedViews = async (entity: string): Promise<SavedView[]> => (await api.get<{ data: SavedView[] }>(base(entity))).data;

export const createSavedView = (entity: string, input: { name: string; definition: SavedViewDefinition; shared?: boolean }): Promise<SavedView> =>
  api.post<SavedView>(base(entity), input);

export const updateSavedView = (entity: string, view: Pick<SavedView, 'id' | 'version'>, patch: { name?: string; shared?: boolean; definition?: SavedViewDefinition }): Promise<SavedView> =>
  api.patch<SavedView>(`${base(entity)}/${encodeURIComponent(view.id)}`, patch, { 'If-Match': String(view.version) });

export const deleteSavedView = (entity: string, id: string): Promise<unknown> => api.delete(`${base(entity)}/${encodeURIComponent(id)}`);

/** The list's present state as a definition: only what differs from the plain list is kept. */
export const definitionOf = (state: { filter?: unknown; sort?: string; columns?: string[]; q?: string }): SavedViewDefinition => {
  const d: SavedViewDefinition = {};
  if (state.filter !== undefined) d.filter = state.filter;
  if (state.sort) d.sort = state.sort;
  if (state.columns?.length) d.columns = [...state.columns];
  if (state.q?.trim()) d.q = state.q.trim();
  return d;
};
