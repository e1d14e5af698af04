import { flushPromises } from '@vue/test-utils';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { stubFetch } from '../../testing/fetch-stub.js';
import { mountApp } from '../../testing/mount-app.js';
import StudioDictionariesPage from './StudioDictionariesPage.vue';

const type = async (el: Element | null, value: string) => {
  (el as HTMLInputElement).value = value;
  el!.dispatchEvent(new Event('input'));
  await flushPromises();
};
const button = (root: ParentNode, text: string) => [...root.querySelectorAll('button')].find((b) => (b.textContent?.trim() ?? '') === text || b.getAttribute('aria-label') === text) as HTMLButtonElement;
const click = async (b: HTMLButtonElement) => {
  b.click();
  await flushPromises();
};

describe('studio dictionaries', () => {
  afterEach(() => {
    vi.unstubAllGlobals();
    document.body.innerHTML = '';
  });

  it('lists dictionaries with drafts, retires a stored value instead of deleting it, and reorders values', async () => {
    const { calls } = stubFetch({ 'GET /api/studio': { data: [] }, 'PUT /api/studio/dictionary/deal_stage': { version: 5 } });
    const w = mountApp(StudioDictionariesPage);
    await flushPromises();
    expect(document.querySelector('.dictionaries-table .el-table__body')!.textContent).toContain('deal_stage');
    await click(document.querySelector('.open-dictionary') as HTMLButtonElement);
    const dialog = document.querySelector('.dictionary-dialog')!;
    const values = () => [...dialog.querySelectorAll('.item-row')].map((r) => (r.querySelector('.item-value input') as HTMLInputElement).value);
    expect(values()).toEqual(['new', 'won', 'lost', 'old']);
    expect((dialog.querySelector('.item-row .item-value input') as HTMLInputElement).disabled).toBe(true);
    expect(dialog.querySelectorAll('.item-row')[3].textContent).toContain('Retired');
    expect(button(dialog, 'Remove new')).toBeUndefined();
    await click(dialog.querySelectorAll('.item-row')[2].querySelector('.retire-item') as HTMLButtonElement);
    await click(button(dialog, 'Move lost up'));
    expect(values()).toEqual(['new', 'lost', 'won', 'old']);
    await click(button(dialog, 'Add value'));
    await click(button(dialog, 'Save'));
    expect(dialog.querySelector('.row-error')!.textContent).toBe('Enter the value');
    await type(dialog.querySelector('[aria-label="Value 5"]'), 'paused');
    await type(dialog.querySelector('[aria-label="English 5"]'), 'Paused');
    await type(dialog.querySelector('[aria-label="中文 5"]'), '暂停');
    await type(dialog.querySelector('[name="dictionaryLabelEn"]'), 'Deal stage');
    await type(dialog.querySelector('[name="dictionaryLabelZh"]'), '商机阶段');
    await click(button(dialog, 'Save'));
    const body = JSON.parse(calls.find((c) => c.method === 'PUT')!.body!);
    expect(body.items.map((i: { value: string; order: number; active?: boolean }) => [i.value, i.order, i.active ?? true])).toEqual([
      ['new', 1, true],
      ['lost', 2, false],
      ['won', 3, true],
      ['old', 4, false],
      ['paused', 5, true],
    ]);
    w.unmount();
  });

  it('shows an empty state, in Chinese too', async () => {
    stubFetch({ 'GET /api/studio': { data: [] } });
    const w = mountApp(StudioDictionariesPage, {}, 'zh-CN', () => {
      const store = (w0: typeof import('../../stores/meta.js')) => w0;
      void store;
    });
    await flushPromises();
    const input = document.querySelector('input[type="search"]') as HTMLInputElement;
    await type(input, 'zzz');
    expect(document.querySelector('.el-empty')!.textContent).toContain('没有与“zzz”匹配的数据字典');
    w.unmount();
  });
});
