import { flushPromises, mount } from '@vue/test-utils';
import { afterEach, describe, expect, it } from 'vitest';
import { defineComponent, h, ref } from 'vue';
import { createMemoryHistory, createRouter, RouterView } from 'vue-router';
import { i18n, setLocale } from '../i18n/index.js';
import { useUnsavedGuard } from './use-unsaved-guard.js';

const dirty = ref(false);
/** Every editor mounted by a test, unmounted after it even when it fails (its unload listener must not outlive it). */
const mounted: { unmount(): void }[] = [];
const Editor = defineComponent({
  setup() {
    useUnsavedGuard(dirty);
    return () => h('p', { class: 'editor' }, 'editing');
  },
});

const mountEditor = async () => {
  setLocale('en');
  const router = createRouter({
    history: createMemoryHistory(),
    routes: [
      { path: '/edit/:name', component: Editor },
      { path: '/elsewhere', component: { render: () => h('p', { class: 'elsewhere' }, 'elsewhere') } },
    ],
  });
  await router.push('/edit/a');
  await router.isReady();
  const w = mount(defineComponent({ render: () => h(RouterView) }), { attachTo: document.body, global: { plugins: [router, i18n] } });
  mounted.push(w);
  return { w, router };
};

const boxes = () => document.querySelectorAll('.el-message-box');

/**
 * The message box of the question asked after `before` (the boxes in the page then), once it
 * has `text` as a button. Told apart by identity, not position: a closed box may stay in the
 * page for a while or leave it while the next one opens.
 */
const answer = async (before: Set<Element>, text: string): Promise<Element> => {
  const deadline = Date.now() + 10_000; // a poll: on a loaded machine the box's transition can take seconds
  for (;;) {
    const box = [...boxes()].find((b) => !before.has(b) && [...b.querySelectorAll('button')].some((x) => x.textContent?.trim() === text));
    if (box) return box;
    if (Date.now() > deadline) throw new Error(`no new message box with a "${text}" button`);
    await new Promise((r) => setTimeout(r, 10));
  }
};
/** The boxes in the page now. */
const present = () => new Set(boxes());
const click = (box: Element, text: string) => [...box.querySelectorAll('button')].find((b) => b.textContent?.trim() === text)!.click();

const unload = () => {
  const e = new Event('beforeunload', { cancelable: true });
  window.dispatchEvent(e);
  return e.defaultPrevented;
};

describe('unsaved-changes guard', () => {
  afterEach(() => {
    for (const w of mounted.splice(0)) {
      try {
        w.unmount();
      } catch {
        // already unmounted by the test
      }
    }
    dirty.value = false;
    document.body.innerHTML = '';
  });

  it('lets the user leave freely while nothing is unsaved', async () => {
    const { w, router } = await mountEditor();
    await router.push('/elsewhere');
    expect(router.currentRoute.value.path).toBe('/elsewhere');
    expect(unload()).toBe(false);
    w.unmount();
  });

  it('asks before leaving with unsaved changes: Stay keeps the page, Leave goes', async () => {
    const { w, router } = await mountEditor();
    dirty.value = true;
    let shown = present();
    const staying = router.push('/elsewhere');
    const question = await answer(shown, 'Stay');
    expect(question.textContent).toContain('You have unsaved changes. Leave without saving?');
    click(question, 'Stay');
    await staying;
    await flushPromises();
    expect(router.currentRoute.value.path).toBe('/edit/a');

    shown = present();
    const leaving = router.push('/elsewhere');
    click(await answer(shown, 'Leave'), 'Leave');
    await leaving;
    expect(router.currentRoute.value.path).toBe('/elsewhere');
    w.unmount();
  });

  it('asks when the same editor opens another document, and not for a change of query', async () => {
    const { w, router } = await mountEditor();
    dirty.value = true;
    await router.push('/edit/a?tab=2');
    expect(router.currentRoute.value.fullPath).toBe('/edit/a?tab=2');
    const shown = present();
    const moving = router.push('/edit/b');
    click(await answer(shown, 'Stay'), 'Stay');
    await moving;
    expect(router.currentRoute.value.path).toBe('/edit/a');
    w.unmount();
  });

  it('holds the tab open while dirty, and stops listening once the editor is gone', async () => {
    const { w } = await mountEditor();
    dirty.value = true;
    expect(unload()).toBe(true);
    w.unmount();
    expect(unload()).toBe(false);
  });
});
