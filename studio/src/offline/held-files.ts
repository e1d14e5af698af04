import { ApiError } from '../api/http.js';
import { HELD_FILE_TOO_LARGE, uploadFile, type StoredFile } from '../api/files.js';
import type { RecordData } from '../api/types.js';
import { dropHeldFile, heldFile, heldFiles, keepHeldFile, type HeldFile } from './local-store.js';

/** The ids a record's value names a file picked offline by, until it is uploaded. */
export const HELD_FILE_PREFIX = 'device:';

/** The largest file the device keeps for later (bigger ones need the network). */
export const MAX_HELD_FILE_BYTES = 10 * 1024 * 1024;

export const isHeldId = (id: unknown): id is string => typeof id === 'string' && id.startsWith(HELD_FILE_PREFIX);

const newId = (): string => `${HELD_FILE_PREFIX}${typeof crypto.randomUUID === 'function' ? crypto.randomUUID() : `${Date.now().toString(16)}-${Math.random().toString(16).slice(2)}`}`;

/**
 * Keeps a file picked without a network on the device (the Blob in IndexedDB) and answers
 * it as the attachment value names it until the upload: `pending`, with a `device:` id.
 * A file larger than the device keeps is refused with HELD_FILE_TOO_LARGE.
 */
export const holdFile = async (file: File): Promise<StoredFile> => {
  if (file.size > MAX_HELD_FILE_BYTES) {
    throw new ApiError({ status: 413, title: 'File too large to keep offline', code: HELD_FILE_TOO_LARGE });
  }
  const held: HeldFile = { id: newId(), blob: file, name: file.name, type: file.type || 'application/octet-stream', size: file.size, at: new Date().toISOString() };
  await keepHeldFile(held);
  return { id: held.id, name: held.name, type: held.type, size: held.size, pending: true };
};

/** The `device:` ids the values name (an attachment value is one file or a list of them). */
export const heldIdsIn = (values: unknown): string[] => {
  if (!values || typeof values !== 'object') return [];
  const ids: string[] = [];
  for (const value of Object.values(values as Record<string, unknown>)) {
    for (const item of Array.isArray(value) ? value : [value]) {
      const id = item && typeof item === 'object' ? (item as { id?: unknown }).id : undefined;
      if (isHeldId(id)) ids.push(id);
    }
  }
  return ids;
};

/** What swapping needs: the kept files, and the upload (a seam for tests). */
export interface HeldFileStore {
  get(id: string): Promise<HeldFile | undefined>;
  keep(file: HeldFile): Promise<void>;
  upload(file: HeldFile, target: { entity: string; field: string }): Promise<StoredFile>;
}

const deviceStore: HeldFileStore = {
  get: heldFile,
  keep: keepHeldFile,
  upload: (held, target) => uploadFile(new File([held.blob], held.name, { type: held.type }), target),
};

/**
 * The values with every file picked offline replaced by the stored file it became:
 * uploaded now, field by field in order, for the field that holds it (the server checks
 * that field's limits), or taken from the earlier upload, so a change sent again never
 * uploads its files twice. A file the device no longer holds stays named as it was (the
 * server refuses it, and the change waits for the user). Upload failures are thrown.
 */
export const swapHeldFiles = async (entity: string, values: RecordData | undefined, store: HeldFileStore = deviceStore): Promise<RecordData | undefined> => {
  if (!values || !heldIdsIn(values).length) return values;
  const swapped: RecordData = { ...values };
  for (const [field, value] of Object.entries(values)) {
    const items = Array.isArray(value) ? value : [value];
    if (!heldIdsIn({ [field]: value }).length) continue;
    const out: unknown[] = [];
    for (const item of items) {
      const id = item && typeof item === 'object' ? (item as { id?: unknown }).id : undefined;
      const held = isHeldId(id) ? await store.get(id) : undefined;
      if (!held) {
        out.push(item);
        continue;
      }
      if (!held.uploaded) {
        held.uploaded = await store.upload(held, { entity, field });
        await store.keep(held);
      }
      out.push(held.uploaded);
    }
    swapped[field] = Array.isArray(value) ? out : out[0];
  }
  return swapped;
};

/** Deletes from the device the files of a change the server took, unless a change still waiting names them too. */
export const releaseHeldFiles = async (ids: string[], waiting: { values?: RecordData }[]): Promise<void> => {
  const named = new Set(waiting.flatMap((c) => heldIdsIn(c.values)));
  for (const id of ids) if (!named.has(id)) await dropHeldFile(id);
};

/** How many files wait on the device, for the banner. */
export const countHeldFiles = async (): Promise<number> => (await heldFiles()).length;
