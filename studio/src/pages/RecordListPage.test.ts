import { flushPromises, mount } from '@vue/test-utils';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createMemoryHistory, createRouter } from 'vue-router';
import type { ViewDocument } from '../api/types.js';
import { i18n, setLocale } from '../i18n/index.js';
import RecordListPage from './RecordListPage.vue';
import { useMetaStore } from '../stores/meta.js';
import { stubFetch } from '../testing/fetch-stub.js';
import { testPinia } from '../testing/mount-app.js';

const views: Record<string, ViewDocument> = {
  deal_all: { kind: 'view', name: 'deal_all', label: { en: 'All deals', 'zh-CN': '全部' }, entity: 'deal', default: true, columns: ['title', 'amount'] },
  deal_board: { kind: 'view', name: 'deal_board', label: { en: 'Deal board', 'zh-CN': '看板' }, entity: 'deal', type: 'kanban', columns: ['title'], kanban: { field: 'stage' } },
};

const mountPage = async (path: string) => {
  setLocale('en');
  const pinia = testPinia();
  useMetaStore().meta!.views = views;
  const router = createRouter({ history: createMemoryHistory(), routes: [{ path: '/app/:entity', component: RecordListPage }, { path: '/:rest(.*)*', component: { render: () => null } }] });
  await router.push(path);
  const w = mount({ template: '<router-view />' }, { attachTo: document.body, global: { plugins: [pinia, router, i18n] } });
  await flushPromises();
  return { w, router };
};

describe('the list page with views', () => {
  afterEach(() => {
    vi.unstubAllGlobals();
    document.body.innerHTML = '';
  });

  it('switches from the list to the board and keeps the choice in the address', async () => {
    const { calls } = stubFetch({ 'GET /api/records/deal': { data: [{ id: 'd1', version: 1, title: 'Acme', amount: 5, stage: 'new' }], nextCursor: null }, 'GET /api/views/deal/saved': { data: [] } });
    const { w, router } = await mountPage('/app/deal');
    expect(w.findAll('.view-switcher [data-view]').map((b) => b.text())).toEqual(['All deals', 'Deal board']);
    expect(w.find('.record-table').exists()).toBe(true);
    expect(w.find('.el-table-column--selection').exists()).toBe(true);
    await w.find('.view-switcher [data-view="deal_board"] input').setValue(true);
    await flushPromises();
    expect(router.currentRoute.value.query.view).toBe('deal_board');
    expect(w.find('.kanban').exists()).toBe(true);
    expect(calls.filter((c) => c.url.startsWith('/api/records/deal?')).length).toBeGreaterThanOrEqual(4);
    w.unmount();
  });

  it('applies a saved view named in the address once the saved views are known', async () => {
    const saved = { id: 'v1', entity: 'deal', name: 'Mine', definition: { filter: { '==': [{ var: 'stage' }, 'won'] }, sort: '-amount', columns: ['title'] }, shared: false, ownerId: 'u', mine: true, version: 1, updatedAt: '' };
    const { calls } = stubFetch({ 'GET /api/records/deal': { data: [], nextCursor: null }, 'GET /api/views/deal/saved': { data: [saved] } });
    const { w } = await mountPage('/app/deal?saved=v1');
    const lists = calls.filter((c) => c.url.startsWith('/api/records/deal'));
    expect(lists).toHaveLength(1);
    const q = new URL(lists[0].url, 'http://x').searchParams;
    expect(JSON.parse(q.get('filter')!)).toEqual({ '==': [{ var: 'stage' }, 'won'] });
    expect(q.get('sort')).toBe('-amount');
    expect(q.get('fields')).toBe('version,title');
    expect(w.find('.saved-toggle').text()).toBe('View: Mine');
    w.unmount();
  });
});
