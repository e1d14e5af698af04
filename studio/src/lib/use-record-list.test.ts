import { afterEach, describe, expect, it, vi } from 'vitest';
import { json, stubFetch } from '../testing/fetch-stub.js';
import { useRecordList } from './use-record-list.js';

describe('a record list back online after paging the device copy', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('starts again from the server when it refuses the cursor of a page from the device copy', async () => {
    let online = false;
    const { calls } = stubFetch({
      'GET /api/records/task': (url: string) => {
        const cursor = new URL(url, 'http://x').searchParams.get('cursor');
        // Offline, the device copy answered with its own cursor; the server does not know it.
        if (!online) return json(200, { data: [{ id: 'local-1' }], nextCursor: 'local:1', total: 2 });
        if (cursor === 'local:1') return json(400, { title: 'Invalid input', status: 400, code: 'INVALID_INPUT' });
        return json(200, { data: [{ id: 's1' }, { id: 's2' }], nextCursor: null, total: 2 });
      },
    });
    const list = useRecordList(() => 'task', () => ({ limit: 1 }));
    await list.reload();
    expect(list.cursor.value).toBe('local:1');

    online = true;
    await list.loadMore();
    expect(list.error.value).toBeNull();
    expect(list.rows.value.map((r) => r.id)).toEqual(['s1', 's2']);
    expect(list.total.value).toBe(2);
    expect(list.cursor.value).toBeNull();
    expect(list.loading.value).toBe(false);
    expect(calls.map((c) => new URL(c.url, 'http://x').searchParams.get('cursor'))).toEqual([null, 'local:1', null]);
  });

  it('keeps a server cursor error for a server cursor', async () => {
    stubFetch({
      'GET /api/records/task': (url: string) =>
        new URL(url, 'http://x').searchParams.get('cursor') ? json(400, { title: 'Invalid input', status: 400 }) : json(200, { data: [{ id: 's1' }], nextCursor: 'c1', total: 2 }),
    });
    const list = useRecordList(() => 'task', () => ({ limit: 1 }));
    await list.reload();
    await list.loadMore();
    expect(list.error.value).not.toBeNull();
    expect(list.rows.value.map((r) => r.id)).toEqual(['s1']);
  });
});
