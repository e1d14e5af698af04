import { flushPromises } from '@vue/test-utils';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { mountAt } from '../../testing/mount-at.js';
import { stubFetch } from '../../testing/fetch-stub.js';
import StudioVersionPage from './StudioVersionPage.vue';

const form = (fields: string[]) => ({ kind: 'form', name: 'deal', entity: 'deal', sections: [{ name: 'main', fields }] });
const version = (v: number, snapshot: unknown[], publishedAt: string | null = null) => ({
  version: v,
  author: { id: 'u1', name: 'Ada' },
  at: '2026-11-30T09:00:00Z',
  message: `Change ${v}`,
  publishedAt,
  summary: { added: 0, removed: 0, replaced: 1, documents: [] },
  diff: [],
  snapshot,
});
const v1 = version(1, [form(['title']), { kind: 'view', name: 'deal_all', entity: 'deal', label: { en: 'All', 'zh-CN': '全部' }, columns: ['title'] }], '2026-11-30T09:01:00Z');
const v2 = { ...version(2, [form(['title', 'stage'])]), summary: { added: 0, removed: 1, replaced: 1, documents: ['form/deal', 'view/deal_all'], items: [{ action: 'changed', kind: 'form', name: 'deal' }, { action: 'removed', kind: 'view', name: 'deal_all' }] } };
const v3 = version(3, [form(['title', 'stage', 'amount'])]);

describe('version page', () => {
  afterEach(() => {
    vi.unstubAllGlobals();
    document.body.innerHTML = '';
  });

  it('shows what a version changed compared with the one before', async () => {
    stubFetch({ 'GET /api/studio/history/2': v2, 'GET /api/studio/history/1': v1 });
    const { wrapper: w } = await mountAt(StudioVersionPage, '/studio/history/:version', '/studio/history/2', 'studio-version');
    await flushPromises();
    expect(w.find('h1').text()).toBe('Version 2');
    expect(w.text()).toContain('Changes compared with version 1');
    expect(w.find('.diff-summary').text()).toBe('0 added, 1 changed, 1 removed');
    expect(w.findAll('.change-lines li').map((li) => li.text())).toEqual(['Changed form deal', 'Removed view deal_all']);
    const changed = w.find('.document-diff[data-document="form/deal"]');
    expect(changed.find('.el-tag').text()).toBe('Changed');
    const row = changed.find('.diff-change');
    expect([row.find('.diff-path').text(), row.find('.diff-before').text(), row.find('.diff-after').text()]).toEqual(['sections › main › fields', 'title', 'title, stage']);
    expect(w.find('.document-diff[data-document="view/deal_all"] .el-tag').text()).toBe('Removed');
    w.unmount();
  });

  it('says what a restore will change and restores only after confirmation', async () => {
    const { calls } = stubFetch({
      'GET /api/studio/history/2': v2,
      'GET /api/studio/history/1': v1,
      'GET /api/studio/history/3': v3,
      'GET /api/studio/history': { data: [v3, v2, v1] },
      'POST /api/studio/restore/2': { version: 4 },
      'GET /api/studio/history/4': version(4, v2.snapshot),
    });
    const { wrapper: w, router } = await mountAt(StudioVersionPage, '/studio/history/:version', '/studio/history/2', 'studio-version');
    await flushPromises();
    await w.findAll('.page-header button').find((b) => b.text() === 'Restore this version')!.trigger('click');
    await flushPromises();
    const dialog = document.querySelector('.restore-dialog')!;
    expect(dialog.textContent).toContain('The draft layer becomes what it was at version 2');
    expect(dialog.querySelector('.diff-change .diff-before')!.textContent).toBe('title, stage, amount');
    expect(dialog.querySelector('.diff-change .diff-after')!.textContent).toBe('title, stage');
    expect(calls.some((c) => c.method === 'POST')).toBe(false);
    (dialog.querySelector('.restore-confirm') as HTMLButtonElement).click();
    await flushPromises();
    expect(calls.filter((c) => c.method === 'POST').map((c) => c.url)).toEqual(['/api/studio/restore/2']);
    expect(router.currentRoute.value.fullPath).toBe('/studio/history/4');
    w.unmount();
  });

  it('says when a version does not exist', async () => {
    stubFetch({});
    const { wrapper: w } = await mountAt(StudioVersionPage, '/studio/history/:version', '/studio/history/9', 'studio-version');
    await flushPromises();
    expect(w.find('[role="alert"]').text()).toContain('Version 9 does not exist.');
    w.unmount();
  });
});
