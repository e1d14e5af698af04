import { mount } from '@vue/test-utils';
import type { Component } from 'vue';
import { createMemoryHistory, createRouter } from 'vue-router';
import { i18n, setLocale } from '../i18n/index.js';
import { testPinia } from './mount-app.js';

/**
 * Mounts a studio page at `path` of a memory router that knows `pattern` (so the page sees its
 * route parameters). Selects are stubbed (their pop-ups are slow in happy-dom); tests choose
 * through the components' events instead.
 */
export const mountAt = async (component: Component, pattern: string, path: string, name?: string) => {
  setLocale('en');
  const pinia = testPinia();
  const router = createRouter({
    history: createMemoryHistory(),
    routes: [
      { path: pattern, name, component },
      { path: '/:rest(.*)*', name: 'other', component: { render: () => null } },
    ],
  });
  await router.push(path);
  await router.isReady();
  const wrapper = mount(component, { attachTo: document.body, global: { plugins: [pinia, router, i18n], stubs: { 'router-link': { template: '<a><slot /></a>' }, ElSelect: true, ElOption: true } } });
  return { wrapper, router };
};
