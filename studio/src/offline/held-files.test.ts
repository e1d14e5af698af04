import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { HeldFile, QueuedChange } from './local-store.js';

/** The device's store, in memory: the outbox, the copy and the held files. */
const device = vi.hoisted(() => ({
  outbox: new Map<number, unknown>(),
  records: new Map<string, unknown>(),
  files: new Map<string, unknown>(),
  next: 1,
}));

/** What reached the server, in order; `down` makes the next request of that kind fail for the network. */
const server = vi.hoisted(() => ({ calls: [] as string[], down: new Set<string>(), made: 0, stored: 0 }));

vi.mock('./local-store.js', () => ({
  queued: async () => [...device.outbox.values()].map((c) => structuredClone(c)),
  saveQueued: async (c: { seq: number }) => void device.outbox.set(c.seq, structuredClone(c)),
  dropQueued: async (seq: number) => void device.outbox.delete(seq),
  putLocal: async (entity: string, record: { id: string }) => void device.records.set(`${entity}:${record.id}`, record),
  removeLocal: async (entity: string, id: string) => void device.records.delete(`${entity}:${id}`),
  countLocal: async () => device.records.size,
  getKv: async () => undefined,
  applyChanges: async () => undefined,
  heldFile: async (id: string) => structuredClone(device.files.get(id)),
  keepHeldFile: async (f: { id: string }) => void device.files.set(f.id, structuredClone(f)),
  dropHeldFile: async (id: string) => void device.files.delete(id),
  heldFiles: async () => [...device.files.values()],
}));

vi.mock('../api/files.js', () => ({
  HELD_FILE_TOO_LARGE: 'HELD_FILE_TOO_LARGE',
  uploadFile: async (file: File, target: { entity: string; field: string }) => {
    const { ApiError } = await import('../api/http.js');
    if (server.down.delete('upload')) throw new ApiError({ title: 'Network error', status: 0, code: 'NETWORK' });
    server.calls.push(`upload ${file.name} for ${target.entity}.${target.field}`);
    return { id: `stored-${++server.stored}`, name: file.name, type: file.type, size: 14 };
  },
}));

vi.mock('../api/http.js', async (importOriginal) => {
  const real = await importOriginal<typeof import('../api/http.js')>();
  return {
    ...real,
    send: async (method: string, path: string, opts: { body?: Record<string, unknown> } = {}) => {
      if (path === '/api/sync/changes') return { body: { reset: false, changes: [], cursor: 'c', more: false } };
      const kind = method === 'POST' ? 'create' : 'update';
      if (server.down.delete(kind)) throw new real.ApiError({ title: 'Network error', status: 0, code: 'NETWORK' });
      server.calls.push(`${method} ${path} ${JSON.stringify(opts.body)}`);
      return { body: { ...opts.body, id: method === 'POST' ? `server-${++server.made}` : path.split('/').pop(), version: 1 } };
    },
  };
});

const { syncNow } = await import('./sync-engine.js');
const { heldIdsIn, swapHeldFiles } = await import('./held-files.js');

const hold = (id: string, name: string): { id: string; name: string; type: string; size: number; pending: true } => {
  const file: HeldFile = { id, blob: new Blob(['x'.repeat(14)], { type: 'image/jpeg' }), name, type: 'image/jpeg', size: 14, at: '2026-12-07T08:00:00Z' };
  device.files.set(id, file);
  return { id, name, type: 'image/jpeg', size: 14, pending: true };
};

const enqueue = (change: Omit<QueuedChange, 'seq' | 'key' | 'at'>) => {
  const seq = device.next++;
  device.outbox.set(seq, { ...change, seq, key: `key-${seq}`, at: '2026-12-07T08:00:00Z' });
};

describe('files picked offline, sent with the outbox', () => {
  beforeEach(() => {
    device.outbox.clear();
    device.records.clear();
    device.files.clear();
    server.calls = [];
    server.down.clear();
    server.made = server.stored = 0;
  });

  it('uploads each file just before the change that holds it: a create with its photo, then the update of the new record with its file', async () => {
    const photo = hold('device:p', 'site.jpg');
    const report = hold('device:r', 'report.pdf');
    enqueue({ kind: 'create', entity: 'visit', id: 'local-1', values: { subject: 'Site', photo } });
    enqueue({ kind: 'update', entity: 'visit', id: 'local-1', values: { files: [report] }, version: 0 });
    await syncNow();
    expect(server.calls).toEqual([
      'upload site.jpg for visit.photo',
      'POST /api/records/visit {"subject":"Site","photo":{"id":"stored-1","name":"site.jpg","type":"image/jpeg","size":14}}',
      'upload report.pdf for visit.files',
      'PATCH /api/records/visit/server-1 {"files":[{"id":"stored-2","name":"report.pdf","type":"image/jpeg","size":14}]}',
    ]);
    expect(device.outbox.size).toBe(0);
    expect(device.files.size).toBe(0);
  });

  it('never uploads a file twice when its change is sent again, and keeps it on the device until the change is taken', async () => {
    const photo = hold('device:p', 'meter.jpg');
    enqueue({ kind: 'create', entity: 'visit', id: 'local-2', values: { photo } });
    server.down.add('create');
    await syncNow();
    expect(server.calls).toEqual(['upload meter.jpg for visit.photo']);
    expect(device.outbox.size).toBe(1);
    expect(device.files.get('device:p')).toMatchObject({ uploaded: { id: 'stored-1' } });
    await syncNow();
    expect(server.calls.filter((c) => c.startsWith('upload'))).toHaveLength(1);
    expect(server.calls[1]).toContain('"id":"stored-1"');
    expect(device.files.size).toBe(0);
  });

  it('keeps a file another waiting change still names, and leaves values without held files as they are', async () => {
    const photo = hold('device:p', 'a.jpg');
    enqueue({ kind: 'update', entity: 'visit', id: 'v1', values: { photo }, version: 3 });
    enqueue({ kind: 'update', entity: 'visit', id: 'v2', values: { photo }, version: 1 });
    server.down.add('update');
    server.calls = [];
    await syncNow();
    expect(device.files.has('device:p')).toBe(true);
    await syncNow();
    expect(server.calls.filter((c) => c.startsWith('upload'))).toHaveLength(1);
    expect(device.files.size).toBe(0);
    expect(heldIdsIn({ photo: { id: 'stored-9' }, note: 'x' })).toEqual([]);
    const plain = { note: 'x' };
    expect(await swapHeldFiles('visit', plain)).toBe(plain);
  });
});
