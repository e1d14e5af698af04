import { flushPromises, mount } from '@vue/test-utils';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { RouterView, createMemoryHistory, createRouter } from 'vue-router';
import { i18n, setLocale } from '../i18n/index.js';
import { json, stubFetch } from '../testing/fetch-stub.js';
import { testPinia } from '../testing/mount-app.js';
import RecordEditPage from './RecordEditPage.vue';

/** The create form of a deal opened at `url`, filled in and saved; where the app went, and what it sent. */
const createDealFrom = async (url: string) => {
  setLocale('en');
  const { calls } = stubFetch({ 'POST /api/records/deal': () => json(201, { id: 'd9', title: 'Big deal', version: 1 }) });
  const blank = { render: () => null };
  const router = createRouter({
    history: createMemoryHistory(),
    routes: [{ path: '/app/:entity/new', component: RecordEditPage }, { path: '/:rest(.*)*', component: blank }],
  });
  await router.push(url);
  await router.isReady();
  const w = mount(RouterView, { attachTo: document.body, global: { plugins: [testPinia(), router, i18n] } });
  await flushPromises();
  await w.find('[data-field="title"] input').setValue('Big deal');
  await w.findAll('button').find((b) => b.text() === 'Save')!.trigger('click');
  await vi.waitFor(() => expect(router.currentRoute.value.path).not.toBe('/app/deal/new'), { timeout: 10_000 });
  const at = router.currentRoute.value.fullPath;
  const post = calls.find((c) => c.method === 'POST')!;
  w.unmount();
  return { at, sent: JSON.parse(post.body!) as Record<string, unknown> };
};

describe('record create form opened from a parent record', () => {
  afterEach(() => {
    vi.unstubAllGlobals();
    document.body.innerHTML = '';
  });

  it('returns to the parent record after saving, and does not send where it returns as a value', async () => {
    const { at, sent } = await createDealFrom('/app/deal/new?account=a1&returnTo=%2Fapp%2Faccount%2Fa1');
    expect(at).toBe('/app/account/a1');
    expect(sent.account).toBe('a1');
    expect(sent).not.toHaveProperty('returnTo');
  });

  it('ignores a return target outside the app and opens the new record', async () => {
    const { at } = await createDealFrom('/app/deal/new?returnTo=https%3A%2F%2Fevil.example%2Fapp%2Fx');
    expect(at).toBe('/app/deal/d9');
  });
});
