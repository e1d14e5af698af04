import { flushPromises, mount } from '@vue/test-utils';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { RouterView, createMemoryHistory, createRouter } from 'vue-router';
import { i18n, setLocale } from '../i18n/index.js';
import RecordEditPage from '../pages/RecordEditPage.vue';
import { json, stubFetch } from '../testing/fetch-stub.js';
import { testPinia } from '../testing/mount-app.js';
import { mapServerErrors } from './server-errors.js';

/** The create form of a deal, as the app routes to it, in Chinese. */
const openNewDeal = async () => {
  setLocale('zh-CN');
  const pinia = testPinia();
  const blank = { render: () => null };
  const router = createRouter({
    history: createMemoryHistory(),
    routes: [{ path: '/app/:entity/new', component: RecordEditPage }, { path: '/:rest(.*)*', component: blank }],
  });
  await router.push('/app/deal/new');
  await router.isReady();
  const w = mount(RouterView, { attachTo: document.body, global: { plugins: [pinia, router, i18n] } });
  await flushPromises();
  await w.find('[data-field="title"] input').setValue('Big deal');
  return w;
};

const saveAndRead = async (w: Awaited<ReturnType<typeof openNewDeal>>) => {
  await w.findAll('button').find((b) => b.text() === '保存')!.trigger('click');
  await flushPromises();
  return w.find('[role="alert"]').text();
};

describe('a form shows server refusals in the user language', () => {
  afterEach(() => {
    vi.unstubAllGlobals();
    document.body.innerHTML = '';
    setLocale('en');
  });

  it('words a 409 unique violation in Chinese', async () => {
    stubFetch({
      'POST /api/records/deal': () =>
        json(409, { title: 'Conflict', status: 409, code: 'UNIQUE_VIOLATION', detail: 'Another deal already has this title', errors: [{ field: 'title', message: 'is already taken', code: 'UNIQUE' }] }),
    });
    const w = await openNewDeal();
    const alert = await saveAndRead(w);
    expect(alert).toContain('已有其他记录使用了相同的 title 值。');
    expect(alert).not.toContain('Another deal');
    w.unmount();
  });

  it('words a 400 in Chinese: the general refusal and a field the form does not show', async () => {
    stubFetch({
      'POST /api/records/deal': () =>
        json(400, { title: 'Bad Request', status: 400, code: 'INVALID_INPUT', detail: 'The deal is not valid', errors: [{ field: 'secret', message: 'is not a field of deal', code: 'UNKNOWN_FIELD' }] }),
    });
    const w = await openNewDeal();
    const alert = await saveAndRead(w);
    expect(alert).toContain('服务器拒绝了此次修改');
    expect(alert).toContain('secret：不是已知字段');
    w.unmount();
  });
});

describe('mapServerErrors', () => {
  afterEach(() => setLocale('en'));

  it('words field errors in the current language by default, and keeps a caller’s own wording', () => {
    setLocale('zh-CN');
    const problem = { title: 'Bad Request', status: 400, code: 'INVALID_INPUT', errors: [{ field: '/name', message: 'is required', code: 'REQUIRED' }, { field: 'email', message: 'is taken' }, { field: '', message: 'Custom rule text', code: 'RULE' }] };
    expect(mapServerErrors(problem, new Set(['name']))).toEqual({ fields: { name: '为必填项' }, other: ['email：已被占用', 'Custom rule text'] });
    expect(mapServerErrors(problem, new Set(['name']), (f, e) => `${f} ${e.message}`).fields).toEqual({ name: 'name is required' });
    setLocale('en');
    expect(mapServerErrors(problem, new Set(['name'])).other).toEqual(['email: is already taken', 'Custom rule text']);
  });

  it('words a refusal without field errors by its code', () => {
    setLocale('zh-CN');
    expect(mapServerErrors({ title: 'Bad Request', status: 400, code: 'MALFORMED_JSON', detail: 'The request body is not valid JSON' }, new Set()).other).toEqual(['请求内容不是有效的 JSON。']);
  });
});
