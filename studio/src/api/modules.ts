import { ApiError, api, csrfHeaders } from './http.js';
import type { Label, Problem } from './types.js';

export interface ModuleDocumentRef {
  kind: string;
  name: string;
}

/** A module built in the studio (GET /api/studio/modules). */
export interface StudioModule {
  id: string;
  name: string;
  label: Label;
  icon: string | null;
  menuGroup: string | null;
  version: string;
  documents: ModuleDocumentRef[];
}

export interface ModuleInput {
  name?: string;
  label?: Label;
  icon?: string | null;
  menuGroup?: string | null;
}

/** What uploading a plugin package did (POST /api/plugins/upload). */
export interface UploadAnswer {
  plugin: string;
  version: string;
  lifecycle: { changes: { plugin: string; version: string; change: string }[]; notes: string[]; seeded: Record<string, number> } | null;
}

const base = '/api/studio/modules';

export const listModules = async (): Promise<StudioModule[]> => (await api.get<{ data: StudioModule[] }>(base)).data;
export const getModule = (id: string): Promise<StudioModule> => api.get<StudioModule>(`${base}/${encodeURIComponent(id)}`);
export const createModule = (input: ModuleInput): Promise<StudioModule> => api.post<StudioModule>(base, input);
export const updateModule = (id: string, input: ModuleInput): Promise<StudioModule> => api.patch<StudioModule>(`${base}/${encodeURIComponent(id)}`, input);
export const addModuleDocuments = (id: string, documents: ModuleDocumentRef[]): Promise<StudioModule> => api.post<StudioModule>(`${base}/${encodeURIComponent(id)}/documents`, { documents });
export const removeModuleDocument = (id: string, ref: ModuleDocumentRef): Promise<StudioModule> =>
  api.delete<StudioModule>(`${base}/${encodeURIComponent(id)}/documents/${encodeURIComponent(ref.kind)}/${encodeURIComponent(ref.name)}`);

/** A failed binary request's problem, as send() would raise it. */
const refused = async (res: Response): Promise<ApiError> => {
  const text = await res.text();
  let body: Partial<Problem> = {};
  try {
    body = JSON.parse(text) as Partial<Problem>;
  } catch {
    body = { detail: text };
  }
  return new ApiError({ status: res.status, title: res.statusText, ...body } as Problem);
};

/** The module as a plugin package: the .zip and its file name. */
export const exportModule = async (id: string, body: { version?: string; demo?: { entity: string; ids: string[] }[] }): Promise<{ file: Blob; fileName: string }> => {
  const res = await fetch(`${base}/${encodeURIComponent(id)}/export`, {
    method: 'POST',
    credentials: 'same-origin',
    headers: { 'content-type': 'application/json', ...csrfHeaders() },
    body: JSON.stringify(body),
  });
  if (!res.ok) throw await refused(res);
  const fileName = /filename="?([^";]+)"?/.exec(res.headers.get('content-disposition') ?? '')?.[1] ?? 'plugin.zip';
  return { file: await res.blob(), fileName };
};

/** Uploads a plugin package into the tenant's catalogue; `apply` installs it or upgrades to it. */
export const uploadPlugin = async (file: Blob, opts: { apply: boolean; withDemoData: boolean }): Promise<UploadAnswer> => {
  const query = new URLSearchParams({ apply: String(opts.apply), withDemoData: String(opts.withDemoData) });
  const res = await fetch(`/api/plugins/upload?${query}`, { method: 'POST', credentials: 'same-origin', headers: { 'content-type': 'application/zip', ...csrfHeaders() }, body: file });
  if (!res.ok) throw await refused(res);
  return (await res.json()) as UploadAnswer;
};

/** Takes an uploaded package out of the tenant's plugin list (409 while installed). */
export const removeUploadedPackage = (plugin: string): Promise<{ plugin: string; version: string }> => api.delete(`/api/plugins/${encodeURIComponent(plugin)}/package`);

/** Saves the browser a file. */
export const saveFile = (file: Blob, fileName: string): void => {
  const url = URL.createObjectURL(file);
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
};
