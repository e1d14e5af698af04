import { ApiError, apiUrl, csrfHeaders } from './http.js';
import type { Problem } from './types.js';

/** A stored file as an attachment field holds it. */
export interface StoredFile {
  id: string;
  name: string;
  type: string;
  size: number;
  sha256?: string;
}

export interface UploadOptions {
  /** The attachment field the file is for: the server checks its limits. */
  entity?: string;
  field?: string;
  /** Called with 0…100 as the bytes go out. */
  onProgress?: (percent: number) => void;
  signal?: AbortSignal;
}

/** The download address of a stored file. */
export const fileUrl = (id: string): string => `/api/files/${encodeURIComponent(id)}`;

const problemOf = (xhr: XMLHttpRequest): Problem => {
  try {
    const body = JSON.parse(xhr.responseText) as Partial<Problem>;
    return { title: xhr.statusText || 'Error', ...body, status: xhr.status };
  } catch {
    return { title: xhr.statusText || 'Error', status: xhr.status, detail: xhr.responseText || undefined };
  }
};

/**
 * Uploads a file to POST /api/files (XMLHttpRequest, since fetch cannot report upload
 * progress); answers what the field stores. Failures throw ApiError (status 0 for a
 * lost connection, `ABORTED` when `signal` cancels it).
 */
export const uploadFile = (file: File, opts: UploadOptions = {}): Promise<StoredFile> =>
  new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', apiUrl('/api/files', { entity: opts.entity, field: opts.field }));
    xhr.withCredentials = true;
    xhr.setRequestHeader('accept', 'application/json');
    xhr.setRequestHeader('content-type', file.type || 'application/octet-stream');
    xhr.setRequestHeader('x-file-name', encodeURIComponent(file.name));
    for (const [k, v] of Object.entries(csrfHeaders())) xhr.setRequestHeader(k, v);
    xhr.upload.onprogress = (e) => e.lengthComputable && opts.onProgress?.(Math.round((e.loaded / e.total) * 100));
    xhr.onload = () => {
      if (xhr.status >= 200 && xhr.status < 300) resolve(JSON.parse(xhr.responseText) as StoredFile);
      else reject(new ApiError(problemOf(xhr)));
    };
    xhr.onerror = () => reject(new ApiError({ title: 'Network error', status: 0, code: 'NETWORK' }));
    xhr.onabort = () => reject(new ApiError({ title: 'Cancelled', status: 0, code: 'ABORTED' }));
    opts.signal?.addEventListener('abort', () => xhr.abort(), { once: true });
    xhr.send(file);
  });
