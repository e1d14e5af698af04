import { flushPromises, mount } from '@vue/test-utils';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createMemoryHistory, createRouter } from 'vue-router';
import { i18n, setLocale } from '../i18n/index.js';
import { stubFetch } from '../testing/fetch-stub.js';
import { testPinia } from '../testing/mount-app.js';
import RelatedList from './RelatedList.vue';

describe('related list', () => {
  afterEach(() => {
    vi.unstubAllGlobals();
    document.body.innerHTML = '';
  });

  it('opens a new related record linked to the parent, naming the parent page to return to', async () => {
    setLocale('en');
    stubFetch({ 'GET /api/records/deal': { data: [], nextCursor: null } });
    const router = createRouter({ history: createMemoryHistory(), routes: [{ path: '/:rest(.*)*', component: { render: () => null } }] });
    await router.push('/app/account/a1?tab=related');
    await router.isReady();
    const w = mount(RelatedList, {
      attachTo: document.body,
      props: { related: { entity: 'deal', field: 'account' }, parentId: 'a1' },
      global: { plugins: [testPinia(), router, i18n] },
    });
    await flushPromises();
    await w.find('.related-actions button').trigger('click');
    await flushPromises();
    expect(router.currentRoute.value.path).toBe('/app/deal/new');
    expect(router.currentRoute.value.query).toEqual({ account: 'a1', returnTo: '/app/account/a1?tab=related' });
    w.unmount();
  });
});
