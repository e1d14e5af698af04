import { mount, type ComponentMountingOptions } from '@vue/test-utils';
import { createPinia, setActivePinia, type Pinia } from 'pinia';
import type { Component } from 'vue';
import { createMemoryHistory, createRouter } from 'vue-router';
import { i18n, setLocale, type AppLocale } from '../i18n/index.js';
import { useMetaStore } from '../stores/meta.js';
import { useSessionStore } from '../stores/session.js';
import { meta } from './fixtures.js';

/** A fresh Pinia with the fixture metadata and a signed-in admin. */
export const testPinia = (): Pinia => {
  const pinia = createPinia();
  setActivePinia(pinia);
  useMetaStore().meta = structuredClone(meta);
  const session = useSessionStore();
  session.user = meta.user;
  session.status = 'signed-in';
  return pinia;
};

/**
 * Mounts a component with the app's plugins (i18n in `locale`, Pinia, a memory router);
 * `prepare` may change the stores (say, the metadata) before the component is created.
 */
export const mountApp = <C extends Component>(component: C, options: ComponentMountingOptions<C> = {}, locale: AppLocale = 'en', prepare?: () => void) => {
  setLocale(locale);
  const pinia = testPinia();
  prepare?.();
  const router = createRouter({ history: createMemoryHistory(), routes: [{ path: '/:rest(.*)*', component: { render: () => null } }] });
  return mount(component, {
    attachTo: document.body,
    ...options,
    global: { plugins: [pinia, router, i18n], ...(options.global ?? {}) },
  } as ComponentMountingOptions<C>);
};
