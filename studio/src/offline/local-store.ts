import { deleteDB, openDB, type DBSchema, type IDBPDatabase } from 'idb';
import type { StoredFile } from '../api/files.js';
import type { RecordData } from '../api/types.js';

/** A write made on the device, waiting to be sent in order (the outbox). */
export interface QueuedChange {
  seq?: number;
  kind: 'create' | 'update' | 'transition';
  entity: string;
  /** The record's id; for a create, the id it has on this device until the server gives one. */
  id: string;
  /** Fields written (create, update; a transition's asked-for fields). */
  values?: RecordData;
  transition?: string;
  /** The version the change was made against (If-Match). */
  version?: number;
  /** The record as the user saw it when making the change (what a conflict compares against). */
  base?: RecordData;
  /** Sent as Idempotency-Key, so a create or transition sent twice acts once. */
  key: string;
  at: string;
  /** Set when the server refused it or it met a newer version: the user fixes and resends, or discards. */
  state?: 'conflict' | 'refused';
  problem?: { status: number; title: string; detail?: string; code?: string; errors?: { field: string; message: string }[] };
}

/** A file picked while offline: its bytes wait on the device until the change that holds it is sent. */
export interface HeldFile {
  /** `device:<uuid>`, the id the record's value names until the upload. */
  id: string;
  blob: Blob;
  name: string;
  type: string;
  size: number;
  at: string;
  /** The stored file it became: set as soon as the upload succeeds, so a replay never uploads it twice. */
  uploaded?: StoredFile;
}

interface OfflineDb extends DBSchema {
  kv: { key: string; value: unknown };
  records: { key: [string, string]; value: { entity: string; id: string; record: RecordData; local?: boolean }; indexes: { entity: string } };
  outbox: { key: number; value: QueuedChange };
  files: { key: string; value: HeldFile };
}

const NAME = 'crm-offline';
let opened: Promise<IDBPDatabase<OfflineDb>> | undefined;

/**
 * The device's copy (IndexedDB): answers the app kept for offline starts (`kv`: the
 * session, the metadata, the change feed's cursor), the records of the user's working set,
 * the outbox and the files picked offline that its changes hold (`files`). It belongs to one user of one tenant (`owner`); `wipe` deletes it.
 */
export const localDb = (): Promise<IDBPDatabase<OfflineDb>> =>
  (opened ??= openDB<OfflineDb>(NAME, 2, {
    upgrade(db, from) {
      if (from < 1) {
        db.createObjectStore('kv');
        db.createObjectStore('records', { keyPath: ['entity', 'id'] }).createIndex('entity', 'entity');
        db.createObjectStore('outbox', { keyPath: 'seq', autoIncrement: true });
      }
      if (from < 2) db.createObjectStore('files', { keyPath: 'id' });
    },
    blocking() {
      void opened?.then((db) => db.close());
      opened = undefined;
    },
  }));

export const available = (): boolean => typeof indexedDB !== 'undefined';

export const getKv = async <T>(key: string): Promise<T | undefined> => (await (await localDb()).get('kv', key)) as T | undefined;
export const setKv = async (key: string, value: unknown): Promise<void> => {
  await (await localDb()).put('kv', value, key);
};

/** Deletes everything kept on this device. */
export const wipe = async (): Promise<void> => {
  if (!available()) return;
  const db = await opened?.catch(() => undefined);
  db?.close();
  opened = undefined;
  await deleteDB(NAME);
};

/** Makes the copy this user's: another user's (or tenant's) copy is wiped first. */
export const claim = async (owner: string): Promise<void> => {
  const current = await getKv<string>('owner');
  if (current && current !== owner) await wipe();
  await setKv('owner', owner);
};

export const localRecords = async (entity: string): Promise<RecordData[]> =>
  (await (await localDb()).getAllFromIndex('records', 'entity', entity)).map((r) => r.record);

export const localRecord = async (entity: string, id: string): Promise<RecordData | undefined> => (await (await localDb()).get('records', [entity, id]))?.record;

export const putLocal = async (entity: string, record: RecordData, local = false): Promise<void> => {
  await (await localDb()).put('records', { entity, id: String(record.id), record, ...(local ? { local } : {}) });
};

export const removeLocal = async (entity: string, id: string): Promise<void> => {
  await (await localDb()).delete('records', [entity, id]);
};

export const countLocal = async (): Promise<number> => (await localDb()).count('records');

/** Applies one page of the change feed; `reset` drops the records first (never the outbox or the ones made here). */
export const applyChanges = async (page: { reset: boolean; changes: ({ entity: string; id: string; op: 'upsert'; record: RecordData } | { entity: string; id: string; op: 'remove' })[]; cursor: string }): Promise<void> => {
  const db = await localDb();
  const tx = db.transaction(['records', 'kv'], 'readwrite');
  const records = tx.objectStore('records');
  if (page.reset) {
    let c = await records.openCursor();
    while (c) {
      if (!c.value.local) await c.delete();
      c = await c.continue();
    }
  }
  for (const ch of page.changes) {
    if (ch.op === 'upsert') await records.put({ entity: ch.entity, id: ch.id, record: ch.record });
    else await records.delete([ch.entity, ch.id]);
  }
  await tx.objectStore('kv').put(page.cursor, 'cursor');
  await tx.done;
};

export const queued = async (): Promise<QueuedChange[]> => (await localDb()).getAll('outbox');
export const enqueue = async (change: QueuedChange): Promise<number> => (await localDb()).add('outbox', change);
export const saveQueued = async (change: QueuedChange): Promise<void> => {
  await (await localDb()).put('outbox', change);
};
export const dropQueued = async (seq: number): Promise<void> => {
  await (await localDb()).delete('outbox', seq);
};

export const heldFile = async (id: string): Promise<HeldFile | undefined> => (await localDb()).get('files', id);
export const keepHeldFile = async (file: HeldFile): Promise<void> => {
  await (await localDb()).put('files', file);
};
export const heldFiles = async (): Promise<HeldFile[]> => (await localDb()).getAll('files');
export const dropHeldFile = async (id: string): Promise<void> => {
  await (await localDb()).delete('files', id);
};
