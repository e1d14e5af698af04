import { ApiError, apiUrl, csrfHeaders } from './http.js';
import type { Problem } from './types.js';

/** A stored file as an attachment field holds it. */
export interface StoredFile {
  id: string;
  name: string;
  type: string;
  size: number;
  sha256?: string;
  /** Kept on this device until the network returns (picked offline); uploaded with the change that holds it. */
  pending?: boolean;
}

/** The code of the refusal when a file picked offline is larger than the device keeps. */
export const HELD_FILE_TOO_LARGE = 'HELD_FILE_TOO_LARGE';

/** Keeps a file on the device when the network is gone (studio/src/offline sets it). */
export type FileHolder = (file: File, opts: { entity?: string; field?: string }) => Promise<StoredFile>;
let holder: FileHolder | undefined;
export const setFileHolder = (fn: FileHolder | undefined): void => {
  holder = fn;
};

export interface UploadOptions {
  /** The attachment field the file is for: the server checks its limits. */
  entity?: string;
  field?: string;
  /** Called with 0…100 as the bytes go out. */
  onProgress?: (percent: number) => void;
  signal?: AbortSignal;
  /** Without a network, keep the file on the device (pending) instead of failing. */
  holdWhenOffline?: boolean;
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
 * lost connection, `ABORTED` when `signal` cancels it). With `holdWhenOffline`, a lost
 * connection keeps the file on the device instead and answers it as `pending`.
 */
export const uploadFile = async (file: File, opts: UploadOptions = {}): Promise<StoredFile> => {
  try {
    return await sendFile(file, opts);
  } catch (e) {
    const lost = e instanceof ApiError && e.status === 0 && e.problem.code === 'NETWORK';
    if (lost && opts.holdWhenOffline && holder) return holder(file, { entity: opts.entity, field: opts.field });
    throw e;
  }
};

const sendFile = (file: File, opts: UploadOptions): Promise<StoredFile> =>
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
