import { flushPromises } from '@vue/test-utils';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { computed, defineComponent, h } from 'vue';
import { deal } from '../testing/fixtures.js';
import { mountApp } from '../testing/mount-app.js';
import { useRecordEditor } from './use-record-editor.js';
import { defaultRegistry } from './widget-registry.js';

type Editor = ReturnType<typeof useRecordEditor>;

const json = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': status >= 400 ? 'application/problem+json' : 'application/json' } });

/** Runs the editor inside a component (it needs i18n and Pinia) and hands it out. */
const withEditor = async (id?: string): Promise<Editor> => {
  let editor!: Editor;
  mountApp(
    defineComponent({
      setup() {
        editor = useRecordEditor({ entityName: 'deal', entity: computed(() => deal), form: computed(() => undefined), registry: defaultRegistry, id });
        return () => h('div');
      },
    }),
  );
  await editor.start();
  return editor;
};

describe('useRecordEditor', () => {
  afterEach(() => {
    vi.unstubAllGlobals();
    document.body.innerHTML = '';
  });

  it('stops on client validation without calling the server', async () => {
    const fetch = vi.fn();
    vi.stubGlobal('fetch', fetch);
    const editor = await withEditor();
    editor.values.value = { seats: 20 };
    expect(await editor.save()).toBeUndefined();
    expect(editor.errors.value).toEqual({ title: 'Title is required', seats: 'Seats must be at most 10' });
    expect(editor.general.value[0]).toBe('Please correct the highlighted fields.');
    expect(fetch).not.toHaveBeenCalled();
  });

  it('sends only filled writable fields on create and maps a 400 onto the fields', async () => {
    const fetch = vi.fn(async () =>
      json(400, { title: 'Bad Request', status: 400, code: 'INVALID_INPUT', errors: [{ field: 'title', message: 'is required', code: 'REQUIRED' }, { field: '/amount', message: 'must be >= 0' }, { field: '', message: 'general' }] }),
    );
    vi.stubGlobal('fetch', fetch);
    const editor = await withEditor();
    editor.values.value = { title: 'Ok', amount: 5, notes: '', total: 99 };
    await editor.save();
    const [, init] = fetch.mock.calls[0] as unknown as [string, RequestInit];
    expect(JSON.parse(String(init.body))).toEqual({ title: 'Ok', amount: 5 });
    expect(editor.errors.value).toEqual({ title: 'Title is required', amount: 'Amount must be >= 0' });
    expect(editor.general.value).toEqual(['The server refused the change', 'general']);
  });

  it('patches only changed fields with If-Match, and offers both versions on a 409', async () => {
    const stored = { id: 'd1', version: 3, title: 'Old', seats: 2 };
    const latest = { id: 'd1', version: 4, title: 'Theirs', seats: 2 };
    const fetch = vi
      .fn()
      .mockResolvedValueOnce(json(200, stored))
      .mockResolvedValueOnce(json(409, { title: 'Conflict', status: 409, code: 'CONFLICT' }))
      .mockResolvedValueOnce(json(200, latest))
      .mockResolvedValueOnce(json(200, { ...latest, version: 5, title: 'Mine' }));
    vi.stubGlobal('fetch', fetch);
    const editor = await withEditor('d1');
    expect(editor.dirty.value).toBe(false);
    editor.values.value = { ...editor.values.value, title: 'Mine' };
    expect(editor.dirty.value).toBe(true);
    expect(await editor.save()).toBeUndefined();
    const [url, init] = fetch.mock.calls[1] as [string, RequestInit];
    expect(url).toBe('/api/records/deal/d1');
    expect((init.headers as Record<string, string>)['If-Match']).toBe('3');
    expect(JSON.parse(String(init.body))).toEqual({ title: 'Mine' });
    await flushPromises();
    expect(editor.conflict.value?.rows).toEqual([{ name: 'title', label: 'Title', mine: 'Mine', theirs: 'Theirs' }]);
    const saved = await editor.keepMine();
    expect(saved?.version).toBe(5);
    const [, retry] = fetch.mock.calls[3] as [string, RequestInit];
    expect((retry.headers as Record<string, string>)['If-Match']).toBe('4');
    expect(editor.dirty.value).toBe(false);
  });

  it('takes the saved values when the user reloads after a conflict', async () => {
    const fetch = vi
      .fn()
      .mockResolvedValueOnce(json(200, { id: 'd1', version: 1, title: 'A' }))
      .mockResolvedValueOnce(json(409, { title: 'Conflict', status: 409 }))
      .mockResolvedValueOnce(json(200, { id: 'd1', version: 2, title: 'B' }));
    vi.stubGlobal('fetch', fetch);
    const editor = await withEditor('d1');
    editor.values.value = { ...editor.values.value, title: 'Mine' };
    await editor.save();
    editor.takeTheirs();
    expect(editor.values.value.title).toBe('B');
    expect(editor.stored.value.version).toBe(2);
    expect(editor.dirty.value).toBe(false);
  });
});
