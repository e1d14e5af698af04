import { flushPromises } from '@vue/test-utils';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { mountApp } from '../testing/mount-app.js';
import { graphToMenu, menuToGraph, type IvrGraph, type IvrMenuDoc } from './ivr-graph.js';
import IvrNodeInspector from './IvrNodeInspector.vue';

const t = (en: string, zh: string) => ({ en, 'zh-CN': zh });
const MENU: IvrMenuDoc = {
  name: 'main_menu',
  label: t('Main menu', '主菜单'),
  start: 'welcome',
  nodes: {
    welcome: { type: 'menu', prompt: t('For service press 2.', '售后请按 2。'), options: { '2': 'service_queue' }, onInvalid: 'service_queue' },
    service_queue: { type: 'queue', prompt: t('Connecting.', '正在转接。'), queue: 'service' },
  },
};

/** The node inspector's name field: a rename reaches the menu's keys, a bad or taken name is refused in the reader's language. */
describe('IvrNodeInspector: renaming a node', () => {
  afterEach(() => {
    document.body.innerHTML = '';
  });

  const mountFor = (graph: IvrGraph, nodeId: string, locale: 'en' | 'zh-CN' = 'en') =>
    mountApp(IvrNodeInspector, { props: { graph, nodeId, queues: [{ name: 'service', label: 'Service' }] } }, locale);

  it('renames the node once the new name is entered: the menu\'s key 2 and its way out point at the new name, and the new name is selected', async () => {
    const graph = menuToGraph(MENU);
    const w = mountFor(graph, 'service_queue');
    const input = w.find('input[name="node-name"]');
    expect((input.element as HTMLInputElement).value).toBe('service_queue');
    await input.setValue('after_sales');
    await input.trigger('change');
    await flushPromises();
    const changes = w.emitted('change') as [IvrGraph][];
    expect(changes).toHaveLength(1);
    expect(graphToMenu(changes[0][0]).nodes.welcome).toMatchObject({ options: { '2': 'after_sales' }, onInvalid: 'after_sales' });
    expect(w.emitted('select')).toEqual([['node:after_sales']]);
    w.unmount();
  });

  it('refuses a taken name and a name that is not one, in English and in Chinese, without a change', async () => {
    const graph = menuToGraph(MENU);
    const w = mountFor(graph, 'service_queue');
    const input = w.find('input[name="node-name"]');
    await input.setValue('welcome');
    await input.trigger('change');
    await flushPromises();
    // The form item shows its message after it has marked itself in error.
    await vi.waitFor(() => expect(w.text()).toContain('Another node has this name'), { timeout: 10_000 });
    await input.setValue('After Sales');
    await input.trigger('change');
    await flushPromises();
    await vi.waitFor(() => expect(w.text()).toContain('Use lower-case letters, digits and underscores, starting with a letter'), { timeout: 10_000 });
    expect(w.emitted('change')).toBeUndefined();
    w.unmount();

    const zh = mountFor(graph, 'service_queue', 'zh-CN');
    const zhInput = zh.find('input[name="node-name"]');
    await zhInput.setValue('welcome');
    await zhInput.trigger('change');
    await flushPromises();
    await vi.waitFor(() => expect(zh.text()).toContain('已有其他节点使用此名称'), { timeout: 10_000 });
    expect(zh.text()).toContain('节点名称');
    expect(zh.emitted('change')).toBeUndefined();
    zh.unmount();
  });
});
