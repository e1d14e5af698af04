/** The portal's calls to /api/portal (bearer token kept for the tab), answering JSON or throwing the problem. */
const KEY = 'crm.portal.token';

export interface Problem {
  status: number;
  detail?: string;
  errors?: { field: string; message: string }[];
}

export const portalToken = {
  get: (): string | null => sessionStorage.getItem(KEY),
  set: (t: string | null): void => (t ? sessionStorage.setItem(KEY, t) : sessionStorage.removeItem(KEY)),
};

export const call = async <T = any>(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<T> => {
  const token = portalToken.get();
  const res = await fetch(path, {
    method,
    headers: { accept: 'application/json', ...(body !== undefined && { 'content-type': 'application/json' }), ...(token && { authorization: `Bearer ${token}` }), ...headers },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  const json = text ? JSON.parse(text) : undefined;
  if (!res.ok) throw { status: res.status, detail: json?.detail, errors: json?.errors } as Problem;
  return json as T;
};

export type Rec = Record<string, any>;

/** A file stored for the signed-in portal user, to be attached to the record they are about to save. */
export interface UploadedFile {
  id: string;
  name: string;
  type: string;
  size: number;
}

/** Uploads one file for `entity.field` (POST /api/portal/files, the raw bytes); the server checks its type and size. */
export const uploadFile = async (entity: string, field: string, file: File): Promise<UploadedFile> => {
  const token = portalToken.get();
  const res = await fetch(`/api/portal/files?entity=${encodeURIComponent(entity)}&field=${encodeURIComponent(field)}&name=${encodeURIComponent(file.name)}`, {
    method: 'POST',
    headers: { accept: 'application/json', 'content-type': file.type || 'application/octet-stream', ...(token && { authorization: `Bearer ${token}` }) },
    body: file,
  });
  const json = await res.json().catch(() => undefined);
  if (!res.ok) throw { status: res.status, detail: json?.detail, errors: json?.errors } as Problem;
  return json as UploadedFile;
};

/** A page of the FAQ, searched on the server (published portal solutions only). */
export const faqPage = (tenant: string, q: string, cursor?: string | null) =>
  call<{ data: Rec[]; nextCursor: string | null }>(
    'GET',
    `/api/public/${encodeURIComponent(tenant)}/x/portal/faq?limit=20${q ? `&q=${encodeURIComponent(q)}` : ''}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
  );
export const list = async (entity: string, sort?: string): Promise<Rec[]> =>
  (await call<{ data: Rec[] }>('GET', `/api/portal/records/${entity}?limit=200${sort ? `&sort=${encodeURIComponent(sort)}` : ''}`)).data;
