import { flushPromises } from '@vue/test-utils';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { MetaEntity, ViewDocument } from '../api/types.js';
import { useMetaStore } from '../stores/meta.js';
import { stubFetch } from '../testing/fetch-stub.js';
import { deal, dealLifecycle } from '../testing/fixtures.js';
import { mountApp } from '../testing/mount-app.js';
import KanbanBoard from './KanbanBoard.vue';

const view: ViewDocument = { kind: 'view', name: 'deal_board', label: { en: 'Board', 'zh-CN': '看板' }, entity: 'deal', type: 'kanban', columns: ['title'], kanban: { field: 'stage', cardFields: ['amount', 'source'] } };
const rows = (url: string) => {
  const stage = JSON.parse(new URL(url, 'http://x').searchParams.get('filter')!)['=='][1];
  return new Response(JSON.stringify({ data: stage === 'new' ? [{ id: 'd1', version: 2, title: 'Acme deal', stage: 'new', amount: 1200, source: 'web' }] : [], nextCursor: null }));
};

describe('KanbanBoard', () => {
  afterEach(() => {
    vi.unstubAllGlobals();
    document.body.innerHTML = '';
  });

  it('draws a column per dictionary value with its label and count, and cards with their fields', async () => {
    stubFetch({ 'GET /api/records/deal': rows });
    const w = mountApp(KanbanBoard, { props: { entityName: 'deal', entity: deal, view } }, 'zh-CN');
    await flushPromises();
    expect(w.findAll('.kanban-column').map((c) => c.find('.column-title').text())).toEqual(['新建', '赢单', '丢单']);
    expect(w.find('.kanban-column[data-column="new"] .column-count').text()).toBe('1');
    const card = w.find('.kanban-card[data-id="d1"]');
    expect(card.find('.card-title').text()).toBe('Acme deal');
    expect(card.findAll('.card-field dt').map((d) => d.text())).toEqual(['金额', '来源']);
    expect(card.text()).toContain('网站');
    expect(w.find('.kanban-column[data-column="won"] .column-empty').text()).toBe('暂无记录');
    w.unmount();
  });

  it('moves a card from its menu through the lifecycle', async () => {
    const { calls } = stubFetch({
      'GET /api/records/deal': rows,
      'GET /api/records/deal/d1/transitions': { data: [{ name: 'win', field: 'stage', from: ['new'], to: 'won', allowed: true }] },
      'POST /api/records/deal/d1/transitions/win': { id: 'd1', version: 3, stage: 'won' },
    });
    const w = mountApp(KanbanBoard, { props: { entityName: 'deal', entity: deal, view } }, 'en', () => {
      useMetaStore().meta!.lifecycles = { deal_stage: dealLifecycle };
    });
    await flushPromises();
    await w.find('.move-button').trigger('click');
    await flushPromises();
    const item = [...document.querySelectorAll('.el-dropdown-menu__item')].find((e) => e.textContent === 'Won') as HTMLElement;
    item.click();
    await flushPromises();
    expect(calls.some((c) => c.method === 'POST' && c.url.endsWith('/transitions/win'))).toBe(true);
    expect(w.find('.kanban-column[data-column="won"] .kanban-card[data-id="d1"]').exists()).toBe(true);
    w.unmount();
  });

  it('offers no moves without the update right and says so', async () => {
    stubFetch({ 'GET /api/records/deal': rows });
    const readOnly: MetaEntity = { ...deal, access: { create: false, update: false, delete: false, fields: {} } };
    const w = mountApp(KanbanBoard, { props: { entityName: 'deal', entity: readOnly, view } });
    await flushPromises();
    expect(w.find('.read-only').text()).toBe('You may look at this board but not move cards.');
    expect(w.find('.move-button').exists()).toBe(false);
    w.unmount();
  });
});
