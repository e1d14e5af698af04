import { flushPromises, mount } from '@vue/test-utils';
import { createMemoryHistory, createRouter } from 'vue-router';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { FormDocument } from '../api/types.js';
import RecordViewPage from '../pages/RecordViewPage.vue';
import { useMetaStore } from '../stores/meta.js';
import { stubFetch } from '../testing/fetch-stub.js';
import { setLocale, i18n } from '../i18n/index.js';
import { testPinia } from '../testing/mount-app.js';

/** The account form as a plugin overlay leaves it: its own section, plus a tab of deals. */
const accountForm: FormDocument = {
  kind: 'form',
  name: 'account',
  entity: 'account',
  sections: [{ name: 'main', label: { en: 'Main', 'zh-CN': '主要信息' }, fields: ['name'] }],
  tabs: [{ name: 'deals', label: { en: 'Deals', 'zh-CN': '商机' }, sections: [{ name: 'deals', relatedList: { entity: 'deal', field: 'account', columns: ['title'] } }] }],
};

/** The page at `path`, with the account form in the metadata. */
const mountAt = async (path: string) => {
  setLocale('en');
  const pinia = testPinia();
  const meta = useMetaStore().meta;
  if (meta) meta.forms = { ...meta.forms, account: accountForm };
  const router = createRouter({ history: createMemoryHistory(), routes: [{ path: '/app/:entity/:id', component: { render: () => null } }, { path: '/:rest(.*)*', component: { render: () => null } }] });
  await router.push(path);
  return mount(RecordViewPage, { attachTo: document.body, global: { plugins: [pinia, router, i18n] } });
};

describe('record page overview', () => {
  afterEach(() => {
    vi.unstubAllGlobals();
    document.body.innerHTML = '';
  });

  it('shows counts of what points at the record, a timeline, and the form’s tabs as tabs of the page', async () => {
    const { calls } = stubFetch({
      'GET /api/records/account/a1': { id: 'a1', version: 1, name: 'Acme', created_at: '2026-01-01T00:00:00Z', updated_at: '2026-01-01T00:00:00Z' },
      'GET /api/records/deal': { data: [{ id: 'd1', title: 'Alpha', created_at: '2026-01-02T00:00:00Z' }], nextCursor: null },
    });
    const page = await mountAt('/app/account/a1');
    await flushPromises();
    expect(page.get('h1').text()).toBe('Acme');
    expect(page.get('[data-count="deal.account"] .count').text()).toBe('1');
    // happy-dom's window is 1024 px wide: the timeline is a tab there.
    expect(page.findAll('.record-tabs .el-tabs__item').map((x) => x.text())).toEqual(['Details', 'Deals', 'Timeline', 'E-mails', 'History']);
    await page.get('#tab-timeline').trigger('click');
    await flushPromises();
    expect(page.get('.record-timeline .entry .title').text()).toBe('Alpha');
    expect(page.find('[data-related="deal"]').exists()).toBe(false);
    await page.get('#tab-form-deals').trigger('click');
    await flushPromises();
    expect(page.get('[data-related="deal"]').text()).toContain('Alpha');
    expect(calls.some((c) => c.url.startsWith('/api/records/deal?') && c.url.includes('sort=-created_at'))).toBe(true);
  });
});
