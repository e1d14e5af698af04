import { flushPromises } from '@vue/test-utils';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { setLocale } from '../../i18n/index.js';
import { mountAt } from '../../testing/mount-at.js';
import { stubFetch } from '../../testing/fetch-stub.js';
import StudioHistoryPage from './StudioHistoryPage.vue';

const entry = {
  version: 3,
  author: { id: 'u1', name: 'Ada' },
  at: '2026-11-30T09:00:00Z',
  message: 'Added field wechat_id to customer',
  publishedAt: null,
  summary: {
    added: 1,
    removed: 1,
    replaced: 1,
    documents: ['entity/customer', 'view/customer_all'],
    items: [
      { action: 'added', kind: 'entity', name: 'customer', field: 'wechat_id' },
      { action: 'removed', kind: 'entity', name: 'customer', field: 'fax' },
      { action: 'changed', kind: 'view', name: 'customer_all' },
    ],
  },
};

describe('studio history', () => {
  afterEach(() => {
    vi.unstubAllGlobals();
    document.body.innerHTML = '';
    setLocale('en');
  });

  it('says what each version changed, field by field, in the reader’s language', async () => {
    stubFetch({ 'GET /api/studio/history': { data: [entry] } });
    const { wrapper: w } = await mountAt(StudioHistoryPage, '/studio/history', '/studio/history', 'studio-history');
    await flushPromises();
    const lines = () => w.findAll('.change-lines li').map((li) => li.text());
    expect(lines()).toEqual(['Added field wechat_id to customer', 'Removed field fax from customer', 'Changed view customer_all']);
    setLocale('zh-CN');
    await flushPromises();
    expect(lines()).toEqual(['为 customer 新增字段 wechat_id', '从 customer 删除字段 fax', '修改视图 customer_all']);
    w.unmount();
  });
});
