import { flushPromises } from '@vue/test-utils';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { MetaEntity } from '../api/types.js';
import type { WorkflowDocument } from '../api/workflows.js';
import { useMetaStore } from '../stores/meta.js';
import { json, stubFetch } from '../testing/fetch-stub.js';
import { deal } from '../testing/fixtures.js';
import { mountApp } from '../testing/mount-app.js';
import BulkBar from './BulkBar.vue';
import type { Undoable } from './undoable.js';

const selected = [{ id: 'd1', version: 1 }, { id: 'd2', version: 4 }];
const button = (text: string) => [...document.querySelectorAll('button')].find((b) => b.textContent?.trim() === text) as HTMLButtonElement;

describe('BulkBar', () => {
  afterEach(() => {
    vi.unstubAllGlobals();
    document.body.innerHTML = '';
  });

  it('deletes the selected records after confirming, reports the ones refused, and restores the deleted ones on undo', async () => {
    const { calls } = stubFetch({
      'DELETE /api/records/deal/d1': () => new Response(null, { status: 204 }),
      'DELETE /api/records/deal/d2': json(409, { title: 'Conflict', status: 409, detail: 'changed meanwhile' }),
      'POST /api/records/deal/d1/restore': { id: 'd1' },
    });
    let undo: Undoable | undefined;
    const onChanged = vi.fn();
    const w = mountApp(BulkBar, { props: { entityName: 'deal', entity: deal, selected, onChanged, onUndoable: (u: Undoable) => (undo = u) } });
    expect(w.find('.bulk-count').text()).toBe('2 selected');
    await w.find('.bulk-delete').trigger('click');
    await flushPromises();
    expect(document.querySelector('.el-message-box')?.textContent).toContain('Delete 2 records? You can undo right after.');
    expect(calls).toHaveLength(0);
    button('Delete').click();
    await vi.waitFor(() => expect(onChanged).toHaveBeenCalled(), { timeout: 10_000 });
    expect(calls.map((c) => `${c.method} ${c.url} ${c.headers['If-Match']}`)).toEqual(['DELETE /api/records/deal/d1 1', 'DELETE /api/records/deal/d2 4']);
    expect(document.body.textContent).toContain('1 could not be changed: changed meanwhile');
    expect(undo?.message).toBe('1 records deleted');
    await undo!.undo();
    expect(calls.at(-1)).toMatchObject({ method: 'POST', url: '/api/records/deal/d1/restore' });
    w.unmount();
  });

  it('runs a published manual workflow on the selected records, and offers no delete without the right', async () => {
    const { calls } = stubFetch({ 'POST /api/workflows/nudge/run': { runs: ['r1', 'r2'] } });
    const nudge = { name: 'nudge', label: { en: 'Nudge owner', 'zh-CN': '提醒负责人' }, entity: 'deal', trigger: { on: 'manual' }, steps: [] } as unknown as WorkflowDocument;
    const noDelete: MetaEntity = { ...deal, access: { create: true, update: true, delete: false, fields: {} } };
    const w = mountApp(BulkBar, { props: { entityName: 'deal', entity: noDelete, selected } }, 'en', () => {
      useMetaStore().meta!.workflows = { nudge };
    });
    expect(w.find('.bulk-delete').exists()).toBe(false);
    await w.find('.bulk-run').trigger('click');
    await flushPromises();
    (document.querySelector('[data-workflow="nudge"]') as HTMLElement).click();
    await flushPromises();
    expect(JSON.parse(calls[0].body!)).toEqual({ recordIds: ['d1', 'd2'] });
    expect(document.body.textContent).toContain('“Nudge owner” started for 2 records');
    w.unmount();
  });
});
